// The new code calls a static function that did not change: the call
// goes to the running kernel's copy, through a livepatch relocation.
#include <linux/module.h>
static noinline int kmend_t_helper(int x)
{
	return x * 3 + 1;
}
int kmend_t_value(int x)
{
	return kmend_t_helper(x) + 2;
}
