// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_transition.c - moving every task from one set of functions to
 * another, under the patch's consistency model.
 *
 * A transition has a patch and a target side. While it runs, the patch's
 * functions carry func->transition and the ftrace handler asks
 * kmend_task_patched() which side the calling task is on: tasks on the
 * UNPATCHED side get the code below the patch on its stack, tasks on the
 * PATCHED side get the patch's code. Interrupts and NMIs follow the task
 * they interrupt (current).
 *
 * Steps, each under kmend_mutex:
 *
 *	kmend_prepare_transition()	table of sides published, every task
 *					on the side opposite the target, then
 *					functions marked
 *	(core pushes new functions)	nothing changes for any task yet
 *	kmend_start_transition()	per-task: first pass, then retries
 *					from kmend_transition_work;
 *					atomic: one stop_machine;
 *					immediate: one write
 *	kmend_complete_transition()	functions unmarked, table freed, and
 *					the core told
 *
 * A per-task transition can be reversed (the target flips, tasks already
 * switched are the ones that must move back) or forced (every task is
 * declared switched).
 *
 * Modules pinned for good: when tasks were not all checked, any may still
 * be inside the code the transition leaves, so that code must stay. A
 * forced transition, and every immediate one, marks its patch forced, and
 * so the patches it replaces when it completes a replace: the module of a
 * forced patch is never released (kmend_finish_patch_change()), its sysfs
 * file forced reads 1, and its removal fails (-EAGAIN). An immediate
 * patch is pinned from its first enable on.
 *
 * Memory ordering: the table is published before the functions are marked
 * (smp_wmb() here, smp_rmb() in the handler), and freed only after the
 * marks are gone and kmend_sync_handlers() has seen every CPU schedule.
 * The helpers of the per-task model (kmend_pertask.c) read the target, the
 * live table and the stack ranges under kmend_switch_lock held for
 * reading; they change under the lock held for writing.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/workqueue.h>
#include "kmend_atomic.h"
#include "kmend_core.h"
#include "kmend_ftrace.h"
#include "kmend_pertask.h"
#include "kmend_replace.h"
#include "kmend_stack.h"
#include "kmend_symbols.h"
#include "kmend_tasks.h"
#include "kmend_transition.h"

/* First retry after a jiffy, doubling up to a tenth of a second. */
#define KMEND_RETRY_MAX		(HZ / 10)
/* Blocked tasks are signalled after a second, then once a second. */
#define KMEND_SIGNAL_AFTER	HZ

struct kmend_patch *kmend_transition_patch;
/* Written under kmend_mutex and, while a table is live, kmend_switch_lock. */
int kmend_transition_target;

/*
 * Held for reading by the per-task helpers around a check and a switch,
 * for writing by what changes what they read: the target (a reversal), the
 * live table, the stack ranges. A spinning lock: the helpers run in task
 * work and workqueue context and hold it for one stack walk at most.
 */
DEFINE_RWLOCK(kmend_switch_lock);

static unsigned long kmend_retry_delay;
static unsigned long kmend_signal_at;
static ktime_t kmend_transition_start;

static void kmend_transition_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(kmend_transition_work, kmend_transition_work_fn);

static const char *kmend_target_name(int target)
{
	return target == KMEND_PATCHED ? "patching" : "unpatching";
}

bool notrace kmend_task_patched(struct task_struct *task)
{
	/* Pairs with the smp_store_release() in kmend_publish_tasks(). */
	struct kmend_task_table *table = smp_load_acquire(&kmend_tasks);

	return kmend_task_state(table, task) == KMEND_PATCHED;
}

static void kmend_sync_fn(struct work_struct *work)
{
}

/*
 * Handlers run with preemption disabled, also where RCU is not watching;
 * once every CPU has run a work item, no handler that started earlier is
 * still running.
 */
void kmend_sync_handlers(void)
{
	kmend_call(schedule_on_each_cpu)(kmend_sync_fn);
}

/**
 * kmend_publish_tasks() - make @table the live table of sides, or none
 *
 * Under kmend_mutex. The table's contents are visible before the pointer to
 * any reader that pairs with this release: kmend_task_patched() in the
 * handler, kmend_nudge_fn(); the helpers that compare their slot's table
 * with the live one hold kmend_switch_lock.
 */
void kmend_publish_tasks(struct kmend_task_table *table)
{
	lockdep_assert_held(&kmend_mutex);
	write_lock(&kmend_switch_lock);
	smp_store_release(&kmend_tasks, table);
	write_unlock(&kmend_switch_lock);
}

static void kmend_mark_funcs(struct kmend_patch *patch, bool on)
{
	struct kmend_object *obj;
	struct kmend_func *func;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_object(patch, obj)
		kmend_for_each_func(obj, func)
			WRITE_ONCE(func->transition, on);
}

/**
 * kmend_prepare_transition() - set up a transition, switching no task yet
 *
 * Return: 0 or -ENOMEM.
 */
