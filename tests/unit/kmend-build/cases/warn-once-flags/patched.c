// pr_warn_once() flags live in the shared .data.once section: an existing
// one is the running kernel's (it may have fired already), a new one is
// the patch's own piece of the section.
#include <linux/module.h>
int kmend_t_check(int x)
{
	if (x > 10)
		pr_warn_once("kmend_t: big\n");
	if (x < -10)
		pr_warn_once("kmend_t: small\n");
	return x;
}
