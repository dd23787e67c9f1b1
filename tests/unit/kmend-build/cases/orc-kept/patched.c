// .orc_unwind_ip and .orc_unwind: the unwind entries of the replaced
// function are kept, one for one in both tables.
#include <linux/module.h>
void kmend_t_sink(int x);
int kmend_t_a(int x)
{
	kmend_t_sink(x);
	return x + 2;
}
int kmend_t_b(int x)
{
	kmend_t_sink(x);
	kmend_t_sink(x + 1);
	return x - 1;
}
