// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_replace.c - atomic replace: a cumulative patch supersedes every
 * enabled patch in one transition.
 *
 * While it runs, the functions of the patches being replaced are marked as
 * well (func->transition and func->replaced): a task on the new side runs
 * the original code for each function the cumulative patch does not
 * replace itself, a task on the old side keeps running the old patches.
 * Once every task is on the new side, the replaced patches leave their
 * stacks and end up disabled, their modules released and removable.
 *
 * Callbacks of a replaced patch run only for objects the cumulative patch
 * does not take over: pre_unpatch before the transition, post_unpatch
 * after it (post_patch again if the transition is reversed or fails).
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
		if (mine->name == obj->name ||
		    (mine->name && obj->name && !strcmp(mine->name, obj->name)))
			return true;
	return false;
}

/* Before the transition: what the cumulative patch drops is told so. */
void kmend_replace_begin(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_object *obj;

	patch->replacing = true;
	kmend_for_each_replaced(patch, old)
		kmend_for_each_object(old, obj)
			if (obj->patched && !kmend_takes_over(patch, obj))
				kmend_pre_unpatch(obj);
}

static void kmend_set_replaced(struct kmend_patch *patch, bool on)
{
	struct kmend_patch *old;
	struct kmend_object *obj;
	struct kmend_func *func;

	kmend_for_each_replaced(patch, old) {
		kmend_for_each_object(old, obj) {
			kmend_for_each_func(obj, func) {
				if (!func->patched)
					continue;
				WRITE_ONCE(func->replaced, on);
				/* Pairs with the handler's first smp_rmb(). */
				smp_wmb();
				WRITE_ONCE(func->transition, on);
			}
		}
	}
}

/* Called by kmend_prepare_transition() once the patch's own marks are set. */
void kmend_replace_mark(struct kmend_patch *patch)
{
	kmend_set_replaced(patch, true);
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
	old->enabled = false;
	kmend_finish_patch_change(old, KMEND_UNPATCHED);
	pr_info("patch '%s' replaced by '%s'\n", old->mod->name,
		patch->mod->name);
}

/* Every task is on the new side: the replaced patches go. */
void kmend_replace_complete(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_object *obj;

	kmend_for_each_replaced(patch, old)
		kmend_for_each_object(old, obj)
			kmend_unpatch_object(obj);
	kmend_sync_handlers();
	kmend_set_replaced(patch, false);
	kmend_for_each_replaced(patch, old)
		kmend_retire_patch(patch, old);
	patch->replacing = false;
}

/* The transition ended on the old side: the old patches stay as they were. */
void kmend_replace_abort(struct kmend_patch *patch)
{
	struct kmend_patch *old;
	struct kmend_object *obj;

	if (!patch->replacing)
		return;
	kmend_set_replaced(patch, false);
	kmend_for_each_replaced(patch, old)
		kmend_for_each_object(old, obj)
			if (obj->patched && !kmend_takes_over(patch, obj))
				kmend_post_patch(obj);
	patch->replacing = false;
}
