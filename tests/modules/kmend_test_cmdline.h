/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_cmdline.h - a patch whose cmdline_proc_show() prints
 * KMEND_TEST_MARKER, cumulative if KMEND_TEST_REPLACE is true; included by
 * kmend_test_stack_{a,b}.c, two patches to stack on one function, and by
 * kmend_test_replace.c.
 */
#include <linux/seq_file.h>
#include "kmend_test.h"

#ifndef KMEND_TEST_REPLACE
#define KMEND_TEST_REPLACE	false
#endif

static int kmend_test_show(struct seq_file *m, void *v)
{
	seq_puts(m, KMEND_TEST_MARKER "\n");
	return 0;
}

static struct kmend_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = kmend_test_show },
	{ }
};
KMEND_TEST_VMLINUX_PATCH(.replace = KMEND_TEST_REPLACE);

module_kmend_test_patch(patch);
MODULE_LICENSE("GPL");
