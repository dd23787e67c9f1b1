/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_compat.h - every difference between kernel versions lives here, so
 * the logic files carry no version #ifs.
 *
 * Supported: Debian 12's 6.1, Debian 12's 6.12 line and Debian 13's 6.12
 * (x86_64, DYNAMIC_FTRACE_WITH_ARGS, ORC; the 6.12 kernels also with
 * X86_KERNEL_IBT, CALL_THUNKS and RETHUNK). Another kernel is supported by
 * adding its variant of each item below.
 */
#ifndef _KMEND_COMPAT_H
#define _KMEND_COMPAT_H

#include <linux/version.h>
#include <linux/ftrace.h>
#include <linux/module.h>
#ifndef __GENKSYMS__	/* as in kmend_symbols.h: keeps the exports' CRCs */
#include <linux/string.h>
#include <asm/ibt.h>
#endif

#define KMEND_LINUX_6_12 (LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0))

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0) || \
    (LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0) && !KMEND_LINUX_6_12) || \
    LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#error "kmend supports Linux 6.1 and 6.12; add this kernel's differences to kmend_compat.h"
#endif

#if !defined(CONFIG_X86_64) || !defined(CONFIG_DYNAMIC_FTRACE_WITH_ARGS)
#error "kmend needs x86_64 with CONFIG_DYNAMIC_FTRACE_WITH_ARGS"
#endif

/*
 * Generated patches carry their relocations in the kernel's livepatch
 * module format, which the module loader keeps (mod->klp_info) only with
 * CONFIG_LIVEPATCH. 6.1 has no clear_relocate_add(): kmend clears the
 * targets itself when a patched module goes (kmend_reloc.c).
 */
#ifndef CONFIG_LIVEPATCH
#error "kmend needs CONFIG_LIVEPATCH for the livepatch module format"
#endif

/*
 * Private kernel functions are called through static calls (see
 * kmend_symbols.h): with HAVE_STATIC_CALL_INLINE every call site becomes
 * a direct call, which IBT does not check.
 */
#ifndef CONFIG_HAVE_STATIC_CALL
#error "kmend needs CONFIG_HAVE_STATIC_CALL to call private kernel functions"
#endif

/*
 * With DYNAMIC_FTRACE_WITH_ARGS the cheap ftrace_caller trampoline can
 * change the return address itself, so no full register save is needed
 * (the kernel's livepatch asks for the same).
 */
#define KMEND_FTRACE_OPS_FLAGS \
	(FTRACE_OPS_FL_DYNAMIC | FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT)

/* Where the traced function continues: 6.2 renamed the helper. */
static inline void kmend_ftrace_set_ip(struct ftrace_regs *fregs,
				       unsigned long ip)
{
#if KMEND_LINUX_6_12
	ftrace_regs_set_instruction_pointer(fregs, ip);
#else
	ftrace_instruction_pointer_set(fregs, ip);
#endif
}

/*
 * Direct calls on an ops of their own. 6.1's _multi variants became the
 * only ones in 6.3; the filter stays with the caller, who frees it (the
 * new free_filters argument is false).
 */
static inline int kmend_register_ftrace_direct(struct ftrace_ops *ops,
					       unsigned long addr)
{
#if KMEND_LINUX_6_12
	return register_ftrace_direct(ops, addr);
#else
	return register_ftrace_direct_multi(ops, addr);
#endif
}

static inline int kmend_unregister_ftrace_direct(struct ftrace_ops *ops,
						 unsigned long addr)
{
#if KMEND_LINUX_6_12
	return unregister_ftrace_direct(ops, addr, false);
#else
	return unregister_ftrace_direct_multi(ops, addr);
#endif
}

/*
 * kallsyms walks (kallsyms_on_each_symbol and module_kallsyms_on_each_symbol
 * are not exported: they are static calls of kmend_symbols.h). kmend's
 * callbacks take (data, name, addr) and see one object's symbols: 6.12's
 * form, where the vmlinux walk sees vmlinux only and the module walk is
 * given the module's name. In 6.1 both callbacks also take the module and
 * the module walk visits every module: an adapter filters by name.
 */
typedef int (*kmend_kallsyms_fn_t)(void *data, const char *name,
				   unsigned long addr);

#if KMEND_LINUX_6_12
#define kmend_walk_vmlinux_symbols(walk, fn, data)	walk(fn, data)
#define kmend_walk_module_symbols(walk, objname, fn, data) \
	walk(objname, fn, data)
#else
struct kmend_kallsyms_filter {
	const char *objname;
	kmend_kallsyms_fn_t fn;
	void *data;
};

static inline int kmend_kallsyms_filter_fn(void *data, const char *name,
					   struct module *mod,
					   unsigned long addr)
{
	struct kmend_kallsyms_filter *f = data;

	if (!mod || strcmp(mod->name, f->objname))
		return 0;
	return f->fn(f->data, name, addr);
}

static inline int kmend_kallsyms_vmlinux_fn(void *data, const char *name,
					    struct module *mod,
					    unsigned long addr)
{
	struct kmend_kallsyms_filter *f = data;

	return mod ? 0 : f->fn(f->data, name, addr);
}

#define kmend_walk_vmlinux_symbols(walk, fn, data)	({		\
	struct kmend_kallsyms_filter __f = { NULL, (fn), (data) };		\
	walk(kmend_kallsyms_vmlinux_fn, &__f);					\
})
#define kmend_walk_module_symbols(walk, name, fn, data)	({		\
	struct kmend_kallsyms_filter __f = { (name), (fn), (data) };		\
	walk(kmend_kallsyms_filter_fn, &__f);					\
})
#endif

/*
 * Where ftrace's __fentry__ site is in a function starting at @addr: its
 * first byte, or with X86_KERNEL_IBT the byte after the ENDBR64 that
 * starts every function whose address may be taken. A sealed ENDBR (IBT
 * hardware turns the unused ones into a 4-byte NOP at boot) still counts:
 * is_endbr() knows the poison.
 */
static inline unsigned long kmend_fentry_site(unsigned long addr)
{
	return is_endbr(*(u32 *)addr) ? addr + ENDBR_INSN_SIZE : addr;
}

#endif /* _KMEND_COMPAT_H */
