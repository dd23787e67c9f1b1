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
#include <linux/sched.h>
#include "kmend_test.h"

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
KMEND_TEST_OBJECT_PATCH("kmend_test_target");
module_kmend_test_patch_consistency(patch);
MODULE_LICENSE("GPL");
