// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_replace.c - atomic replace: a cumulative patch supersedes every
 * enabled patch in one transition.
 *
 * While it runs, every function of the patches being replaced is marked
 * as well (func->transition and func->replaced), present or not, so that
 * an object arriving in the middle of the transition is pushed already
 * marked: a task on the new side runs the original code for each function
 * the cumulative patch does not replace itself, a task on the old side
 * keeps running the old patches. Once every task is on the new side, the
 * replaced patches leave their stacks and end up disabled, their modules
 * released and removable. Either way the marks are cleared on every
 * function when the transition ends, including those of objects that
 * left meanwhile, so a replaced patch enabled again starts clean.
 *
 * Callbacks of a replaced patch run only for objects the cumulative patch
 * drops (does not take over): pre_unpatch before the transition (or
 * pre_patch, for an object arriving during it), post_unpatch after it
 * (post_patch if the transition is reversed or fails).
 *
 * Everything here runs under kmend_mutex.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include "kmend_core.h"
#include "kmend_object.h"
#include "kmend_replace.h"
#include "kmend_transition.h"

/* Does @patch have an object for the same kernel object as @obj? */
static bool kmend_takes_over(struct kmend_patch *patch,
			     struct kmend_object *obj)
{
	struct kmend_object *mine;

	kmend_for_each_object(patch, mine)
		if (kmend_same_object(mine, obj))
			return true;
	return false;
}

/**
 * kmend_replace_drops() - is @obj of @patch dropped by a replace under way?
 *
 * True while the cumulative patch in transition supersedes @patch and has
 * no object of its own for @obj's kernel object: @obj's callbacks then
 * follow that transition, not @patch's own state.
 */
bool kmend_replace_drops(struct kmend_patch *patch, struct kmend_object *obj)
{
	struct kmend_patch *tp = kmend_transition_patch;

	lockdep_assert_held(&kmend_mutex);
	return tp && tp->replacing && patch != tp && patch->enabled &&
	       !kmend_takes_over(tp, obj);
}

/* Before the transition: what the cumulative patch drops is told so. */
void kmend_replace_begin(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_object *obj;

	lockdep_assert_held(&kmend_mutex);
	patch->replacing = true;
	kmend_for_each_replaced(patch, old)
		kmend_for_each_object(old, obj)
			if (obj->patched && !kmend_takes_over(patch, obj))
				kmend_pre_unpatch(obj);
}

/* Every function of the patches @patch replaces, present or not. */
#define kmend_for_each_replaced_func(patch, old, obj, func)		\
	kmend_for_each_replaced(patch, old)				\
		kmend_for_each_object(old, obj)				\
			kmend_for_each_func(obj, func)

/*
 * func->replaced before func->transition: pairs with the smp_rmb() between
 * the handler's reads of func->transition and func->replaced
 * (kmend_ftrace_handler()), so a handler that sees the mark sees both.
 */
static void kmend_mark_replaced(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_object *obj;
	struct kmend_func *func;

	kmend_for_each_replaced_func(patch, old, obj, func)
		WRITE_ONCE(func->replaced, true);
	smp_wmb();
	kmend_for_each_replaced_func(patch, old, obj, func)
		WRITE_ONCE(func->transition, true);
}

/* Clears func->transition, or func->replaced, of every replaced function. */
static void kmend_clear_mark(struct kmend_patch *patch, bool transition)
{
	struct kmend_patch *old;
	struct kmend_object *obj;
	struct kmend_func *func;

	kmend_for_each_replaced_func(patch, old, obj, func) {
		if (transition)
			WRITE_ONCE(func->transition, false);
		else
			WRITE_ONCE(func->replaced, false);
	}
}

/* Called by kmend_prepare_transition() once the patch's own marks are set. */
void kmend_replace_mark(struct kmend_patch *patch)
{
	lockdep_assert_held(&kmend_mutex);
	kmend_mark_replaced(patch);
}

static void kmend_retire_patch(struct kmend_patch *patch,
			       struct kmend_patch *old)
{
	struct kmend_object *obj;

	kmend_for_each_object(old, obj) {
		if (kmend_takes_over(patch, obj))
			obj->callbacks.post_unpatch_enabled = false;
		else
			kmend_post_unpatch(obj);
	}
	WRITE_ONCE(old->enabled, false);
	kmend_finish_patch_change(old, KMEND_UNPATCHED);
	pr_info("patch '%s' replaced by '%s'\n", old->mod->name,
		patch->mod->name);
}

/*
 * Every task is on the new side: the replaced patches go. Their functions
 * leave the stacks first; once no handler can see them the marks go, in
 * any order.
 */
void kmend_replace_complete(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_object *obj;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_replaced(patch, old)
		kmend_for_each_object(old, obj)
			kmend_unpatch_object(obj);
	kmend_sync_handlers();
	kmend_clear_mark(patch, true);
	kmend_clear_mark(patch, false);
	kmend_for_each_replaced(patch, old)
		kmend_retire_patch(patch, old);
	patch->replacing = false;
}

/*
 * The transition ended on the old side: the old patches stay as they were.
 * Their functions stay on the stacks, so the handler may be reading the
 * marks: func->transition goes first, and func->replaced only once every
 * handler that may have seen transition set has finished
 * (kmend_sync_handlers()). A handler that saw transition set but replaced
 * clear would send a task of the old side below the old patch.
 */
void kmend_replace_abort(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_object *obj;

	lockdep_assert_held(&kmend_mutex);
	if (!patch->replacing)
		return;
	kmend_clear_mark(patch, true);
	kmend_sync_handlers();
	kmend_clear_mark(patch, false);
	kmend_for_each_replaced(patch, old)
		kmend_for_each_object(old, obj)
			if (obj->patched && !kmend_takes_over(patch, obj))
				kmend_post_patch(obj);
	patch->replacing = false;
}
