// An inline helper changes: every function it was inlined into changes.
#include <linux/module.h>
static __always_inline int kmend_t_inline(int x)
{
	return x * 4;
}
int kmend_t_a(int x)
{
	return kmend_t_inline(x) + 1;
}
int kmend_t_b(int x)
{
	return kmend_t_inline(x) - 1;
}
int kmend_t_c(int x)
{
	return x;
}
