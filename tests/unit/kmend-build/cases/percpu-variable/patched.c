// A per-CPU variable of the file is the kernel's: reached through a
// livepatch relocation, with the %gs-relative access kept.
#include <linux/module.h>
#include <linux/percpu.h>
static DEFINE_PER_CPU(int, kmend_t_hits);
int kmend_t_hit(void)
{
	return this_cpu_add_return(kmend_t_hits, 2);
}
