// __exit code of a module cannot be replaced (the module's own exit runs
// at removal); its change is reported and left out.
#include <linux/module.h>
#include <linux/init.h>
int kmend_t_gone;
static void __exit kmend_t_teardown(void)
{
	kmend_t_gone = 1;
}
module_exit(kmend_t_teardown);
