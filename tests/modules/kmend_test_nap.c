// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_nap.c - replaces produce() of kmend_test_target with a
 * format-2 version in which tasks may fall asleep: the patch module's own
 * code is then on their stacks.
 *
 *	consistency=0|1|2	KMEND_PER_TASK, KMEND_ATOMIC, KMEND_IMMEDIATE
 *	nap=1			callers in task context sleep in the new
 *				produce() until nap=0 (the target's kernel
 *				thread calls it every 5 ms)
 *	napping			how many tasks sleep there now
 */
#include <linux/sched.h>
#include "kmend_test.h"

static bool nap;
module_param(nap, bool, 0644);
static atomic_t napping = ATOMIC_INIT(0);
module_param_named(napping, napping.counter, int, 0444);

static int kmend_test_new_produce(void)
{
	if (READ_ONCE(nap) && in_task()) {
		atomic_inc(&napping);
		while (READ_ONCE(nap))
			schedule_timeout_uninterruptible(HZ / 100);
		atomic_dec(&napping);
	}
	return 2;
}

static struct kmend_func funcs[] = {
	{ .old_name = "kmend_test_produce", .new_func = kmend_test_new_produce },
	{ }
};
KMEND_TEST_OBJECT_PATCH("kmend_test_target");
module_kmend_test_patch_consistency(patch);
MODULE_LICENSE("GPL");
