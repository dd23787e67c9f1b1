// A new global variable goes into the patch, with its initial value.
#include <linux/module.h>
int kmend_t_bonus = 41;
int kmend_t_value(int x)
{
	return x + kmend_t_bonus;
}
