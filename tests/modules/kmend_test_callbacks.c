// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_callbacks.c - a patch whose every callback logs itself with
 * its object and, for a module, the module's state:
 *
 *	kmend_test_callbacks: pre_patch: kmend_test_target [LIVE]
 *
 * It replaces cmdline_proc_show() (vmlinux), and kmend_test_produce() and
 * kmend_test_pair() of kmend_test_target and kmend_test_target2 (loaded
 * or not), so that a worker held in pair() keeps its transition going.
 *
 *	pre_patch_ret=N		pre_patch returns N (e.g. -19, -ENODEV)
 */
#include <linux/seq_file.h>
#include "kmend_test.h"

static int pre_patch_ret;
module_param(pre_patch_ret, int, 0644);

static const char *const kmend_test_states[] = {
	[MODULE_STATE_LIVE] = "LIVE",
	[MODULE_STATE_COMING] = "COMING",
	[MODULE_STATE_GOING] = "GOING",
	[MODULE_STATE_UNFORMED] = "UNFORMED",
};

static void kmend_test_log(const char *cb, struct kmend_object *obj)
{
	if (obj->mod)
		pr_info("%s: %s: %s [%s]\n", THIS_MODULE->name, cb, obj->name,
			kmend_test_states[obj->mod->state]);
	else
		pr_info("%s: %s: vmlinux\n", THIS_MODULE->name, cb);
}

static int kmend_test_pre_patch(struct kmend_object *obj)
{
	kmend_test_log("pre_patch", obj);
	return pre_patch_ret;
}

static void kmend_test_post_patch(struct kmend_object *obj)
{
	kmend_test_log("post_patch", obj);
}

static void kmend_test_pre_unpatch(struct kmend_object *obj)
{
	kmend_test_log("pre_unpatch", obj);
}

static void kmend_test_post_unpatch(struct kmend_object *obj)
{
	kmend_test_log("post_unpatch", obj);
}

static int kmend_test_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kmend-test-callbacks\n");
	return 0;
}

static int kmend_test_produce(void)
{
	return 3;
}

/* Never mixes: it has no old produce() to call. */
static int kmend_test_pair(bool wait)
{
	return 0;
}

static struct kmend_func vmlinux_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = kmend_test_show },
	{ }
};
#define KMEND_TEST_TARGET_FUNCS {						\
	{ .old_name = "kmend_test_produce", .new_func = kmend_test_produce },	\
	{ .old_name = "kmend_test_pair", .new_func = kmend_test_pair },		\
	{ }									\
}
static struct kmend_func target_funcs[] = KMEND_TEST_TARGET_FUNCS;
static struct kmend_func target2_funcs[] = KMEND_TEST_TARGET_FUNCS;

#define KMEND_TEST_CALLBACKS {				\
	.pre_patch = kmend_test_pre_patch,		\
	.post_patch = kmend_test_post_patch,		\
	.pre_unpatch = kmend_test_pre_unpatch,		\
	.post_unpatch = kmend_test_post_unpatch,	\
}

static struct kmend_object objs[] = {
	{ .funcs = vmlinux_funcs, .callbacks = KMEND_TEST_CALLBACKS },
	{ .name = "kmend_test_target", .funcs = target_funcs,
	  .callbacks = KMEND_TEST_CALLBACKS },
	{ .name = "kmend_test_target2", .funcs = target2_funcs,
	  .callbacks = KMEND_TEST_CALLBACKS },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

module_kmend_test_patch(patch);
MODULE_LICENSE("GPL");
