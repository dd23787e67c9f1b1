// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_hotplug_patch.c - replaces produce(), consume() and pair() of
 * kmend_test_hotplug with format-2 versions.
 *
 *	consistency=0|1|2	KMEND_PER_TASK, KMEND_ATOMIC, KMEND_IMMEDIATE
 *	hold=1			the caller of the new pair() that may wait (the
 *				target's hold worker) sleeps in it until hold=0
 */
#include "kmend_test.h"
#include "kmend_test_pair.h"

static bool hold;
module_param(hold, bool, 0644);

/* kmend_test_new_produce(), _consume() and _pair(), format 2 */
KMEND_TEST_DEFINE_PAIR(static, kmend_test_new, 2, hold)

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
