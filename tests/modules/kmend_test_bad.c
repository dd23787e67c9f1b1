// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_bad.c - a patch that kmend.ko must refuse.
 *
 *	old_name=NAME old_sympos=N	replace NAME (unknown, ambiguous, notrace,
 *					already redirected by someone else)
 *	with_cmdline=1			replace cmdline_proc_show() first, so a
 *					refusal must undo a function that was
 *					already set up
 *	empty=1				a patch with no functions
 *	no_new_func=1			the function has no new_func
 *	bad_new=1			new_func points inside a function,
 *					not at its start
 *	consistency=N			the patch's consistency model
 *
 * Neither replacement may ever run: tests only build patches that kmend
 * refuses, and /proc/cmdline showing "kmend-test-bad" proves a leak.
 */
#include <linux/seq_file.h>
#include "kmend_test.h"

static char *old_name = "kmend_no_such_function";
module_param(old_name, charp, 0444);
static ulong old_sympos;
module_param(old_sympos, ulong, 0444);
static bool empty, with_cmdline, no_new_func, bad_new;
module_param(empty, bool, 0444);
module_param(with_cmdline, bool, 0444);
module_param(no_new_func, bool, 0444);
module_param(bad_new, bool, 0444);
static int consistency;
module_param(consistency, int, 0444);

static void kmend_test_bad_new(void)
{
	pr_emerg("kmend_test_bad: a refused replacement ran\n");
}

static int kmend_test_bad_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kmend-test-bad\n");
	return 0;
}

static struct kmend_func funcs[3];
KMEND_TEST_VMLINUX_PATCH();

static int __init kmend_test_bad_init(void)
{
	struct kmend_func *func = funcs;

	patch.consistency = consistency;
	if (empty)
		return kmend_enable_patch(&patch);
	if (with_cmdline) {
		func->old_name = "cmdline_proc_show";
		func->new_func = kmend_test_bad_show;
		func++;
	}
	func->old_name = old_name;
	func->old_sympos = old_sympos;
	func->new_func = kmend_test_bad_new;
	if (no_new_func)
		func->new_func = NULL;
	if (bad_new)
		func->new_func = (char *)kmend_test_bad_new + 1;
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_bad_exit(void)
{
}

module_init(kmend_test_bad_init);
module_exit(kmend_test_bad_exit);
MODULE_LICENSE("GPL");
