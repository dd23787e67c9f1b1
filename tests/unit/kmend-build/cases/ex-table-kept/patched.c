// __ex_table: the exception fixup of the replaced function's user access
// is kept, the other's dropped.
#include <linux/module.h>
#include <linux/uaccess.h>
long kmend_t_a(long __user *p)
{
	if (!user_access_begin(p, sizeof(*p)))
		return -EFAULT;
	unsafe_put_user(3, p, fault);
	user_access_end();
	return 0;
fault:
	user_access_end();
	return -EFAULT;
}
long kmend_t_b(long __user *p)
{
	if (!user_access_begin(p, sizeof(*p)))
		return -EFAULT;
	unsafe_put_user(2, p, fault);
	user_access_end();
	return 0;
fault:
	user_access_end();
	return -EFAULT;
}
