// One function's body changes: it is the one replaced.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 1;
}
int kmend_t_other(int x)
{
	return x * 2;
}
