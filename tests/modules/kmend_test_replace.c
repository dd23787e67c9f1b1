// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_replace.c - a cumulative patch (replace = true) that replaces
 * only cmdline_proc_show(): /proc/cmdline shows "kmend-test-replace", and
 * every function the patches it supersedes replaced goes back to its
 * original code.
 */
#include <linux/module.h>
#include <linux/seq_file.h>
#include <kmend.h>

static int kmend_test_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kmend-test-replace\n");
	return 0;
}

static struct kmend_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = kmend_test_show },
	{ }
};
static struct kmend_object objs[] = {
	{ .funcs = funcs },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int __init kmend_test_replace_init(void)
{
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_replace_exit(void)
{
}

module_init(kmend_test_replace_init);
module_exit(kmend_test_replace_exit);
MODULE_LICENSE("GPL");
