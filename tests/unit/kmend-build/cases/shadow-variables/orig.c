// The shadow variable API (kmend.h) and the kernel's klp_shadow_*() are
// exported functions: plain references the module loader resolves.
#include <linux/module.h>
#include <linux/livepatch.h>
#include <kmend-macros.h>
struct kmend_t_obj { int a; };
int kmend_t_use(struct kmend_t_obj *o)
{
	return o->a;
}
