// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_pertask.c - the per-task consistency model.
 *
 * Each task moves to the target side on its own, once it is provably
 * outside every function of the transition:
 *
 * - a task that is not running: when a reliable walk of its stack, done
 *   under task_call_func() so that it cannot start meanwhile, finds none of
 *   those functions;
 * - a user task: on its way back to user mode, where a task_work queued
 *   with TWA_RESUME runs (kick_process() makes a task running in user mode
 *   pass there at once), and checks its own stack;
 * - a kernel thread or idle task that keeps its CPU: a work item queued on
 *   that CPU displaces it, then checks it like any task not running;
 * - the idle task of an offline CPU, which restarts from scratch when its
 *   CPU comes up: at once, with CPU hotplug held off.
 *
 * What holds a task back is kept in its slot for the blockers file. After
 * a delay, user tasks still blocked get a fake signal (TIF_NOTIFY_SIGNAL)
 * and kernel threads a wake-up, so that sleeps inside a replaced function
 * end.
 *
 * Tasks created during the transition are found by each pass and given a
 * slot on the side they have run so far (unknown_state). The pass that
 * finds every task switched holds tasklist_lock, so no task can appear
 * between its last check and the flip of unknown_state to the target.
 *
 * Context: passes run under kmend_mutex. The helpers, task works and
 * per-CPU nudges, run without it: each checks and switches under
 * kmend_switch_lock held for reading, and only while its table is the live
 * one. What they read (the target, the live table, the stack ranges)
 * changes only under the lock held for writing, so a helper never acts on
 * a target that was reversed meanwhile, nor on ranges or a table that
 * went. Nothing under kmend_mutex waits for a task work: a queued work
 * holds a reference on its table, and only kmend.ko's exit waits for the
 * works still queued (kmend_pertask_exit()).
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/cpu.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/task_work.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>
#include "kmend_core.h"
#include "kmend_pertask.h"
#include "kmend_stack.h"
#include "kmend_symbols.h"
#include "kmend_transition.h"

static DEFINE_PER_CPU(struct work_struct, kmend_nudge_works);
/* Task works queued and not yet run or cancelled, waited for at exit. */
static atomic_t kmend_works_pending = ATOMIC_INIT(0);

struct kmend_switch_arg {
	struct kmend_task_slot *slot;
	int target;
};

/* Runs with @task unable to start running (task_call_func()). */
static int kmend_switch_task_locked(struct task_struct *task, void *data)
{
	struct kmend_switch_arg *arg = data;
	int ret;

	if (kmend_call(task_curr)(task) && task != current) {
		arg->slot->blocker = "running";
		return -EBUSY;
	}
	ret = kmend_check_stack(task, &arg->slot->blocker);
	if (ret)
		return ret;
	WRITE_ONCE(arg->slot->state, arg->target);
	return 0;
}

/*
 * With @full (a pass under kmend_mutex and cpus_read_lock()), also the idle
 * tasks of offline CPUs: no CPU can come up between the check and the
 * switch, so the idle task restarts on the target side.
 */
static bool kmend_try_switch(struct kmend_task_slot *slot, int target,
			     bool full)
{
	struct kmend_switch_arg arg = { .slot = slot, .target = target };
	struct task_struct *task = slot->task;

	if (READ_ONCE(slot->state) == target)
		return true;
	if (kmend_task_gone(task)) {
		WRITE_ONCE(slot->state, target);
		return true;
	}
	if (is_idle_task(task) && !cpu_online(task_cpu(task))) {
		if (!full)
			return false;
		lockdep_assert_held(&kmend_mutex);
		WRITE_ONCE(slot->state, target);
		return true;
	}
	return !kmend_call(task_call_func)(task, kmend_switch_task_locked, &arg);
}

static void kmend_task_work_done(struct kmend_task_slot *slot)
{
	struct kmend_task_table *table = slot->table;

	atomic_set(&slot->work_queued, 0);
	kmend_tasks_put(table);
	/* Last touch of kmend's data: pairs with kmend_pertask_exit(). */
	if (atomic_dec_return_release(&kmend_works_pending) == 0)
		wake_up_var(&kmend_works_pending);
}

