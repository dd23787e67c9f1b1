// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_patch.c - replaces produce(), consume() and pair() of
 * kmend_test_target with format-2 versions.
 *
 *	consistency=0|1|2	KMEND_PER_TASK, KMEND_ATOMIC, KMEND_IMMEDIATE
 *	hold=1			a caller of the new pair() that may wait (the
 *				target's hold worker) sleeps in it until
 *				hold=0: a task in the new code holds up the
 *				unpatching transition
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <kmend.h>

static int consistency;
module_param(consistency, int, 0444);
static bool hold;
module_param(hold, bool, 0644);

static int kmend_test_new_produce(void)
{
	return 2;
}

static int kmend_test_new_consume(int format)
{
	return format == 2 ? 0 : 1;
}

/* Held by this module's hold only: the target's hold holds old callers. */
static int kmend_test_new_pair(bool wait)
{
	int format = kmend_test_new_produce();

	while (wait && READ_ONCE(hold))
		schedule_timeout_interruptible(HZ / 100);
	return kmend_test_new_consume(format);
}

static struct kmend_func funcs[] = {
	{ .old_name = "kmend_test_produce", .new_func = kmend_test_new_produce },
	{ .old_name = "kmend_test_consume", .new_func = kmend_test_new_consume },
	{ .old_name = "kmend_test_pair", .new_func = kmend_test_new_pair },
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

static int __init kmend_test_patch_init(void)
{
	patch.consistency = consistency;
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_patch_exit(void)
{
}

module_init(kmend_test_patch_init);
module_exit(kmend_test_patch_exit);
MODULE_LICENSE("GPL");
