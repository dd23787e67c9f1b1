// The patch adds a helper: it is included, not replaced.
#include <linux/module.h>
static noinline int kmend_t_helper(int x)
{
	return x * 7 + 3;
}
int kmend_t_value(int x)
{
	return kmend_t_helper(x) + 1;
}
