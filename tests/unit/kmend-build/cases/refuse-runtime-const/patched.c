// A function of vmlinux using a runtime constant (6.11+'s
// runtime_const_ptr(), as d_hash() in fs/dcache.c): the kernel writes the
// constant into vmlinux's code at boot, never into a module's, so a
// patch's copy would use the placeholder: refused, naming the function.
// asm/runtime-const.h refuses modules (#error), so its macro is spelled
// out here as the kernel's fs/dcache.c gets it.
#include <linux/module.h>
#define kmend_t_runtime_const_ptr(sym) ({				\
	typeof(sym) __ret;						\
	asm_inline("mov %1,%0\n1:\n"					\
		".pushsection runtime_ptr_" #sym ",\"a\"\n\t"		\
		".long 1b - %c2 - .\n"					\
		".popsection"						\
		: "=r" (__ret)						\
		: "i" ((unsigned long)0x0123456789abcdefull),		\
		  "i" (sizeof(long)));					\
	__ret; })
unsigned long *kmend_t_table;
unsigned long kmend_t_lookup(unsigned int i)
{
	return kmend_t_runtime_const_ptr(kmend_t_table)[i + 1];
}
