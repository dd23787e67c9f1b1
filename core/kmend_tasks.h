/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_TASKS_H
#define _KMEND_TASKS_H

#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/task_work.h>

struct kmend_task_table;

/**
 * struct kmend_task_slot - one task's side of a per-task transition
 * @task:	the task, referenced; NULL for a free slot. Set once, before
 *		the slot is visible to lookups, and never cleared.
 * @table:	the table the slot belongs to, which a queued @work holds
 * @state:	enum kmend_side the task runs (READ_ONCE/WRITE_ONCE)
 * @blocker:	why the task has not switched yet: a function name or a
 *		reason, for the blockers file
 * @work:	task_work that switches a user task on its way to user mode
 * @work_queued: @work is queued or running; cleared by the work itself
 */
struct kmend_task_slot {
	struct task_struct *task;
	struct kmend_task_table *table;
	int state;
	const char *blocker;
	struct callback_head work;
	atomic_t work_queued;
};

/**
 * struct kmend_task_table - the side of every task during a transition
 * @refs:		one for the transition that publishes the table, one
 *			for each task work queued on one of its slots
 * @mask:		number of slots - 1 (a power of two - 1)
 * @used:		slots in use (under kmend_mutex)
 * @unknown_state:	the side of tasks that have no slot: those created
 *			since the table was built and not yet seen by a pass
 * @slots:		open-addressing hash of task pointers
 *
 * Atomic and immediate transitions use a table without slots: switching
 * every task at once is one write of @unknown_state.
 */
struct kmend_task_table {
	refcount_t refs;
	unsigned int mask;
	unsigned int used;
	int unknown_state;
	struct kmend_task_slot slots[];
};

extern struct kmend_task_table *kmend_tasks;
extern atomic_t kmend_task_tables, kmend_task_refs;

bool kmend_task_gone(struct task_struct *task);
int kmend_task_state(struct kmend_task_table *table, struct task_struct *task);
struct kmend_task_table *kmend_tasks_alloc(unsigned int nr_tasks, int state);
struct kmend_task_slot *kmend_tasks_find(struct kmend_task_table *table,
					 struct task_struct *task);
struct kmend_task_slot *kmend_tasks_insert(struct kmend_task_table *table,
					   struct task_struct *task);
bool kmend_tasks_crowded(struct kmend_task_table *table);
struct kmend_task_table *kmend_tasks_rebuild(struct kmend_task_table *table);
void kmend_tasks_get(struct kmend_task_table *table);
void kmend_tasks_put(struct kmend_task_table *table);

/*
 * Every used slot. The acquire pairs with the smp_store_release() in
 * kmend_tasks_insert(): a walker without kmend_mutex (kmend_nudge_fn())
 * sees a slot's fields set before its task.
 */
#define kmend_for_each_slot(table, slot)				\
	for (slot = (table)->slots; slot <= &(table)->slots[(table)->mask]; \
	     slot++)							\
		if (!smp_load_acquire(&slot->task)) {} else

#endif /* _KMEND_TASKS_H */
