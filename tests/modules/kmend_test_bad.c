// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_bad.c - a patch that kmend.ko must refuse.
 *
 *	old_name=NAME old_sympos=N	replace NAME (unknown, ambiguous, notrace)
 *	empty=1				a patch with no functions
 *
 * Its replacement must never run: tests only pass functions kmend refuses.
 */
#include <linux/module.h>
#include <kmend.h>

static char *old_name = "kmend_no_such_function";
module_param(old_name, charp, 0444);
static ulong old_sympos;
module_param(old_sympos, ulong, 0444);
static bool empty;
module_param(empty, bool, 0444);

static void kmend_test_bad_new(void)
{
	pr_emerg("kmend_test_bad: a refused replacement ran\n");
}

static struct kmend_func funcs[2];
static struct kmend_object objs[] = {
	{ .funcs = funcs },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init kmend_test_bad_init(void)
{
	if (!empty) {
		funcs[0].old_name = old_name;
		funcs[0].old_sympos = old_sympos;
		funcs[0].new_func = kmend_test_bad_new;
	}
	return kmend_enable_patch(&patch);
}

static void __exit kmend_test_bad_exit(void)
{
}

module_init(kmend_test_bad_init);
module_exit(kmend_test_bad_exit);
MODULE_LICENSE("GPL");
