// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_patch.c - replaces produce(), consume() and pair() of
 * kmend_test_target with format-2 versions.
 *
 *	consistency=0|1|2	KMEND_PER_TASK, KMEND_ATOMIC, KMEND_IMMEDIATE
 */
#include <linux/module.h>
#include <kmend.h>

static int consistency;
module_param(consistency, int, 0444);

static int kmend_test_new_produce(void)
{
	return 2;
}

static int kmend_test_new_consume(int format)
{
	return format == 2 ? 0 : 1;
}

/* The old pair() without the hold: only old callers are ever held. */
static int kmend_test_new_pair(bool wait)
{
	return kmend_test_new_consume(kmend_test_new_produce());
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
