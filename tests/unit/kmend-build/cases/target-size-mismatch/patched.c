// The running kernel's function is larger than the original object's:
// the source or config is not what the kernel was built from, and the
// build stops before writing anything.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 2;
}
