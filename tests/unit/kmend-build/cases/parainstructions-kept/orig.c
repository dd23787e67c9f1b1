// .parainstructions: the paravirt sites of the replaced function are kept.
#include <linux/module.h>
#include <linux/irqflags.h>
int kmend_t_a(int *v)
{
	unsigned long flags;

	local_irq_save(flags);
	*v += 1;
	local_irq_restore(flags);
	return 1;
}
int kmend_t_b(int *v)
{
	unsigned long flags;

	local_irq_save(flags);
	*v -= 1;
	local_irq_restore(flags);
	return 0;
}
