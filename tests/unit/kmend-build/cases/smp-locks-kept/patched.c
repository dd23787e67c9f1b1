// .smp_locks: the lock prefix of the replaced function's atomic is kept.
#include <linux/module.h>
#include <linux/atomic.h>
int kmend_t_a(atomic_t *v)
{
	atomic_inc(v);
	return 2;
}
int kmend_t_b(atomic_t *v)
{
	atomic_dec(v);
	return 0;
}
