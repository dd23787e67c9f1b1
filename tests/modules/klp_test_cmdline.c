// SPDX-License-Identifier: GPL-2.0
/*
 * klp_test_cmdline.c - a patch for the kernel's own livepatch replacing
 * cmdline_proc_show(), to test that kmend and livepatch refuse to redirect
 * the same function twice. /proc/cmdline shows "klp-test".
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static int klp_test_cmdline_show(struct seq_file *m, void *v)
{
	seq_puts(m, "klp-test\n");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = klp_test_cmdline_show },
	{ }
};
static struct klp_object objs[] = {
	{ .funcs = funcs },
	{ }
};
static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init klp_test_cmdline_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit klp_test_cmdline_exit(void)
{
}

module_init(klp_test_cmdline_init);
module_exit(klp_test_cmdline_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
