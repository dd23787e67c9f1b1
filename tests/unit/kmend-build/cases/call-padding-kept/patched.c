// CALL_PADDING (6.12): the 16 nops before each function, where call-depth
// tracking writes its accounting thunk at boot, go out with the function:
// its section is 16 + 17 bytes, the function at 16.
#include <linux/module.h>
int kmend_t_value(int x)
{
	return x + 2;
}
int kmend_t_other(int x)
{
	return x * 2;
}
