// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_kprobe.c - a kprobe on symbol=NAME, with a post handler when
 * post=1. A post handler makes kprobes redirect the function through an
 * IPMODIFY ftrace_ops, which excludes every other redirection.
 */
#include "kmend_test_module.h"

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

module_kmend_test_kprobe(kp, symbol,
			 kp.post_handler = post ? kmend_test_post : NULL);
MODULE_LICENSE("GPL");
