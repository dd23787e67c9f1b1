// BTF ids (.BTF_ids, filled in when vmlinux is linked) carry a counter and
// a line in their names; a new one above renumbers them, and a function
// that uses one is still the same.
#include <linux/module.h>
#include <linux/btf_ids.h>
BTF_ID_LIST_SINGLE(kmend_t_ids, struct, file)
u32 kmend_t_id(void)
{
	return kmend_t_ids[0];
}
int kmend_t_b(int x)
{
	return x + 1;
}
