// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_veto.c - a patch of callbacks only, for one module, whose
 * pre_patch callback may refuse that module's load.
 *
 *	target=NAME	the module (default kmend_test_target)
 *	veto=N		pre_patch returns N (e.g. -19, -ENODEV); writable
 */
#include <linux/module.h>
#include <kmend.h>

static char *target = "kmend_test_target";
module_param(target, charp, 0444);
static int veto;
module_param(veto, int, 0644);

static int kmend_test_veto_pre_patch(struct kmend_object *obj)
{
	int ret = READ_ONCE(veto);

	pr_info("%s: pre_patch: %s returns %d\n", THIS_MODULE->name,
		obj->name, ret);
	return ret;
}

static struct kmend_object objs[] = {
	{ .callbacks = { .pre_patch = kmend_test_veto_pre_patch } },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init kmend_test_veto_init(void)
{
	objs[0].name = target;
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_veto_exit(void)
{
}

module_init(kmend_test_veto_init);
module_exit(kmend_test_veto_exit);
MODULE_LICENSE("GPL");
