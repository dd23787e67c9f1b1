// Only the unlikely branch changes, and GCC moved it to show.cold: the
// function is replaced as a whole, its cold part goes with it.
#include <linux/module.h>
int kmend_t_check(int x)
{
	if (unlikely(x > 1000)) {
		pr_err("kmend_t: %d is too large\n", x);
		return -EINVAL;
	}
	return x * 2;
}
