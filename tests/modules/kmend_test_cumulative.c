// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_cumulative.c - a cumulative patch (replace = true) of
 * kmend_test_pair() in kmend_test_target3 only. A worker of that module
 * held in the old pair() (hold=1) keeps its transition going, so that a
 * test can load and remove the modules of the patches it supersedes in
 * the middle of it.
 */
#include <linux/module.h>
#include <kmend.h>

/* Never holds, never mixes. */
static int kmend_test_new_pair(bool wait)
{
	return 0;
}

static struct kmend_func funcs[] = {
	{ .old_name = "kmend_test_pair", .new_func = kmend_test_new_pair },
	{ }
};
static struct kmend_object objs[] = {
	{ .name = "kmend_test_target3", .funcs = funcs },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int __init kmend_test_cumulative_init(void)
{
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_cumulative_exit(void)
{
}

module_init(kmend_test_cumulative_init);
module_exit(kmend_test_cumulative_exit);
MODULE_LICENSE("GPL");
