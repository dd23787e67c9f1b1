// .retpoline_sites and .return_sites (objtool): the sites of the replaced
// function are kept, the other's dropped.
#include <linux/module.h>
int kmend_t_a(int (*fn)(int), int x)
{
	return fn(x) + 1;
}
int kmend_t_b(int (*fn)(int), int x)
{
	return fn(x) - 1;
}