/* On the way to user mode: the task switches itself if its stack allows. */
static void kmend_task_work_fn(struct callback_head *work)
{
	struct kmend_task_slot *slot =
		container_of(work, struct kmend_task_slot, work);

	read_lock(&kmend_switch_lock);
	/* Stale when its transition ended or its table was rebuilt. */
	if (slot->table == READ_ONCE(kmend_tasks) &&
	    !kmend_check_stack(current, &slot->blocker))
		WRITE_ONCE(slot->state, kmend_transition_target);
	read_unlock(&kmend_switch_lock);
	kmend_task_work_done(slot);
}

static void kmend_queue_task_work(struct kmend_task_slot *slot)
{
	if (slot->task->flags & (PF_KTHREAD | PF_EXITING))
		return;
	if (atomic_cmpxchg(&slot->work_queued, 0, 1))
		return;
	kmend_tasks_get(slot->table);
	atomic_inc(&kmend_works_pending);
	init_task_work(&slot->work, kmend_task_work_fn);
	if (task_work_add(slot->task, &slot->work, TWA_RESUME))
		kmend_task_work_done(slot);
}

/* A task that keeps its CPU in the kernel is displaced by a work item. */
static void kmend_nudge_cpu_of(struct task_struct *task)
{
	int cpu = task_cpu(task);

	if (cpu_online(cpu))
		queue_work_on(cpu, system_highpri_wq,
			      per_cpu_ptr(&kmend_nudge_works, cpu));
}

/*
 * One attempt at every task not yet switched. A @full pass, the one under
 * kmend_mutex, also arranges for the next chance of those still blocked.
 * Return: how many are blocked.
 */
static unsigned int kmend_switch_pass(struct kmend_task_table *table,
				      int target, bool full)
{
	struct kmend_task_slot *slot;
	unsigned int blocked = 0;

	kmend_for_each_slot(table, slot) {
		if (kmend_try_switch(slot, target, full))
			continue;
		blocked++;
		if (!full)
			continue;
		if (!(slot->task->flags & PF_KTHREAD))
			kmend_queue_task_work(slot);
		else if (kmend_call(task_curr)(slot->task))
			kmend_nudge_cpu_of(slot->task);
	}
	return blocked;
}

static void kmend_nudge_fn(struct work_struct *work)
{
	struct kmend_task_table *table;

	read_lock(&kmend_switch_lock);
	/* Pairs with the smp_store_release()s publishing kmend_tasks. */
	table = smp_load_acquire(&kmend_tasks);
	if (table)
		kmend_switch_pass(table, kmend_transition_target, false);
	read_unlock(&kmend_switch_lock);
	kmend_kick_transition();
}

/*
 * Gives every task of the system a slot, but those that will never run
 * again (zombies). Under tasklist_lock.
 */
static int kmend_add_all_tasks(struct kmend_task_table *table)
{
	struct task_struct *g, *t;

	for_each_process_thread(g, t)
		if (!kmend_task_gone(t) && !kmend_tasks_insert(table, t))
			return -ENOSPC;
	return 0;
}

/**
 * kmend_pertask_build_table() - every task, idle tasks included, on @state
 */
struct kmend_task_table *kmend_pertask_build_table(int state)
{
	struct kmend_task_table *table;
	struct task_struct *g, *t;
	unsigned int n = num_possible_cpus();
	int cpu, ret;

	rcu_read_lock();
	for_each_process_thread(g, t)
		n++;
	rcu_read_unlock();

	lockdep_assert_held(&kmend_mutex);
	table = kmend_tasks_alloc(n, state);
	if (!table)
		return NULL;
	read_lock(kmend_kernel.tasklist_lock);
	ret = kmend_add_all_tasks(table);
	read_unlock(kmend_kernel.tasklist_lock);
	for_each_possible_cpu(cpu) {
		t = kmend_call(idle_task)(cpu);
		if (!ret && t && !kmend_tasks_insert(table, t))
			ret = -ENOSPC;
	}
	if (ret) {
		kmend_tasks_put(table);
		return NULL;
	}
	return table;
}

/*
 * Replaces a crowded table by a fresh copy without the tasks that are
 * gone. Under kmend_mutex.
 */
