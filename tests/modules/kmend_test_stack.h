/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_stack.h - a cmdline_proc_show() replacement printing
 * KMEND_TEST_MARKER; included by two modules so that two patches can be
 * stacked on one function.
 */
#include <linux/module.h>
#include <linux/seq_file.h>
#include <kmend.h>

static int kmend_test_show(struct seq_file *m, void *v)
{
	seq_puts(m, KMEND_TEST_MARKER "\n");
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
};

static int __init kmend_test_stack_init(void)
{
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_stack_exit(void)
{
}

module_init(kmend_test_stack_init);
module_exit(kmend_test_stack_exit);
MODULE_LICENSE("GPL");
