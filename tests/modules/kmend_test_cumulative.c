// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_cumulative.c - a cumulative patch (replace = true) of
 * kmend_test_pair() in kmend_test_target3 only. A worker of that module
 * held in the old pair() (hold=1) keeps its transition going, so that a
 * test can load and remove the modules of the patches it supersedes in
 * the middle of it.
 */
#include "kmend_test.h"

/* Never holds, never mixes. */
static int kmend_test_new_pair(bool wait)
{
	return 0;
}

static struct kmend_func funcs[] = {
	{ .old_name = "kmend_test_pair", .new_func = kmend_test_new_pair },
	{ }
};
KMEND_TEST_OBJECT_PATCH("kmend_test_target3", .replace = true);
module_kmend_test_patch(patch);
MODULE_LICENSE("GPL");
