/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_compat.h - every difference between kernel versions lives here, so
 * the logic files carry no version #ifs.
 *
 * Reference kernel: Debian 12's 6.1 (x86_64, DYNAMIC_FTRACE_WITH_ARGS, ORC).
 * Another kernel is supported by adding its variant of each item below.
 */
#ifndef _KMEND_COMPAT_H
#define _KMEND_COMPAT_H

#include <linux/version.h>
#include <linux/ftrace.h>
#include <linux/module.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0) || \
    LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#error "kmend supports Linux 6.1; add this kernel's differences to kmend_compat.h"
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
 * With DYNAMIC_FTRACE_WITH_ARGS the cheap ftrace_caller trampoline can
 * change the return address itself, so no full register save is needed
 * (the kernel's livepatch asks for the same).
 */
#define KMEND_FTRACE_OPS_FLAGS \
	(FTRACE_OPS_FL_DYNAMIC | FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT)

/*
 * kallsyms iterators (not exported, reached through kallsyms_lookup_name).
 * In 6.1 the vmlinux walk passes a NULL module and the module walk visits
 * every module's symbols, passing the module; 6.2 changed both signatures.
 */
typedef int (*kmend_kallsyms_fn_t)(void *data, const char *name,
				   struct module *mod, unsigned long addr);
typedef int (*kmend_kallsyms_walk_t)(kmend_kallsyms_fn_t fn, void *data);

#endif /* _KMEND_COMPAT_H */
