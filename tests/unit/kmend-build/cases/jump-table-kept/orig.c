// __jump_table: the jump label of the replaced function is kept, with its
// static key reached through a livepatch relocation.
#include <linux/module.h>
#include <linux/jump_label.h>
static DEFINE_STATIC_KEY_FALSE(kmend_t_key);
int kmend_t_a(int x)
{
	if (static_branch_unlikely(&kmend_t_key))
		return x * 3;
	return x + 1;
}
int kmend_t_b(int x)
{
	if (static_branch_unlikely(&kmend_t_key))
		return x * 5;
	return x - 1;
}
