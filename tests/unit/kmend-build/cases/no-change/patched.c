// The same source twice: nothing to patch.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 1;
}