int kmend_prepare_transition(struct kmend_patch *patch,
			     enum kmend_side target)
{
	struct kmend_task_table *table;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (WARN_ON(kmend_transition_patch))
		return -EBUSY;
	ret = kmend_slow_all();
	if (ret)
		return ret;
	if (patch->consistency == KMEND_PER_TASK)
		table = kmend_pertask_build_table(!target);
	else
		table = kmend_tasks_alloc(0, !target);
	if (!table)
		return -ENOMEM;

	pr_info("'%s': initializing %s transition\n", patch->mod->name,
		kmend_target_name(target));
	kmend_transition_patch = patch;
	kmend_transition_target = target;
	kmend_publish_tasks(table);
	/* Table before marks: pairs with the handler's second smp_rmb(). */
	smp_wmb();
	kmend_mark_funcs(patch, true);
	if (patch->replacing)
		kmend_replace_mark(patch);
	/* Marks before pushes: pairs with the handler's first smp_rmb(). */
	smp_wmb();
	return 0;
}

/* Everything a transition set up goes; the functions stay where they are. */
static void kmend_teardown_transition(void)
{
	struct kmend_task_table *table = kmend_tasks;

	kmend_mark_funcs(kmend_transition_patch, false);
	kmend_sync_handlers();
	/* From here on every helper finds its table stale. */
	kmend_publish_tasks(NULL);
	kmend_pertask_stop(table);
	kmend_tasks_put(table);
	kmend_stack_ranges_free();
	kmend_transition_patch = NULL;
	cancel_delayed_work(&kmend_transition_work);
}

static void kmend_complete_transition(void)
{
	struct kmend_patch *patch = kmend_transition_patch;
	int target = kmend_transition_target;

	pr_info("'%s': completing %s transition\n", patch->mod->name,
		kmend_target_name(target));
	if (target == KMEND_UNPATCHED)
		kmend_unpatch_objects(patch);
	if (target == KMEND_PATCHED && patch->replacing)
		kmend_replace_complete(patch);
	else
		kmend_replace_abort(patch);
	kmend_teardown_transition();
	kmend_finish_patch_change(patch, target);
	pr_info("'%s': %s complete\n", patch->mod->name,
		kmend_target_name(target));
	pr_info("'%s': transition took %lld us\n", patch->mod->name,
		ktime_us_delta(ktime_get(), kmend_transition_start));
	kmend_fast_all();
}

static void kmend_schedule_retry(void)
{
	queue_delayed_work(system_wq, &kmend_transition_work,
			   kmend_retry_delay);
	kmend_retry_delay = min(2 * kmend_retry_delay,
				(unsigned long)KMEND_RETRY_MAX);
}

/*
 * Under kmend_mutex. Without stack ranges (kmend_refresh_transition() ran
 * out of memory) no task can be proven clean: build them again first.
 * Return: true when the transition is complete.
 */
static bool kmend_try_complete_transition(void)
{
	lockdep_assert_held(&kmend_mutex);
	if (!kmend_stack_ranges_ready() &&
	    kmend_stack_ranges_build(kmend_transition_patch))
		return false;
	if (!kmend_pertask_try_complete())
		return false;
	kmend_complete_transition();
	return true;
}

static void kmend_reset_retries(void)
{
	kmend_retry_delay = 1;
	kmend_signal_at = jiffies + KMEND_SIGNAL_AFTER;
}

/*
 * Some tasks switch unchecked: @patch is forced, and with it, when a replace
 * completes, the patches it retires, whose code a task may be in too.
 */
static void kmend_mark_forced(struct kmend_patch *patch, int target)
{
	struct kmend_patch *old;

	patch->forced = true;
	if (target != KMEND_PATCHED || !patch->replacing)
		return;
	kmend_for_each_replaced(patch, old)
		old->forced = true;
}

/* An immediate switch checks no task, whichever way it goes. */
static void kmend_pin_unchecked(struct kmend_patch *patch, int target)
{
	if (!patch->forced)
		pr_warn("'%s': immediate consistency checks no task: the patch module can never be removed now\n",
			patch->mod->name);
	kmend_mark_forced(patch, target);
}

/**
 * kmend_start_transition() - switch the tasks under the patch's model
 *
 * Return: 0 when the transition completed or is under way; -EBUSY when an
 * atomic switch found a task in the way (nothing was switched), -ENOMEM.
 * On failure the caller undoes the transition with
 * kmend_cancel_transition().
 */
int kmend_start_transition(void)
{
	struct kmend_patch *patch = kmend_transition_patch;
	int target = kmend_transition_target;
	int ret;

	ret = kmend_stack_ranges_build(patch);
	if (ret)
		return ret;
	pr_info("'%s': starting %s transition\n", patch->mod->name,
		kmend_target_name(target));
	kmend_transition_start = ktime_get();

	switch (patch->consistency) {
	case KMEND_IMMEDIATE:
		kmend_pin_unchecked(patch, target);
		WRITE_ONCE(kmend_tasks->unknown_state, target);
		break;
	case KMEND_ATOMIC:
		ret = kmend_atomic_switch(patch->mod->name, target);
		if (ret)
			return ret;
		break;
	case KMEND_PER_TASK:
		kmend_reset_retries();
		if (!kmend_try_complete_transition())
			kmend_schedule_retry();
		return 0;
	}
	kmend_complete_transition();
	return 0;
}

