// A line number passed in a register to a function that only reports it
// (might_fault() with lock debugging): moving it is not a change.
#include <linux/module.h>
void __might_fault(const char *file, int line);
int kmend_t_check(int x)
{
	__might_fault("kmend_t.c", __LINE__);
	return x + 1;
}
