// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_transition.c - moving tasks from one set of functions to another.
 *
 * A transition has a patch and a target state. While it runs, the patch's
 * functions carry func->transition and the ftrace handler asks
 * kmend_task_patched() which side the calling task is on: tasks on the
 * UNPATCHED side get the code below the patch on its stack, tasks on the
 * PATCHED side get the patch's code.
 *
 * Lifecycle, every step under kmend_mutex:
 *
 *	kmend_prepare_transition()	mark functions, every task on the
 *					side opposite the target
 *	(core pushes new functions)	nothing changes for any task yet
 *	kmend_start_transition()	tasks move; then completion unmarks
 *					the functions and lets the core drop
 *					what the old side needed
 *
 * kmend_cancel_transition() undoes a prepared transition that was never
 * started (a later step of enabling failed).
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/rcupdate.h>
#include "kmend_core.h"
#include "kmend_transition.h"

struct kmend_patch *kmend_transition_patch;
static enum kmend_state kmend_target;

/*
 * The side every task is on while the transition runs. Written under
 * kmend_mutex, read locklessly by the handler: either value is a complete,
 * consistent set of functions.
 */
static enum kmend_state kmend_universe;

bool notrace kmend_task_patched(struct task_struct *task)
{
	return READ_ONCE(kmend_universe) == KMEND_PATCHED;
}

static void kmend_set_transition_flags(struct kmend_patch *patch, bool on)
{
	struct kmend_object *obj;
	struct kmend_func *func;

	kmend_for_each_object(patch, obj)
		kmend_for_each_func(obj, func)
			WRITE_ONCE(func->transition, on);
}

void kmend_prepare_transition(struct kmend_patch *patch,
			      enum kmend_state target)
{
	WARN_ON(kmend_transition_patch);
	kmend_transition_patch = patch;
	kmend_target = target;
	WRITE_ONCE(kmend_universe, !target);
	pr_info("'%s': initializing %s transition\n", patch->mod->name,
		target == KMEND_PATCHED ? "patching" : "unpatching");
	kmend_set_transition_flags(patch, true);
	/*
	 * Functions are marked before they are pushed on a stack or before
	 * the universe changes: pairs with the smp_rmb() in the handler.
	 */
	smp_wmb();
}

static void kmend_complete_transition(void)
{
	struct kmend_patch *patch = kmend_transition_patch;

	pr_info("'%s': completing %s transition\n", patch->mod->name,
		kmend_target == KMEND_PATCHED ? "patching" : "unpatching");
	/* No handler may still act on the universe it read before the flip. */
	synchronize_rcu();
	if (kmend_target == KMEND_UNPATCHED)
		kmend_unpatch_objects(patch);
	kmend_set_transition_flags(patch, false);
	kmend_transition_patch = NULL;
	kmend_finish_patch_change(patch, kmend_target);
	pr_info("'%s': %s complete\n", patch->mod->name,
		kmend_target == KMEND_PATCHED ? "patching" : "unpatching");
}

void kmend_start_transition(void)
{
	pr_info("'%s': starting %s transition\n",
		kmend_transition_patch->mod->name,
		kmend_target == KMEND_PATCHED ? "patching" : "unpatching");
	WRITE_ONCE(kmend_universe, kmend_target);
	kmend_complete_transition();
}

void kmend_cancel_transition(void)
{
	kmend_set_transition_flags(kmend_transition_patch, false);
	kmend_transition_patch = NULL;
}
