// __init code ran at boot and is gone: changing it is refused.
#include <linux/module.h>
#include <linux/init.h>
int kmend_t_ready;
static int __init kmend_t_setup(void)
{
	kmend_t_ready = 1;
	return 0;
}
module_init(kmend_t_setup);
