// The function to replace does not exist in the running kernel: stop.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 1;
}
