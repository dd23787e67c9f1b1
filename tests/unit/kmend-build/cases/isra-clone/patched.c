// GCC passes a struct's field instead of the struct (foo.isra.0): the
// clone is compared, and replaced, under its own name.
#include <linux/module.h>
struct kmend_t_big { int a[64]; int flag; };
static noinline int kmend_t_target(struct kmend_t_big *b)
{
	return b->flag * 9 + b->a[3];
}
int kmend_t_use(struct kmend_t_big *b)
{
	return kmend_t_target(b) + 1;
}
