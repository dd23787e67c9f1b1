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
 * Kernel functions kmend needs that are not exported to modules, found
 * through kallsyms once at load. Every member is set when
 * kmend_symbols_init() succeeds.
 */
struct kmend_kernel_syms {
	unsigned long (*kallsyms_lookup_name)(const char *name);
	kmend_kallsyms_walk_t kallsyms_on_each_symbol;
	kmend_kallsyms_walk_t module_kallsyms_on_each_symbol;
	int (*kallsyms_lookup_size_offset)(unsigned long addr,
					   unsigned long *size,
					   unsigned long *offset);
	unsigned long (*ftrace_location)(unsigned long ip);
	int (*stack_trace_save_tsk_reliable)(struct task_struct *tsk,
					     unsigned long *store,
					     unsigned int size);
	int (*task_call_func)(struct task_struct *p, task_call_f func,
			      void *arg);
	struct task_struct *(*idle_task)(int cpu);
	int (*task_curr)(const struct task_struct *p);
	int (*wake_up_state)(struct task_struct *p, unsigned int state);
	int (*schedule_on_each_cpu)(work_func_t func);
	struct callback_head *(*task_work_cancel_match)(
		struct task_struct *task,
		bool (*match)(struct callback_head *, void *data), void *data);
	rwlock_t *tasklist_lock;
	struct mutex *module_mutex;
	struct module *(*find_module)(const char *name);
	int *ftrace_enabled;
	int (*klp_apply_section_relocs)(struct module *pmod, Elf_Shdr *sechdrs,
					const char *shstrtab,
					const char *strtab,
					unsigned int symndx,
					unsigned int secndx,
					const char *objname);
	void *(*text_poke)(void *addr, const void *opcode, size_t len);
	void (*text_poke_sync)(void);
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
