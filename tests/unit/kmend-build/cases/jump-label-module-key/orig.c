// A jump label of a module's code whose key is the module's own: the
// patch cannot reach the key before the module's sites are set up, so the
// change is refused.
#include <linux/module.h>
#include <linux/jump_label.h>
static DEFINE_STATIC_KEY_FALSE(kmend_t_key);
int kmend_t_a(int x)
{
	if (static_branch_unlikely(&kmend_t_key))
		return x * 3;
	return x + 1;
}
