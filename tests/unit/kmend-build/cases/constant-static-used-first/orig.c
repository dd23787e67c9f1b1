// A new __func__ used before an existing one of an inlined callee: the
// constants pair by content, not by their order of use (kernel/fork.c's
// copy_process with a pr_debug of its own name on top, 6.12).
#include <linux/module.h>
static inline void kmend_t_helper(int x)
{
	pr_info("%s: %d\n", __func__, x);
}
int kmend_t_value(int x)
{
	kmend_t_helper(x);
	return x + 1;
}
