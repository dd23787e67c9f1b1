// The same-named statics of target-static-by-debug-image without the
// debug image: the build stops, saying which symbol and what tells.
#include <linux/module.h>
static int kmend_t_count = 1;
int kmend_t_value(int x)
{
	return x + kmend_t_count + 1;
}
void kmend_t_set(int v)
{
	kmend_t_count = v;
}
