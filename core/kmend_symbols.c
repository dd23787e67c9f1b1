// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_symbols.c - finding kernel symbols that are not exported.
 *
 * Since 5.7 kallsyms_lookup_name() is no longer exported. A kprobe resolves
 * a symbol name while it is registered, so registering one on
 * kallsyms_lookup_name itself yields its address once; every other private
 * symbol is then found through it.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/string.h>
#include "kmend_compat.h"
#include "kmend_symbols.h"

struct kmend_kernel_syms kmend_kernel;

static unsigned long kmend_find_lookup_name(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;

	if (register_kprobe(&kp) < 0)
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return addr;
}

#define KMEND_SYM(member) \
	{ #member, offsetof(struct kmend_kernel_syms, member) }

static const struct {
	const char *name;
	size_t offset;
} kmend_private_syms[] = {
	KMEND_SYM(kallsyms_on_each_symbol),
	KMEND_SYM(module_kallsyms_on_each_symbol),
	KMEND_SYM(kallsyms_lookup_size_offset),
	KMEND_SYM(ftrace_location),
	KMEND_SYM(stack_trace_save_tsk_reliable),
	KMEND_SYM(task_call_func),
	KMEND_SYM(idle_task),
	KMEND_SYM(task_curr),
	KMEND_SYM(wake_up_state),
	KMEND_SYM(schedule_on_each_cpu),
	KMEND_SYM(task_work_cancel_match),
	KMEND_SYM(tasklist_lock),
	KMEND_SYM(module_mutex),
	KMEND_SYM(find_module),
	KMEND_SYM(ftrace_enabled),
	KMEND_SYM(klp_apply_section_relocs),
	KMEND_SYM(text_poke),
	KMEND_SYM(text_poke_sync),
	KMEND_SYM(text_mutex),
};

int kmend_symbols_init(void)
{
	unsigned long addr;
	int i;

	kmend_kernel.kallsyms_lookup_name = (void *)kmend_find_lookup_name();
	if (!kmend_kernel.kallsyms_lookup_name) {
		pr_err("cannot find kallsyms_lookup_name (are kprobes disabled?)\n");
		return -ENOENT;
	}
	for (i = 0; i < ARRAY_SIZE(kmend_private_syms); i++) {
		addr = kmend_kernel.kallsyms_lookup_name(kmend_private_syms[i].name);
		if (!addr) {
			pr_err("kernel function %s not found in kallsyms\n",
			       kmend_private_syms[i].name);
			return -ENOENT;
		}
		*(unsigned long *)((char *)&kmend_kernel +
				   kmend_private_syms[i].offset) = addr;
	}
	return 0;
}

struct kmend_sym_query {
	const char *objname;	/* NULL: vmlinux */
	const char *name;
	unsigned long sympos;	/* 0: must be unique */
	unsigned long count;
	unsigned long addr;
};

/*
 * Counts every symbol of the object with the wanted name, remembering the
 * address of the sympos-th (or of the first, when any position will do:
 * uniqueness is judged from the count afterwards). The walk never stops
 * early when sympos is 0, so the count is complete.
 */
static int kmend_match_symbol(void *data, const char *name,
			      struct module *mod, unsigned long addr)
{
	struct kmend_sym_query *q = data;

	if (q->objname && (!mod || strcmp(q->objname, mod->name)))
		return 0;
	if (strcmp(q->name, name))
		return 0;
	q->count++;
	if (q->count == 1 && !q->sympos)
		q->addr = addr;
	if (q->sympos && q->count == q->sympos) {
		q->addr = addr;
		return 1;
	}
	return 0;
}

static int kmend_check_query(const struct kmend_sym_query *q)
{
	const char *obj = q->objname ?: "vmlinux";

	if (!q->count) {
		pr_err("symbol %s not found in %s\n", q->name, obj);
		return -ENOENT;
	}
	if (q->sympos && !q->addr) {
		pr_err("symbol %s in %s has %lu candidates, sympos %lu does not exist\n",
		       q->name, obj, q->count, q->sympos);
		return -EINVAL;
	}
	if (!q->sympos && q->count > 1) {
		pr_err("symbol %s in %s is ambiguous: %lu candidates, set old_sympos to pick one (1..%lu)\n",
		       q->name, obj, q->count, q->count);
		return -EINVAL;
	}
	return 0;
}

/**
 * kmend_resolve_func() - find a function by object, name and position
 * @objname:	module name, or NULL for vmlinux
 * @name:	symbol name
 * @sympos:	1-based position among same-named symbols, or 0 for unique
 * @addr:	set to the symbol's address
 * @size:	set to the symbol's size
 *
 * Return: 0, -ENOENT when there is no such symbol, -EINVAL when the name is
 * ambiguous or the position does not exist. Each failure is logged.
 */
int kmend_resolve_func(const char *objname, const char *name,
		       unsigned long sympos, unsigned long *addr,
		       unsigned long *size)
{
	struct kmend_sym_query q = {
		.objname = objname, .name = name, .sympos = sympos,
	};
	int ret;

	if (objname)
		kmend_kernel.module_kallsyms_on_each_symbol(kmend_match_symbol, &q);
	else
		kmend_kernel.kallsyms_on_each_symbol(kmend_match_symbol, &q);
	ret = kmend_check_query(&q);
	if (ret)
		return ret;
	if (!kmend_lookup_size(q.addr, size)) {
		pr_err("symbol %s in %s has no size in kallsyms\n", name,
		       objname ?: "vmlinux");
		return -EINVAL;
	}
	*addr = q.addr;
	return 0;
}

/*
 * A function ftrace can redirect starts with its __fentry__ call site. With
 * IBT off on x86_64 that site is the function's first byte; anything else
 * means the function was built notrace or without -mfentry.
 */
bool kmend_is_ftrace_location(unsigned long addr)
{
	return kmend_kernel.ftrace_location(addr) == addr;
}

/* The size of the symbol starting exactly at @addr. */
bool kmend_lookup_size(unsigned long addr, unsigned long *size)
{
	unsigned long offset;

	return kmend_kernel.kallsyms_lookup_size_offset(addr, size, &offset) &&
	       !offset;
}
