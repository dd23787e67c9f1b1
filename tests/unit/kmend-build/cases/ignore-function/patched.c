// KMEND_IGNORE_FUNCTION(): a function that changed only as a side effect
// is not replaced.
#include <linux/module.h>
#include <kmend-macros.h>
int kmend_t_a(int x)
{
	return x + 2;
}
int kmend_t_b(int x)
{
	return x - 2;
}
KMEND_IGNORE_FUNCTION(kmend_t_b);
