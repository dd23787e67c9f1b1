// vmlinux: an exported global keeps a plain reference the module loader
// resolves; a global that is not exported goes through livepatch.
#include <linux/module.h>
noinline int kmend_t_exported(int x)
{
	return x + 1;
}
noinline int kmend_t_private(int x)
{
	return x + 2;
}
int kmend_t_work(int x)
{
	return kmend_t_exported(x) + kmend_t_private(x);
}
