// __bug_table: the WARN_ON entry of the replaced function is kept, the
// other function's is dropped.
#include <linux/module.h>
int kmend_t_a(int x)
{
	WARN_ON(x == 3);
	return x + 2;
}
int kmend_t_b(int x)
{
	WARN_ON(x == 5);
	return x - 1;
}
