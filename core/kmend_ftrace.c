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
 * kmend_mutex. The handler reads func_stack with preemption disabled
 * (ftrace_test_recursion_trylock() disables it), also where RCU is not
 * watching, so a removal is complete once kmend_sync_handlers() has run a
 * work item on every CPU; unregister_ftrace_function() waits for running
 * handlers itself.
 *
 * Taking a replacement off an address that is on the fast path needs the
 * handler back first (kmend_ops_go_slow()). When that fails, the address
 * stays redirected to the replacement: its patch is marked forced, so the
 * module that holds the replacement is never released.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/ftrace.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include "kmend_compat.h"
#include "kmend_core.h"
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

	lockdep_assert_held(&kmend_mutex);
	if (func->patched) {
		pr_err("%s is still redirected: an earlier removal failed\n",
		       func->old_name);
		return -EBUSY;
	}
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

/* The patch that @func belongs to. */
static struct kmend_patch *kmend_func_patch(struct kmend_func *func)
{
	struct kmend_patch *patch;
	struct kmend_object *obj;
	struct kmend_func *f;

	kmend_for_each_patch(patch)
		kmend_for_each_object(patch, obj)
			kmend_for_each_func(obj, f)
				if (f == func)
					return patch;
	return NULL;
}

/*
 * @func cannot leave its address: calls keep reaching its replacement
 * through the direct call, so the module that holds it must stay.
 */
static void kmend_keep_func(struct kmend_func *func, int err)
{
	struct kmend_patch *patch = kmend_func_patch(func);

	if (WARN_ON(!patch))
		return;
	patch->forced = true;
	pr_err("'%s': %s stays redirected (%d): the patch module can never be removed now\n",
	       patch->mod->name, func->old_name, err);
}

/**
 * kmend_unpatch_func() - take a replacement off its address's stack
 * @func:	a patched function
 *
 * The caller waits with kmend_sync_handlers() before @func's memory may
 * go. Should the address not come off the fast path, @func stays on it,
 * still patched, and its patch module is kept (kmend_keep_func()).
 */
void kmend_unpatch_func(struct kmend_func *func)
{
	struct kmend_ops *ops;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (WARN_ON(!func->patched))
		return;
	ops = kmend_find_ops((unsigned long)func->old_func);
	if (WARN_ON(!ops))
		return;
	/* Off the fast path first: the handler must see the stack change. */
	ret = kmend_ops_go_slow(ops);
	if (ret) {
		kmend_keep_func(func, ret);
		return;
	}

	if (list_is_singular(&ops->func_stack)) {
		WARN_ON(unregister_ftrace_function(&ops->fops));
		/* Not a lookup: the address may have gone with its module. */
		ftrace_free_filter(&ops->fops);
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

	lockdep_assert_held(&kmend_mutex);
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

	lockdep_assert_held(&kmend_mutex);
	list_for_each_entry(ops, &kmend_ops_list, node)
		kmend_ops_go_fast(ops);
}

/* How many addresses are redirected, and how many of them are fast. */
void kmend_count_ops(unsigned int *all, unsigned int *fast)
{
	struct kmend_ops *ops;

	*all = *fast = 0;
	list_for_each_entry(ops, &kmend_ops_list, node) {
		(*all)++;
		*fast += ops->fast;
	}
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

	lockdep_assert_held(&kmend_mutex);
	if (!ops || list_is_last(&func->stack_node, &ops->func_stack))
		return NULL;
	return list_next_entry(func, stack_node);
}
