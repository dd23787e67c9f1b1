// In a module, the module's own symbols go through livepatch relocations
// named after the module, exported or not; vmlinux's exports stay plain.
#include <linux/module.h>
#include <linux/slab.h>
static int kmend_t_state;
noinline int kmend_t_exported(int x)
{
	return x;
}
EXPORT_SYMBOL(kmend_t_exported);
int kmend_t_work(int x)
{
	kfree(kmalloc(16, GFP_KERNEL));
	return kmend_t_exported(x) + kmend_t_state + 1;
}
void kmend_t_set(int v)
{
	kmend_t_state = v;
}
