// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_stack.c - is a task inside code that a transition replaces?
 *
 * A task may change sides only when no frame of its stack returns into a
 * function of the transition, on either side: the code below the patch
 * (the original function or an older patch's replacement) and the patch's
 * own replacement. Checking both sides makes the answer independent of
 * the direction, so a reversed transition needs no new ranges.
 *
 * Only a reliable stack trace counts: a stack the ORC unwinder cannot walk
 * to its end with certainty blocks the task, it is never taken as clean.
 *
 * The ranges are built under kmend_mutex when a transition starts, built
 * again when an object of the patch comes or goes, and freed when the
 * transition ends. Checkers run under kmend_mutex (passes, stop_machine)
 * or hold kmend_switch_lock for reading (the per-task helpers); the
 * ranges are replaced under both, so a checker never sees them change.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/percpu.h>
#include <linux/slab.h>
#include "kmend_core.h"
#include "kmend_ftrace.h"
#include "kmend_replace.h"
#include "kmend_stack.h"
#include "kmend_symbols.h"
#include "kmend_transition.h"

#define KMEND_MAX_STACK_ENTRIES	128

struct kmend_code_range {
	unsigned long start, end;
	const char *name;
};

static struct kmend_code_range *kmend_ranges;
static unsigned int kmend_nr_ranges;

struct kmend_stack_buf {
	unsigned long entries[KMEND_MAX_STACK_ENTRIES];
};
static DEFINE_PER_CPU(struct kmend_stack_buf, kmend_stack_bufs);

/* Ranges being built, before they replace kmend_ranges. */
struct kmend_range_set {
	struct kmend_code_range *ranges;
	unsigned int nr;
};

static void kmend_add_range(struct kmend_range_set *set, void *addr,
			    unsigned long size, const char *name)
{
	struct kmend_code_range *r = &set->ranges[set->nr++];

	r->start = (unsigned long)addr;
	r->end = r->start + size;
	r->name = name;
}

/*
 * What a cumulative patch drops: the old patch's code and the original.
 * Without @set, only counts them.
 */
static unsigned int kmend_add_replaced_ranges(struct kmend_patch *patch,
					      struct kmend_range_set *set)
{
	struct kmend_patch *old;
	struct kmend_object *obj;
	struct kmend_func *func;
	unsigned int n = 0;

	if (!patch->replacing)
		return 0;
	kmend_for_each_replaced(patch, old) {
		kmend_for_each_object(old, obj) {
			kmend_for_each_func(obj, func) {
				if (!func->replaced)
					continue;
				n++;
				if (!set)
					continue;
				kmend_add_range(set, func->old_func,
						func->old_size, func->old_name);
				kmend_add_range(set, func->new_func,
						func->new_size, func->old_name);
			}
		}
	}
	return n;
}

/* Both sides of each of @patch's functions on its stack. */
static void kmend_add_patch_ranges(struct kmend_patch *patch,
				   struct kmend_range_set *set)
{
	struct kmend_object *obj;
	struct kmend_func *func, *below;

	kmend_for_each_object(patch, obj) {
		kmend_for_each_func(obj, func) {
			if (!func->patched)
				continue;
			below = kmend_func_below(func);
			if (below)
				kmend_add_range(set, below->new_func,
						below->new_size, func->old_name);
			else
				kmend_add_range(set, func->old_func,
						func->old_size, func->old_name);
			kmend_add_range(set, func->new_func, func->new_size,
					func->old_name);
		}
	}
}

/* Installs @ranges (or none) for every checker; frees the previous ones. */
static void kmend_stack_ranges_set(struct kmend_code_range *ranges,
				   unsigned int nr)
{
	struct kmend_code_range *old;

	write_lock(&kmend_switch_lock);
	old = kmend_ranges;
	kmend_ranges = ranges;
	kmend_nr_ranges = nr;
	write_unlock(&kmend_switch_lock);
	kfree(old);
}

/**
 * kmend_stack_ranges_build() - the code a transition of @patch touches
 *
 * Called under kmend_mutex with @patch's functions on their stacks; the
 * new ranges replace the current ones. Return: 0, or -ENOMEM with the
 * current ones left as they were.
 */
int kmend_stack_ranges_build(struct kmend_patch *patch)
{
	struct kmend_range_set set = { };
	struct kmend_object *obj;
	struct kmend_func *func;
	unsigned int n = 0;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_object(patch, obj)
		kmend_for_each_func(obj, func)
			n++;
	n += kmend_add_replaced_ranges(patch, NULL);
	set.ranges = kcalloc(2 * n, sizeof(*set.ranges), GFP_KERNEL);
	if (!set.ranges)
		return -ENOMEM;
	kmend_add_replaced_ranges(patch, &set);
	kmend_add_patch_ranges(patch, &set);
	kmend_stack_ranges_set(set.ranges, set.nr);
	return 0;
}

/* Called under kmend_mutex: are there ranges to check stacks against? */
bool kmend_stack_ranges_ready(void)
{
	lockdep_assert_held(&kmend_mutex);
	return kmend_ranges;
}

/* Called under kmend_mutex. */
void kmend_stack_ranges_free(void)
{
	lockdep_assert_held(&kmend_mutex);
	kmend_stack_ranges_set(NULL, 0);
}

static const char *kmend_find_in_ranges(unsigned long *entries, int nr)
{
	unsigned int r;
	int i;

	for (i = 0; i < nr; i++)
		for (r = 0; r < kmend_nr_ranges; r++)
			if (entries[i] >= kmend_ranges[r].start &&
			    entries[i] < kmend_ranges[r].end)
				return kmend_ranges[r].name;
	return NULL;
}

/**
 * kmend_check_stack() - may @task change sides now?
 * @task:	a task that cannot run meanwhile: current, or one held by
 *		task_call_func(), or any task under stop_machine
 * @blocker:	set to the function found, or to the reason, on failure
 *
 * Return: 0 when the stack is reliable and clean, -EADDRINUSE when a
 * function of the transition is on it, -EINVAL when it is unreliable.
 */
int kmend_check_stack(struct task_struct *task, const char **blocker)
{
	struct kmend_stack_buf *buf;
	const char *name;
	int nr, ret = 0;

	/* Without ranges nothing can be proven: block. */
	if (!kmend_ranges) {
		*blocker = "no stack ranges";
		return -ENOMEM;
	}
	buf = get_cpu_ptr(&kmend_stack_bufs);
	nr = kmend_call(stack_trace_save_tsk_reliable)(task, buf->entries,
						       KMEND_MAX_STACK_ENTRIES);
	if (nr < 0) {
		*blocker = "unreliable stack";
		ret = -EINVAL;
	} else {
		name = kmend_find_in_ranges(buf->entries, nr);
		if (name) {
			*blocker = name;
			ret = -EADDRINUSE;
		}
	}
	put_cpu_ptr(&kmend_stack_bufs);
	return ret;
}
