/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_SYMBOLS_H
#define _KMEND_SYMBOLS_H

#include <linux/types.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/task_work.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include "kmend_compat.h"
/*
 * Hidden from genksyms: the types these headers complete would change the
 * CRCs of kmend.ko's exports (kmend_enable_patch()), and every patch module
 * built before would then be refused by this kmend.ko.
 */
#ifndef __GENKSYMS__
#include <linux/kallsyms.h>
#include <linux/livepatch.h>
#include <linux/stacktrace.h>
#include <linux/static_call.h>
#include <asm/text-patching.h>
#endif

/*
 * Kernel functions kmend needs that are not exported to modules, found
 * through kallsyms once at load, each with the kernel's own prototype.
 *
 * They are called through static calls, never through a function pointer:
 * on a CPU with IBT the kernel seals at boot the ENDBR64 of every function
 * whose address it never takes, and these are such functions, so an
 * indirect call would raise #CP. A static call is patched into a direct
 * call (and its trampoline into a direct jump) by the kernel itself, which
 * also routes it through the callee's call-depth accounting thunk. See
 * "IBT" in docs/design.md. Call them as kmend_call(name)(args).
 */
#define KMEND_PRIVATE_FUNCS(X)					\
	X(kallsyms_lookup_name)					\
	X(kallsyms_on_each_symbol)				\
	X(module_kallsyms_on_each_symbol)			\
	X(kallsyms_lookup_size_offset)				\
	X(ftrace_location)					\
	X(stack_trace_save_tsk_reliable)			\
	X(task_call_func)					\
	X(idle_task)						\
	X(task_curr)						\
	X(wake_up_state)					\
	X(schedule_on_each_cpu)					\
	X(task_work_cancel_match)				\
	X(find_module)						\
	X(klp_apply_section_relocs)				\
	X(text_poke)						\
	X(text_poke_sync)

#ifndef __GENKSYMS__
#define KMEND_DECLARE_CALL(name) DECLARE_STATIC_CALL(kmend_##name, name);
KMEND_PRIVATE_FUNCS(KMEND_DECLARE_CALL)
#undef KMEND_DECLARE_CALL
#endif

#define kmend_call(name) static_call(kmend_##name)

/*
 * Kernel data kmend needs that is not exported, found the same way. Every
 * member is set when kmend_symbols_init() succeeds. No member may be a
 * function pointer (the reason above); the guest test endbr checks that
 * kmend's data holds none into the kernel's text.
 */
struct kmend_kernel_syms {
	rwlock_t *tasklist_lock;
	struct mutex *module_mutex;
	int *ftrace_enabled;
	struct mutex *text_mutex;
};

extern struct kmend_kernel_syms kmend_kernel;

int kmend_symbols_init(void);
int kmend_resolve_func(const char *objname, const char *name,
		       unsigned long sympos, unsigned long *addr,
		       unsigned long *size);
bool kmend_is_ftrace_location(unsigned long addr);
bool kmend_lookup_size(unsigned long addr, unsigned long *size);

#endif /* _KMEND_SYMBOLS_H */
