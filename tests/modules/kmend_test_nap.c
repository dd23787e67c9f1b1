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
#include <linux/module.h>
#include <linux/sched.h>
#include <kmend.h>

static int consistency;
module_param(consistency, int, 0444);
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
static struct kmend_object objs[] = {
	{ .name = "kmend_test_target", .funcs = funcs },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init kmend_test_nap_init(void)
{
	patch.consistency = consistency;
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_nap_exit(void)
{
}

module_init(kmend_test_nap_init);
module_exit(kmend_test_nap_exit);
MODULE_LICENSE("GPL");
