// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_tasks.c - which side of a transition each task runs.
 *
 * The kernel's own livepatch keeps this in task_struct->patch_state, a
 * field it owns; kmend keeps its own table so that the two never disturb
 * each other. The ftrace handler looks the calling task up on every call
 * of a function in transition, so lookups take no lock: a slot's task is
 * published after its state (smp_store_release) and read with
 * smp_load_acquire, and slots are never removed from a live table.
 *
 * Inserts happen under kmend_mutex only. A table that becomes crowded is
 * replaced by a fresh copy (kmend_tasks_rebuild()), never changed in place;
 * the copy leaves out the tasks that are gone for good, so a fork/exit loop
 * during a long transition cannot make the table, or the task_structs it
 * holds, grow without bound.
 *
 * Lifetime: the transition holds one reference on its table and drops it
 * only after the handlers that might use it are done (see
 * kmend_sync_handlers()); each queued task work holds another, so that a
 * work that runs late finds its slot still there (kmend_pertask.c).
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "kmend_core.h"
#include "kmend_tasks.h"

/*
 * The live table; published under kmend_mutex with smp_store_release() and
 * read with smp_load_acquire() (kmend_task_patched(), kmend_nudge_fn()),
 * so that a reader never sees a table before its contents.
 */
struct kmend_task_table *kmend_tasks;

/*
 * @task will never run again: it is dead (do_task_dead()) and its CPU has
 * switched away from it for good. finish_task() clears on_cpu with
 * smp_store_release() after the last instruction @task ran; the acquire
 * pairs with it, the smp_rmb() orders it after the TASK_DEAD seen.
 */
bool kmend_task_gone(struct task_struct *task)
{
	if (READ_ONCE(task->__state) != TASK_DEAD)
		return false;
	smp_rmb();
	return !smp_load_acquire(&task->on_cpu);
}

/* Tables allocated and not freed, task references held: for debugfs. */
atomic_t kmend_task_tables = ATOMIC_INIT(0);
atomic_t kmend_task_refs = ATOMIC_INIT(0);

static inline unsigned int kmend_slot_index(struct kmend_task_table *table,
					    struct task_struct *task)
{
	return hash_ptr(task, 32) & table->mask;
}

struct kmend_task_slot *notrace
kmend_tasks_find(struct kmend_task_table *table, struct task_struct *task)
{
	unsigned int i = kmend_slot_index(table, task), n;
	struct task_struct *t;

	for (n = 0; n <= table->mask; n++, i = (i + 1) & table->mask) {
		t = smp_load_acquire(&table->slots[i].task);
		if (t == task)
			return &table->slots[i];
		if (!t)
			return NULL;
	}
	return NULL;
}

/* The side @task runs; called by the ftrace handler, in any context. */
int notrace kmend_task_state(struct kmend_task_table *table,
			     struct task_struct *task)
{
	struct kmend_task_slot *slot = kmend_tasks_find(table, task);

	return slot ? READ_ONCE(slot->state) : READ_ONCE(table->unknown_state);
}

/**
 * kmend_tasks_alloc() - an empty table for about @nr_tasks tasks
 * @state:	the side of every task not in the table
 *
 * Sized at four slots a task, plus room for tasks created while a
 * transition runs, so that probes stay short.
 */
struct kmend_task_table *kmend_tasks_alloc(unsigned int nr_tasks, int state)
{
	struct kmend_task_table *table;
	unsigned int nr_slots = nr_tasks ?
		roundup_pow_of_two(4 * nr_tasks + 256) : 1;

	table = kvzalloc(struct_size(table, slots, nr_slots), GFP_KERNEL);
	if (!table)
		return NULL;
	refcount_set(&table->refs, 1);
	table->mask = nr_slots - 1;
	table->unknown_state = state;
	atomic_inc(&kmend_task_tables);
	return table;
}

/**
 * kmend_tasks_insert() - give @task a slot on its current side
 *
 * Called under kmend_mutex. The new slot starts on the side the handler
 * already gave the task (unknown_state), so publishing it changes nothing
 * for the task. Return: the slot, or NULL when the table is full.
 */
struct kmend_task_slot *kmend_tasks_insert(struct kmend_task_table *table,
					   struct task_struct *task)
{
	unsigned int i = kmend_slot_index(table, task), n;
	struct kmend_task_slot *slot;

	lockdep_assert_held(&kmend_mutex);
	for (n = 0; n <= table->mask; n++, i = (i + 1) & table->mask) {
		slot = &table->slots[i];
		if (slot->task == task)
			return slot;
		if (slot->task)
			continue;
		if (table->used + 1 > table->mask / 2 + 1)
			return NULL;
		get_task_struct(task);
		slot->table = table;
		atomic_inc(&kmend_task_refs);
		slot->state = READ_ONCE(table->unknown_state);
		slot->blocker = "not checked yet";
		atomic_set(&slot->work_queued, 0);
		table->used++;
		/* Pairs with smp_load_acquire() in kmend_tasks_find(). */
		smp_store_release(&slot->task, task);
		return slot;
	}
	return NULL;
}

/* More than a quarter full: time to grow before inserts start failing. */
bool kmend_tasks_crowded(struct kmend_task_table *table)
{
	return table->mask && table->used > (table->mask + 1) / 4;
}

/**
 * kmend_tasks_rebuild() - a fresh copy of @table, with the same sides
 *
 * The tasks that are gone for good are left out, and the copy is sized for
 * those that remain. The caller publishes the copy, waits for the
 * handlers, then drops its reference on @table. Under kmend_mutex.
 */
struct kmend_task_table *kmend_tasks_rebuild(struct kmend_task_table *table)
{
	struct kmend_task_table *fresh;
	struct kmend_task_slot *slot, *copy;
	unsigned int live = 0;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_slot(table, slot)
		live += !kmend_task_gone(slot->task);
	fresh = kmend_tasks_alloc(live, table->unknown_state);
	if (!fresh)
		return NULL;
	kmend_for_each_slot(table, slot) {
		if (kmend_task_gone(slot->task))
			continue;
		/* Room for four times as many: an insert cannot fail. */
		copy = kmend_tasks_insert(fresh, slot->task);
		copy->state = slot->state;
		copy->blocker = slot->blocker;
	}
	return fresh;
}

void kmend_tasks_get(struct kmend_task_table *table)
{
	refcount_inc(&table->refs);
}

/* The last reference frees the table and drops its tasks. */
void kmend_tasks_put(struct kmend_task_table *table)
{
	struct kmend_task_slot *slot;

	if (!table || !refcount_dec_and_test(&table->refs))
		return;
	kmend_for_each_slot(table, slot) {
		put_task_struct(slot->task);
		atomic_dec(&kmend_task_refs);
	}
	kvfree(table);
	atomic_dec(&kmend_task_tables);
}
