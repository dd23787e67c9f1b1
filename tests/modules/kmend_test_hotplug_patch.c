// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_hotplug_patch.c - replaces produce(), consume() and pair() of
 * kmend_test_hotplug with format-2 versions.
 *
 *	consistency=0|1|2	KMEND_PER_TASK, KMEND_ATOMIC, KMEND_IMMEDIATE
 *	hold=1			the caller of the new pair() that may wait (the
 *				target's hold worker) sleeps in it until hold=0
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

static int kmend_test_new_pair(bool wait)
{
	int format = kmend_test_new_produce();

	while (wait && READ_ONCE(hold))
		schedule_timeout_uninterruptible(HZ / 100);
	return kmend_test_new_consume(format);
}

static struct kmend_func funcs[] = {
	{ .old_name = "kmend_test_hotplug_produce",
	  .new_func = kmend_test_new_produce },
	{ .old_name = "kmend_test_hotplug_consume",
	  .new_func = kmend_test_new_consume },
	{ .old_name = "kmend_test_hotplug_pair",
	  .new_func = kmend_test_new_pair },
	{ }
};
KMEND_TEST_OBJECT_PATCH("kmend_test_hotplug");
module_kmend_test_patch_consistency(patch);
MODULE_LICENSE("GPL");