/* Undoes a prepared transition that switched no task. */
void kmend_cancel_transition(void)
{
	kmend_replace_abort(kmend_transition_patch);
	kmend_teardown_transition();
	kmend_fast_all();
}

/**
 * kmend_reverse_transition() - send a per-task transition back
 *
 * The tasks already switched are the ones that now have to move; the others
 * are already where the reversed transition goes. As the kernel's livepatch
 * does, the helpers are quiesced before the target flips: taking
 * kmend_switch_lock for writing waits for every task work and nudge in the
 * middle of a check, and those that come later read the new target. None
 * can write the old target after the completion pass. Under kmend_mutex.
 */
void kmend_reverse_transition(void)
{
	int target = !kmend_transition_target;

	lockdep_assert_held(&kmend_mutex);
	pr_info("'%s': reversing transition from %s to %s\n",
		kmend_transition_patch->mod->name,
		kmend_target_name(!target), kmend_target_name(target));
	write_lock(&kmend_switch_lock);
	kmend_transition_target = target;
	write_unlock(&kmend_switch_lock);
	kmend_reset_retries();
	mod_delayed_work(system_wq, &kmend_transition_work, 0);
}

/*
 * Declares every task switched; the patch module can never be removed, nor,
 * for a replace, those of the patches it retires. Under kmend_mutex.
 */
void kmend_force_transition(void)
{
	struct kmend_patch *patch = kmend_transition_patch;
	int target = kmend_transition_target;

	lockdep_assert_held(&kmend_mutex);
	pr_warn("'%s': forcing the %s transition; the patch module can never be removed now\n",
		patch->mod->name, kmend_target_name(target));
	if (target == KMEND_PATCHED && patch->replacing)
		pr_warn("'%s': nor can the modules of the patches it replaces\n",
			patch->mod->name);
	kmend_mark_forced(patch, target);
	kmend_pertask_force();
	kmend_complete_transition();
}

/*
 * An object of the patch in transition came or went: the code that blocks
 * tasks changed. The ranges are replaced under kmend_switch_lock; without
 * memory for them, they are dropped, so that no task switches on the old
 * ones, and the next pass builds them again. Called under kmend_mutex.
 */
void kmend_refresh_transition(void)
{
	struct kmend_patch *patch = kmend_transition_patch;

	lockdep_assert_held(&kmend_mutex);
	if (!patch)
		return;
	if (kmend_stack_ranges_build(patch)) {
		kmend_stack_ranges_free();
		pr_warn("'%s': out of memory for the stack check, retrying\n",
			patch->mod->name);
	}
	kmend_kick_transition();
}

/* Makes the next attempt happen now, e.g. when a blocker has gone. */
void kmend_kick_transition(void)
{
	mod_delayed_work(system_wq, &kmend_transition_work, 0);
}

static void kmend_transition_work_fn(struct work_struct *work)
{
	mutex_lock(&kmend_mutex);
	if (!kmend_transition_patch ||
	    kmend_transition_patch->consistency != KMEND_PER_TASK)
		goto unlock;
	if (kmend_try_complete_transition())
		goto unlock;
	if (time_after_eq(jiffies, kmend_signal_at)) {
		kmend_pertask_signal_blockers();
		kmend_signal_at = jiffies + KMEND_SIGNAL_AFTER;
	}
	kmend_schedule_retry();
unlock:
	mutex_unlock(&kmend_mutex);
}

/**
 * kmend_show_blockers() - the tasks holding up @patch's transition
 *
 * One line a task: "PID COMM FUNCTION-OR-REASON". Called under
 * kmend_mutex, so the table cannot go meanwhile.
 */
ssize_t kmend_show_blockers(struct kmend_patch *patch, char *buf)
{
	struct kmend_task_slot *slot;
	int len = 0;

	lockdep_assert_held(&kmend_mutex);
	if (kmend_transition_patch != patch || !kmend_tasks)
		return 0;
	kmend_for_each_slot(kmend_tasks, slot) {
		if (READ_ONCE(slot->state) == kmend_transition_target)
			continue;
		len += sysfs_emit_at(buf, len, "%d %s %s\n", slot->task->pid,
				     slot->task->comm,
				     READ_ONCE(slot->blocker) ?: "?");
	}
	return len;
}

void kmend_transition_init(void)
{
	kmend_pertask_init();
}

void kmend_transition_exit(void)
{
	cancel_delayed_work_sync(&kmend_transition_work);
	kmend_pertask_exit();
}
