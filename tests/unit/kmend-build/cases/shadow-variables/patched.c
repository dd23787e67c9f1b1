// The shadow variable API (kmend.h) and the kernel's klp_shadow_*() are
// exported functions: plain references the module loader resolves.
#include <linux/module.h>
#include <linux/livepatch.h>
#include <kmend-macros.h>
struct kmend_t_obj { int a; };
#define KMEND_T_SHADOW 1
int kmend_t_use(struct kmend_t_obj *o)
{
	int *count = kmend_shadow_get_or_alloc(o, KMEND_T_SHADOW,
					       sizeof(*count), GFP_ATOMIC,
					       NULL, NULL);
	int *other = klp_shadow_get(o, 2);

	if (count)
		(*count)++;
	return o->a + (count ? *count : 0) + (other ? *other : 0);
}
