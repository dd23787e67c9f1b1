// The new code uses a file-scope static variable: it uses the running
// kernel's, whose state it shares, through a livepatch relocation.
#include <linux/module.h>
static int kmend_t_total = 5;
int kmend_t_add(int x)
{
	kmend_t_total += x;
	return kmend_t_total;
}
