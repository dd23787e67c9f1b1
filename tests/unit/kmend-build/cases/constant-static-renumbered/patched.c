// Constant function-scope statics reached only through data (__func__ of
// a pr_debug, through its dynamic debug descriptor) are paired by content:
// a new pr_debug above renumbers them, and nothing else changes.
#include <linux/module.h>
#include <linux/printk.h>
int kmend_t_first(int x)
{
	pr_debug("%s: %d\n", __func__, x);
	return x;
}
int kmend_t_a(int x)
{
	pr_debug("%s: %d\n", __func__, x);
	return x + 1;
}
int kmend_t_b(int x)
{
	pr_debug("%s: %d\n", __func__, x);
	return x + 2;
}
