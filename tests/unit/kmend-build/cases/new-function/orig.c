// The patch adds a helper: it is included, not replaced.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 1;
}
