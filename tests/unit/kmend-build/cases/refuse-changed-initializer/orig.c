// The patch changes the initial value of existing data: the running
// kernel's copy keeps its old value, so the patch is refused.
#include <linux/module.h>
static int kmend_t_table[] = { 1, 2, 3 };
int kmend_t_get(int i)
{
	return kmend_t_table[i & 1];
}
void kmend_t_set(int i, int v)
{
	kmend_t_table[i & 1] = v;
}
