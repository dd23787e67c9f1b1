// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_symbols.c - finding kernel symbols that are not exported.
 *
 * Since 5.7 kallsyms_lookup_name() is no longer exported. A kprobe resolves
 * a symbol name while it is registered, so registering one on
 * kallsyms_lookup_name itself yields its address once; every other private
 * symbol is then found through it. Private functions are reached through
 * static calls (kmend_symbols.h says why).
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/string.h>
#include "kmend_compat.h"
#include "kmend_symbols.h"

struct kmend_kernel_syms kmend_kernel;

/*
 * Each static call starts as a NULL call and is pointed at its function
 * by kmend_symbols_init(), before any use.
 */
#define KMEND_DEFINE_CALL(name) DEFINE_STATIC_CALL_NULL(kmend_##name, name);
KMEND_PRIVATE_FUNCS(KMEND_DEFINE_CALL)
#undef KMEND_DEFINE_CALL

struct kmend_private_func {
	const char *name;
	struct static_call_key *key;
	void *tramp;
};

#define KMEND_FUNC_ENTRY(fn) \
	{ #fn, &STATIC_CALL_KEY(kmend_##fn), STATIC_CALL_TRAMP_ADDR(kmend_##fn) },
static const struct kmend_private_func kmend_private_funcs[] = {
	KMEND_PRIVATE_FUNCS(KMEND_FUNC_ENTRY)
};
#undef KMEND_FUNC_ENTRY

#define KMEND_DATA(member) \
	{ #member, offsetof(struct kmend_kernel_syms, member) }

static const struct {
	const char *name;
	size_t offset;
} kmend_private_data[] = {
	KMEND_DATA(tasklist_lock),
	KMEND_DATA(module_mutex),
	KMEND_DATA(ftrace_enabled),
	KMEND_DATA(text_mutex),
};

/*
 * A kprobe resolves kallsyms_lookup_name once. The probe sits after the
 * function's ENDBR64 on an IBT kernel, so the address it reports may be
 * past the function's start: it is only used to ask kallsyms_lookup_name
 * for its own address.
 */
static int kmend_find_lookup_name(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;

	if (register_kprobe(&kp) < 0)
		return -ENOENT;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);

	static_call_update(kmend_kallsyms_lookup_name, (typeof(&kallsyms_lookup_name))addr);
	addr = kmend_call(kallsyms_lookup_name)("kallsyms_lookup_name");
	if (!addr)
		return -ENOENT;
	static_call_update(kmend_kallsyms_lookup_name, (typeof(&kallsyms_lookup_name))addr);
	return 0;
}

int kmend_symbols_init(void)
{
	const struct kmend_private_func *f;
	unsigned long addr;
	int i;

	if (kmend_find_lookup_name()) {
		pr_err("cannot find kallsyms_lookup_name (are kprobes disabled?)\n");
		return -ENOENT;
	}
	for (i = 0; i < ARRAY_SIZE(kmend_private_funcs); i++) {
		f = &kmend_private_funcs[i];
		addr = kmend_call(kallsyms_lookup_name)(f->name);
		if (!addr) {
			pr_err("kernel function %s not found in kallsyms\n", f->name);
			return -ENOENT;
		}
		__static_call_update(f->key, f->tramp, (void *)addr);
	}
	for (i = 0; i < ARRAY_SIZE(kmend_private_data); i++) {
		addr = kmend_call(kallsyms_lookup_name)(kmend_private_data[i].name);
		if (!addr) {
			pr_err("kernel variable %s not found in kallsyms\n",
			       kmend_private_data[i].name);
			return -ENOENT;
		}
		*(unsigned long *)((char *)&kmend_kernel +
				   kmend_private_data[i].offset) = addr;
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
 * early when sympos is 0, so the count is complete. The walk visits the
 * one object only (kmend_walk_*_symbols).
 */
static int kmend_match_symbol(void *data, const char *name, unsigned long addr)
{
	struct kmend_sym_query *q = data;

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
		kmend_walk_module_symbols(kmend_call(module_kallsyms_on_each_symbol),
					  objname, kmend_match_symbol, &q);
	else
		kmend_walk_vmlinux_symbols(kmend_call(kallsyms_on_each_symbol),
					   kmend_match_symbol, &q);
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
 * A function ftrace can redirect starts with its __fentry__ call site
 * (after its ENDBR64 on an IBT kernel, kmend_fentry_site()); anything else
 * means the function was built notrace or without -mfentry.
 */
bool kmend_is_ftrace_location(unsigned long addr)
{
	return kmend_call(ftrace_location)(addr) == kmend_fentry_site(addr);
}

/* The size of the symbol starting exactly at @addr. */
bool kmend_lookup_size(unsigned long addr, unsigned long *size)
{
	unsigned long offset;

	return kmend_call(kallsyms_lookup_size_offset)(addr, size, &offset) &&
	       !offset;
}
