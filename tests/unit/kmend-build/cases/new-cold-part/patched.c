// The patch adds an unlikely error path, which GCC puts in a new
// foo.cold: the function is changed, its cold part comes along.
#include <linux/module.h>
int kmend_t_check(int x)
{
	if (unlikely(x > 1000)) {
		pr_err("kmend_t: %d is too large\n", x);
		return -EINVAL;
	}
	return x * 2;
}
