// Two functions each have a static named "count"; the patch swaps the
// functions' order, so GCC swaps the numbers. Each must still pair with
// its own: the one used by the same function.
#include <linux/module.h>
int kmend_t_a(void)
{
	static int count;
	return ++count;
}
int kmend_t_b(void)
{
	static int count;
	return count += 10;
}
