// A static callee that is not inlined changes: only it is replaced; its
// caller keeps calling it, and the call is redirected.
#include <linux/module.h>
static noinline int kmend_t_callee(int x)
{
	return x * 4 + 1;
}
int kmend_t_caller(int x)
{
	return kmend_t_callee(x) + 1;
}
