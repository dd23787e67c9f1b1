// Three functions of the running kernel are named kmend_t_helper; the one
// this file's code calls is the one among this file's other symbols, and
// livepatch names it by its position (sympos 2).
#include <linux/module.h>
static noinline int kmend_t_helper(int x)
{
	return x * 3 + 1;
}
int kmend_t_value(int x)
{
	return kmend_t_helper(x) + 1;
}
int kmend_t_other(int x)
{
	return kmend_t_helper(x) - 1;
}
