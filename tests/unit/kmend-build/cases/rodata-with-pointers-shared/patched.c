// A constant structure of pointers (an ops table) may be compared by
// address: the patch uses the kernel's own, not a copy.
#include <linux/module.h>
struct kmend_t_ops { int (*get)(int); };
static noinline int kmend_t_get(int x)
{
	return x;
}
static const struct kmend_t_ops kmend_t_ops = { .get = kmend_t_get };
const struct kmend_t_ops *kmend_t_pick(int x)
{
	return x > 1 ? &kmend_t_ops : NULL;
}
