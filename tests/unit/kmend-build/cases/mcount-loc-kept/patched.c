// __mcount_loc: the fentry site of the replaced function is kept.
#include <linux/module.h>
int kmend_t_a(int x)
{
	return x + 2;
}
int kmend_t_b(int x)
{
	return x - 1;
}
int kmend_t_c(int x)
{
	return x * 2;
}
