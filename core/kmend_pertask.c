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
 *   that CPU displaces it, then checks it like any task not running.
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
 * Context: passes that create slots run under kmend_mutex; the per-CPU
 * nudges and task works only change slot states, and are stopped by
 * kmend_pertask_stop() before the table or the stack ranges go.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/task_work.h>
#include <linux/workqueue.h>
#include "kmend_pertask.h"
#include "kmend_stack.h"
#include "kmend_symbols.h"
#include "kmend_transition.h"

static DEFINE_PER_CPU(struct work_struct, kmend_nudge_works);

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

static bool kmend_try_switch(struct kmend_task_slot *slot, int target)
{
	struct kmend_switch_arg arg = { .slot = slot, .target = target };
	struct task_struct *task = slot->task;

	if (READ_ONCE(slot->state) == target)
		return true;
	/* An offline CPU's idle task restarts from scratch when it comes up. */
	if (is_idle_task(task) && !cpu_online(task_cpu(task))) {
		WRITE_ONCE(slot->state, target);
		return true;
	}
	return !kmend_call(task_call_func)(task, kmend_switch_task_locked, &arg);
}

/* On the way to user mode: the task switches itself if its stack allows. */
static void kmend_task_work_fn(struct callback_head *work)
{
	struct kmend_task_slot *slot =
		container_of(work, struct kmend_task_slot, work);
	int target = READ_ONCE(kmend_transition_target);

	if (!kmend_check_stack(current, &slot->blocker))
		WRITE_ONCE(slot->state, target);
	/* Last touch of the slot: pairs with kmend_cancel_task_works(). */
	atomic_set_release(&slot->work_queued, 0);
}

static void kmend_queue_task_work(struct kmend_task_slot *slot)
{
	if (slot->task->flags & (PF_KTHREAD | PF_EXITING))
		return;
	if (atomic_cmpxchg(&slot->work_queued, 0, 1))
		return;
	init_task_work(&slot->work, kmend_task_work_fn);
	if (task_work_add(slot->task, &slot->work, TWA_RESUME))
		atomic_set(&slot->work_queued, 0);
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
 * One attempt at every task not yet switched. With @kick, also arrange for
 * the next chance of those still blocked. Return: how many are blocked.
 */
static unsigned int kmend_switch_pass(struct kmend_task_table *table,
				      int target, bool kick)
{
	struct kmend_task_slot *slot;
	unsigned int blocked = 0;

	kmend_for_each_slot(table, slot) {
		if (kmend_try_switch(slot, target))
			continue;
		blocked++;
		if (!kick)
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
	struct kmend_task_table *table = READ_ONCE(kmend_tasks);

	if (table)
		kmend_switch_pass(table, READ_ONCE(kmend_transition_target),
				  false);
	kmend_kick_transition();
}

/* Gives every task of the system a slot. Under tasklist_lock. */
static int kmend_add_all_tasks(struct kmend_task_table *table)
{
	struct task_struct *g, *t;

	for_each_process_thread(g, t)
		if (!kmend_tasks_insert(table, t))
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
		kmend_tasks_free(table);
		return NULL;
	}
	return table;
}

/* Replaces a crowded table by a bigger copy. Under kmend_mutex. */
static void kmend_grow_table(void)
{
	struct kmend_task_table *old = kmend_tasks, *bigger;

	kmend_pertask_stop();
	bigger = kmend_tasks_grow(old);
	if (!bigger)
		return;		/* try again on the next pass */
	WRITE_ONCE(kmend_tasks, bigger);
	kmend_sync_handlers();
	kmend_tasks_free(old);
}

/**
 * kmend_pertask_try_complete() - one full pass; may every task switch?
 *
 * Called under kmend_mutex. Return: true when every task is on the target
 * side; from then on, tasks created later start there too.
 */
bool kmend_pertask_try_complete(void)
{
	int target = kmend_transition_target;
	struct kmend_task_table *table;
	unsigned int blocked;
	int ret;

	if (kmend_tasks_crowded(kmend_tasks))
		kmend_grow_table();
	table = kmend_tasks;

	read_lock(kmend_kernel.tasklist_lock);
	ret = kmend_add_all_tasks(table);
	blocked = kmend_switch_pass(table, target, true);
	if (!ret && !blocked)
		WRITE_ONCE(table->unknown_state, target);
	read_unlock(kmend_kernel.tasklist_lock);

	return !ret && !blocked;
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

	kmend_for_each_slot(kmend_tasks, slot)
		WRITE_ONCE(slot->state, kmend_transition_target);
	WRITE_ONCE(kmend_tasks->unknown_state, kmend_transition_target);
}

static bool kmend_match_work(struct callback_head *work, void *data)
{
	return work == data;
}

/* After this no task work touches the table. */
static void kmend_cancel_task_works(struct kmend_task_table *table)
{
	struct kmend_task_slot *slot;

	kmend_for_each_slot(table, slot) {
		if (!atomic_read(&slot->work_queued))
			continue;
		if (kmend_call(task_work_cancel_match)(slot->task,
						       kmend_match_work,
						       &slot->work))
			atomic_set(&slot->work_queued, 0);
	}
	/* The works not cancelled are running or about to: wait for them. */
	kmend_for_each_slot(table, slot)
		while (atomic_read_acquire(&slot->work_queued))
			schedule_timeout_uninterruptible(1);
}

/**
 * kmend_pertask_stop() - stop every helper that touches the table
 *
 * Called under kmend_mutex before the table or the stack ranges change.
 */
void kmend_pertask_stop(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		cancel_work_sync(per_cpu_ptr(&kmend_nudge_works, cpu));
	if (kmend_tasks)
		kmend_cancel_task_works(kmend_tasks);
}

void kmend_pertask_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		INIT_WORK(per_cpu_ptr(&kmend_nudge_works, cpu), kmend_nudge_fn);
}
