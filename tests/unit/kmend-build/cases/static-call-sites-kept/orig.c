// .static_call_sites: the replaced function's static call site is kept.
#include <linux/module.h>
#include <linux/static_call.h>
int kmend_t_impl(int x);
DEFINE_STATIC_CALL(kmend_t_call, kmend_t_impl);
int kmend_t_a(int x)
{
	return static_call(kmend_t_call)(x) + 1;
}
int kmend_t_b(int x)
{
	return static_call(kmend_t_call)(x) - 1;
}
