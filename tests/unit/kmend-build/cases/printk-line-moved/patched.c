// pr_debug descriptors (__dyndbg) and printk call sites carry line
// numbers; moving them is not a change.
//
//
#include <linux/module.h>
int kmend_t_log(int x)
{
	pr_debug("kmend_t debug %d\n", x);
	pr_info("kmend_t info %d\n", x);
	return x;
}
