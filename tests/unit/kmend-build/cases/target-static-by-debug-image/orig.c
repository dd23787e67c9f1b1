// A static whose name another file's static shares, neither told apart
// by its neighbours in kallsyms nor by code (nodes_per_socket of
// arch/x86/kernel/cpu/amd.c and hygon.c): vmlinux's debug image, whose
// symbol table has FILE symbols, says which is this file's (setup makes
// the kallsyms lines and such an image: ours is the second).
#include <linux/module.h>
static int kmend_t_count = 1;
int kmend_t_value(int x)
{
	return x + kmend_t_count;
}
void kmend_t_set(int v)
{
	kmend_t_count = v;
}
