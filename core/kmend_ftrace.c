// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_ftrace.c - redirecting calls with ftrace.
 *
 * Every replaced address has one ftrace_ops whose handler rewrites the
 * return address of the __fentry__ call, so the old function's body is
 * skipped and the replacement runs with the caller's arguments. Several
 * patches may replace one address: their kmend_funcs form a stack, newest
 * first, and the handler picks the top one (or the one below it, for a task
 * that has not yet switched to the top one's patch).
 *
 * Locking: kmend_ops_list and every func_stack are changed only under
 * kmend_mutex. The handler reads func_stack under RCU with preemption
 * disabled (ftrace_test_recursion_trylock() disables it), so a removal is
 * complete once synchronize_rcu() returns; unregister_ftrace_function()
 * waits for running handlers itself.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/ftrace.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include "kmend_compat.h"
#include "kmend_ftrace.h"
#include "kmend_symbols.h"
#include "kmend_transition.h"

static LIST_HEAD(kmend_ops_list);

static struct kmend_ops *kmend_find_ops(unsigned long addr)
{
	struct kmend_ops *ops;

	list_for_each_entry(ops, &kmend_ops_list, node)
		if (ops->addr == addr)
			return ops;
	return NULL;
}

static void notrace kmend_ftrace_handler(unsigned long ip,
					 unsigned long parent_ip,
					 struct ftrace_ops *fops,
					 struct ftrace_regs *fregs)
{
	struct kmend_ops *ops = container_of(fops, struct kmend_ops, fops);
	struct kmend_func *func;
	int bit;

	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (WARN_ON_ONCE(bit < 0))
		return;

	func = list_first_or_null_rcu(&ops->func_stack, struct kmend_func,
				      stack_node);
	/* Never empty: unregister_ftrace_function() runs before the last
	 * func leaves the stack. */
	if (WARN_ON_ONCE(!func))
		goto unlock;

	/*
	 * Read func->transition only after the stack: pairs with the second
	 * smp_wmb() in kmend_prepare_transition(), which marks the functions
	 * before they are pushed.
	 */
	smp_rmb();
	if (unlikely(READ_ONCE(func->transition))) {
		/*
		 * The table of sides is published before the mark: pairs with
		 * the first smp_wmb() in kmend_prepare_transition().
		 */
		smp_rmb();
		if (kmend_task_patched(current)) {
			/* A cumulative patch dropped it: original code. */
			if (READ_ONCE(func->replaced))
				goto unlock;
		} else if (!READ_ONCE(func->replaced)) {
			func = list_entry_rcu(func->stack_node.next,
					      struct kmend_func, stack_node);
			if (&func->stack_node == &ops->func_stack)
				goto unlock;	/* the original code runs */
		}
	}
	kmend_ftrace_set_ip(fregs, (unsigned long)func->new_func);
unlock:
	ftrace_test_recursion_unlock(bit);
}

static int kmend_register_ops(struct kmend_ops *ops, const char *name)
{
	int ret;

	ret = ftrace_set_filter_ip(&ops->fops, ops->addr, 0, 0);
	if (ret) {
		pr_err("cannot trace %s (ftrace_set_filter_ip: %d)\n", name,
		       ret);
		return ret;
	}
	ret = register_ftrace_function(&ops->fops);
	if (ret) {
		if (ret == -EBUSY && !READ_ONCE(*kmend_kernel.ftrace_enabled))
			pr_err("cannot redirect %s: ftrace is disabled (sysctl kernel.ftrace_enabled = 0)\n",
			       name);
		else if (ret == -EBUSY)
			pr_err("%s is already redirected by another ftrace user (the kernel's livepatch, a kprobe with a post handler, ...)\n",
			       name);
		else
			pr_err("cannot redirect %s (register_ftrace_function: %d)\n",
			       name, ret);
		ftrace_set_filter_ip(&ops->fops, ops->addr, 1, 0);
	}
	return ret;
}

/**
 * kmend_patch_func() - push a replacement onto its address's stack
 * @func:	resolved function; its transition flag is already set
 *
 * The first replacement of an address registers the ftrace_ops; later ones
 * only push. Return: 0 or a negative errno, logged.
 */
int kmend_patch_func(struct kmend_func *func)
{
	unsigned long addr = (unsigned long)func->old_func;
	struct kmend_ops *ops;
	int ret;

	if (WARN_ON(func->patched))
		return -EINVAL;
	ops = kmend_find_ops(addr);
	if (ops) {
		ret = kmend_ops_go_slow(ops);
		if (ret)
			return ret;
		list_add_rcu(&func->stack_node, &ops->func_stack);
		func->patched = true;
		return 0;
	}

	ops = kzalloc(sizeof(*ops), GFP_KERNEL);
	if (!ops)
		return -ENOMEM;
	ops->addr = addr;
	ops->fops.func = kmend_ftrace_handler;
	ops->fops.flags = KMEND_FTRACE_OPS_FLAGS;
	INIT_LIST_HEAD(&ops->func_stack);
	list_add_rcu(&func->stack_node, &ops->func_stack);

	ret = kmend_register_ops(ops, func->old_name);
	if (ret) {
		kfree(ops);
		return ret;
	}
	list_add(&ops->node, &kmend_ops_list);
	func->patched = true;
	return 0;
}

/**
 * kmend_unpatch_func() - take a replacement off its address's stack
 * @func:	a patched function
 *
 * The caller waits for an RCU grace period before @func's memory may go.
 */
void kmend_unpatch_func(struct kmend_func *func)
{
	struct kmend_ops *ops;

	if (WARN_ON(!func->patched))
		return;
	ops = kmend_find_ops((unsigned long)func->old_func);
	if (WARN_ON(!ops))
		return;
	/* Off the fast path first: the handler must see the stack change. */
	if (WARN_ON(kmend_ops_go_slow(ops)))
		return;

	if (list_is_singular(&ops->func_stack)) {
		WARN_ON(unregister_ftrace_function(&ops->fops));
		WARN_ON(ftrace_set_filter_ip(&ops->fops, ops->addr, 1, 0));
		list_del(&ops->node);
		kfree(ops);
	} else {
		list_del_rcu(&func->stack_node);
	}
	func->patched = false;
}

/**
 * kmend_slow_all() - every redirected address back to the handler
 *
 * Called under kmend_mutex before a transition, which needs the handler's
 * per-task choice. Return: 0 or -errno (nothing may switch then).
 */
int kmend_slow_all(void)
{
	struct kmend_ops *ops;
	int ret;

	list_for_each_entry(ops, &kmend_ops_list, node) {
		ret = kmend_ops_go_slow(ops);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Every redirected address whose replacement is settled goes through a
 * direct call. Called under kmend_mutex outside transitions; an address
 * that cannot (no stub left, a conflict) simply stays with the handler.
 */
void kmend_fast_all(void)
{
	struct kmend_ops *ops;

	list_for_each_entry(ops, &kmend_ops_list, node)
		kmend_ops_go_fast(ops);
}

/**
 * kmend_func_below() - the replacement @func hides on its address's stack
 *
 * Return: the next older replacement, or NULL when below @func runs the
 * original code. Called under kmend_mutex.
 */
struct kmend_func *kmend_func_below(struct kmend_func *func)
{
	struct kmend_ops *ops = kmend_find_ops((unsigned long)func->old_func);

	if (!ops || list_is_last(&func->stack_node, &ops->func_stack))
		return NULL;
	return list_next_entry(func, stack_node);
}