static void kmend_rebuild_table(void)
{
	struct kmend_task_table *old = kmend_tasks, *fresh;

	lockdep_assert_held(&kmend_mutex);
	fresh = kmend_tasks_rebuild(old);
	if (!fresh)
		return;		/* try again on the next pass */
	kmend_publish_tasks(fresh);
	kmend_pertask_stop(old);
	kmend_sync_handlers();
	kmend_tasks_put(old);
}

/*
 * One full pass, under kmend_mutex, cpus_read_lock() and tasklist_lock.
 * Return: true when every task is on @target's side.
 */
static bool kmend_complete_pass(struct kmend_task_table *table, int target)
{
	unsigned int blocked;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	read_lock(kmend_kernel.tasklist_lock);
	ret = kmend_add_all_tasks(table);
	blocked = kmend_switch_pass(table, target, true);
	if (!ret && !blocked)
		WRITE_ONCE(table->unknown_state, target);
	read_unlock(kmend_kernel.tasklist_lock);
	return !ret && !blocked;
}

/**
 * kmend_pertask_try_complete() - one full pass; may every task switch?
 *
 * Called under kmend_mutex. Return: true when every task is on the target
 * side; from then on, tasks created later start there too.
 */
bool kmend_pertask_try_complete(void)
{
	bool done;

	lockdep_assert_held(&kmend_mutex);
	if (kmend_tasks_crowded(kmend_tasks))
		kmend_rebuild_table();
	cpus_read_lock();
	done = kmend_complete_pass(kmend_tasks, kmend_transition_target);
	cpus_read_unlock();
	return done;
}

/*
 * Tasks still blocked after a while may be sleeping in a replaced
 * function: a fake signal ends an interruptible sleep of a user task (the
 * system call restarts after the task has switched), a wake-up sends a
 * kernel thread around its loop.
 */
void kmend_pertask_signal_blockers(void)
{
	int target = kmend_transition_target;
	struct kmend_task_slot *slot;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_slot(kmend_tasks, slot) {
		if (READ_ONCE(slot->state) == target ||
		    is_idle_task(slot->task))
			continue;
		if (slot->task->flags & PF_KTHREAD)
			kmend_call(wake_up_state)(slot->task,
						  TASK_INTERRUPTIBLE);
		else if (!test_and_set_tsk_thread_flag(slot->task,
						       TIF_NOTIFY_SIGNAL))
			kmend_call(wake_up_state)(slot->task,
						  TASK_INTERRUPTIBLE);
	}
}

/* Every task to the target side now, whatever its stack. */
void kmend_pertask_force(void)
{
	struct kmend_task_slot *slot;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_slot(kmend_tasks, slot)
		WRITE_ONCE(slot->state, kmend_transition_target);
	WRITE_ONCE(kmend_tasks->unknown_state, kmend_transition_target);
}

static bool kmend_match_work(struct callback_head *work, void *data)
{
	return work == data;
}

/**
 * kmend_pertask_stop() - cancel the task works queued on @table
 *
 * Called under kmend_mutex once @table is no longer the live one, or the
 * transition no longer needs them. A work that cannot be cancelled is
 * running or about to (task_work_run() took it): it finds its table stale
 * and only drops its reference, so nothing waits for it here.
 */
void kmend_pertask_stop(struct kmend_task_table *table)
{
	struct kmend_task_slot *slot;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_slot(table, slot) {
		if (!atomic_read(&slot->work_queued))
			continue;
		if (kmend_call(task_work_cancel_match)(slot->task,
						       kmend_match_work,
						       &slot->work))
			kmend_task_work_done(slot);
	}
}

void kmend_pertask_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		INIT_WORK(per_cpu_ptr(&kmend_nudge_works, cpu), kmend_nudge_fn);
}

/*
 * kmend.ko goes: the nudges and the task works still queued must be done
 * with its code. A task work that no transition could cancel runs as soon
 * as its task leaves what it is doing in the kernel.
 */
void kmend_pertask_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		cancel_work_sync(per_cpu_ptr(&kmend_nudge_works, cpu));
	/* Pairs with atomic_dec_return_release() in kmend_task_work_done(). */
	wait_var_event(&kmend_works_pending,
		       !atomic_read_acquire(&kmend_works_pending));
}
