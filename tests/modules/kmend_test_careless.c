// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_careless.c - a patch module with one mistake in it, which
 * kmend.ko must refuse with a message, leaving nothing behind.
 *
 *	mistake=nomod	.mod left NULL
 *	mistake=owner	.mod names another module (kmend)
 *	mistake=init	the replacement is __init code, freed after init
 *	mistake=other	the replacement is in another module (kmend)
 *	mistake=self	kmend_get_prev_state() "replaced" by itself
 *	mistake=cbend	a vmlinux object of callbacks without funcs, which
 *			ends the list of objects
 *	mistake=dupobj	one module listed twice
 *	mistake=dupfunc	one function listed twice in an object
 *
 * Without a mistake (the default, mistake=none) the patch replaces
 * cmdline_proc_show() ("kmend-test-careless").
 */
#include <linux/module.h>
#include <linux/seq_file.h>
#include <kmend.h>

static char *mistake = "none";
module_param(mistake, charp, 0444);

static int kmend_test_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kmend-test-careless\n");
	return 0;
}

static int __init kmend_test_init_show(struct seq_file *m, void *v)
{
	return kmend_test_show(m, v);
}

static int kmend_test_pre_patch(struct kmend_object *obj)
{
	pr_info("kmend_test_careless: pre_patch\n");
	return 0;
}

static int kmend_test_produce(void)
{
	return 2;
}

static struct kmend_func vmlinux_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = kmend_test_show },
	{ }
};
static struct kmend_func target_funcs[] = {
	{ .old_name = "kmend_test_produce", .new_func = kmend_test_produce },
	{ },
	{ }
};
static struct kmend_func kmend_funcs[] = {
	{ .old_name = "kmend_get_prev_state", .new_func = kmend_get_prev_state },
	{ }
};
static const struct kmend_object target_obj = {
	.name = "kmend_test_target", .funcs = target_funcs,
};
static struct kmend_object objs[4] = {
	{ .funcs = vmlinux_funcs },
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static struct module *kmend_test_find_kmend(void)
{
	struct kobject *kobj = kset_find_obj(THIS_MODULE->mkobj.kobj.kset,
					     "kmend");
	struct module *mod = NULL;

	if (kobj)
		mod = container_of(kobj, struct module_kobject, kobj)->mod;
	kobject_put(kobj);
	return mod;
}

static int __init kmend_test_careless_init(void)
{
	if (!strcmp(mistake, "nomod"))
		patch.mod = NULL;
	if (!strcmp(mistake, "owner"))
		patch.mod = kmend_test_find_kmend();
	if (!strcmp(mistake, "init"))
		vmlinux_funcs[0].new_func = kmend_test_init_show;
	if (!strcmp(mistake, "other"))
		vmlinux_funcs[0].new_func = kmend_shadow_get;
	if (!strcmp(mistake, "self"))
		objs[1] = (struct kmend_object){ .name = "kmend",
						 .funcs = kmend_funcs };
	if (!strcmp(mistake, "cbend")) {
		objs[0] = target_obj;
		objs[1] = (struct kmend_object){
			.callbacks = { .pre_patch = kmend_test_pre_patch } };
	}
	if (!strcmp(mistake, "dupobj"))
		objs[1] = objs[2] = target_obj;
	if (!strcmp(mistake, "dupfunc")) {
		target_funcs[1] = target_funcs[0];
		objs[1] = target_obj;
	}
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_careless_exit(void)
{
}

module_init(kmend_test_careless_init);
module_exit(kmend_test_careless_exit);
MODULE_LICENSE("GPL");
