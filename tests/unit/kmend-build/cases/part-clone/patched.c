// GCC splits the unlikely tail of a function into foo.part.0, which has
// its own fentry call: the part is what changes.
#include <linux/module.h>
#include <linux/slab.h>
struct kmend_t_big { int a[64]; };
static int kmend_t_partly(struct kmend_t_big *b, int x)
{
	if (likely(x < 10))
		return x;
	if (b->a[x & 63] > 5) {
		b->a[1] += x * b->a[2];
		b->a[5] ^= b->a[x & 7] * 11;
		b->a[6] ^= b->a[(x >> 3) & 7] * 13;
		pr_info("kmend_t %d\n", x);
		kfree(kmalloc(x, GFP_KERNEL));
	}
	return b->a[x & 63] * 3 + b->a[8];
}
int kmend_t_use(struct kmend_t_big *b, int x)
{
	return kmend_t_partly(b, x) + kmend_t_partly(b, x + 2) +
	       kmend_t_partly(b, x * 3);
}
