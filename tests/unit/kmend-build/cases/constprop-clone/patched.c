// A clone specialised for a constant argument (foo.constprop.0) changes.
#include <linux/module.h>
static noinline int kmend_t_scale(int x, int mode)
{
	if (mode)
		return x * 5 + 4;
	return x - 1;
}
int kmend_t_use(int x)
{
	return kmend_t_scale(x, 1) + kmend_t_scale(x + 1, 1);
}
