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

static unsigned long (*kmend_kallsyms_lookup_name)(const char *name);
static kmend_kallsyms_walk_t kmend_kallsyms_on_each_symbol;
static kmend_kallsyms_walk_t kmend_module_kallsyms_on_each_symbol;
static int (*kmend_kallsyms_lookup_size_offset)(unsigned long addr,
						 unsigned long *size,
						 unsigned long *offset);
static unsigned long (*kmend_ftrace_location)(unsigned long ip);

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

void *kmend_lookup_private(const char *name)
{
	void *addr = (void *)kmend_kallsyms_lookup_name(name);

	if (!addr)
		pr_err("kernel symbol %s not found\n", name);
	return addr;
}

int kmend_symbols_init(void)
{
	kmend_kallsyms_lookup_name = (void *)kmend_find_lookup_name();
	if (!kmend_kallsyms_lookup_name) {
		pr_err("cannot find kallsyms_lookup_name (kprobes disabled?)\n");
		return -ENOENT;
	}
	kmend_kallsyms_on_each_symbol =
		kmend_lookup_private("kallsyms_on_each_symbol");
	kmend_module_kallsyms_on_each_symbol =
		kmend_lookup_private("module_kallsyms_on_each_symbol");
	kmend_kallsyms_lookup_size_offset =
		kmend_lookup_private("kallsyms_lookup_size_offset");
	kmend_ftrace_location = kmend_lookup_private("ftrace_location");
	if (!kmend_kallsyms_on_each_symbol ||
	    !kmend_module_kallsyms_on_each_symbol ||
	    !kmend_kallsyms_lookup_size_offset || !kmend_ftrace_location)
		return -ENOENT;
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
	unsigned long offset;
	int ret;

	if (objname)
		kmend_module_kallsyms_on_each_symbol(kmend_match_symbol, &q);
	else
		kmend_kallsyms_on_each_symbol(kmend_match_symbol, &q);
	ret = kmend_check_query(&q);
	if (ret)
		return ret;
	if (!kmend_kallsyms_lookup_size_offset(q.addr, size, &offset) ||
	    offset) {
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
	return kmend_ftrace_location(addr) == addr;
}
