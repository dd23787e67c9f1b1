// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_kprobe.c - a kprobe on symbol=NAME, with a post handler when
 * post=1. A post handler makes kprobes redirect the function through an
 * IPMODIFY ftrace_ops, which excludes every other redirection.
 */
#include <linux/module.h>
#include <linux/kprobes.h>

static char *symbol = "cmdline_proc_show";
module_param(symbol, charp, 0444);
static bool post;
module_param(post, bool, 0444);
static unsigned long hits;
module_param(hits, ulong, 0444);

static int kmend_test_pre(struct kprobe *p, struct pt_regs *regs)
{
	hits++;
	return 0;
}

static void kmend_test_post(struct kprobe *p, struct pt_regs *regs,
			    unsigned long flags)
{
}

static struct kprobe kp = { .pre_handler = kmend_test_pre };

static int __init kmend_test_kprobe_init(void)
{
	kp.symbol_name = symbol;
	if (post)
		kp.post_handler = kmend_test_post;
	return register_kprobe(&kp);
}

static void __exit kmend_test_kprobe_exit(void)
{
	unregister_kprobe(&kp);
}

module_init(kmend_test_kprobe_init);
module_exit(kmend_test_kprobe_exit);
MODULE_LICENSE("GPL");
