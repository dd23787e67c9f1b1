// A patch cannot add to the kernel's exported symbols: refused.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 1;
}
