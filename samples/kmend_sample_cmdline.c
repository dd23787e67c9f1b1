// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_sample_cmdline.c - replace cmdline_proc_show() so that
 * /proc/cmdline shows a marker instead of the boot command line.
 *
 *	insmod kmend_sample_cmdline.ko		(or: kmend load ...)
 *	cat /proc/cmdline			-> kmend: this kernel is live patched
 *	kmend unload kmend_sample_cmdline
 */
#include <linux/module.h>
#include <linux/seq_file.h>
#include <kmend.h>

static int kmend_sample_cmdline_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kmend: this kernel is live patched\n");
	return 0;
}

static struct kmend_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = kmend_sample_cmdline_show,
	},
	{ }
};

static struct kmend_object objs[] = {
	{
		/* name NULL: vmlinux */
		.funcs = funcs,
	},
	{ }
};

static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init kmend_sample_cmdline_init(void)
{
	return kmend_enable_patch(&patch);
}

static void __exit kmend_sample_cmdline_exit(void)
{
}

module_init(kmend_sample_cmdline_init);
module_exit(kmend_sample_cmdline_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmend sample: a marker in /proc/cmdline");
