// Empty function-scope statics (mutex_init's lock_class_key without
// lockdep) carry nothing: renumbered ones are still the same.
#include <linux/module.h>
#include <linux/mutex.h>
void kmend_t_init_a(struct mutex *m)
{
	mutex_init(m);
}
int kmend_t_b(int x)
{
	return x + 2;
}
void kmend_t_init_last(struct mutex *m)
{
	mutex_init(m);
}
