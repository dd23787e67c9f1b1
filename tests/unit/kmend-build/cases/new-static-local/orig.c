// A static added inside a changed function is new: the patch has its own,
// with its initial value.
#include <linux/module.h>
int kmend_t_count(int x)
{
	return x + 1;
}
