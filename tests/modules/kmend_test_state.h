/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_state.h - patches with system state KMEND_TEST_STATE at
 * version KMEND_TEST_VERSION, cumulative when KMEND_TEST_REPLACE; included
 * by kmend_test_state_{1,2,3,4}.c. The pre_patch callback logs whether it
 * sets the state up or takes it over from an earlier patch.
 */
#include <linux/seq_file.h>
#include "kmend_test.h"

#define KMEND_TEST_STATE	42

static int kmend_test_pre_patch(struct kmend_object *obj)
{
	struct kmend_state *prev = kmend_get_prev_state(KMEND_TEST_STATE);

	if (prev)
		pr_info("%s: taking over state %d version %u\n",
			THIS_MODULE->name, KMEND_TEST_STATE, prev->version);
	else
		pr_info("%s: setting up state %d\n", THIS_MODULE->name,
			KMEND_TEST_STATE);
	return 0;
}

static int kmend_test_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", THIS_MODULE->name);
	return 0;
}

static struct kmend_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = kmend_test_show },
	{ }
};
static struct kmend_object objs[] = {
	{ .funcs = funcs,
	  .callbacks = { .pre_patch = kmend_test_pre_patch } },
	{ }
};
static struct kmend_state states[] = {
	{ .id = KMEND_TEST_STATE, .version = KMEND_TEST_VERSION },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = KMEND_TEST_REPLACE,
	.states = KMEND_TEST_VERSION ? states : NULL,
};

module_kmend_test_patch(patch);
MODULE_LICENSE("GPL");
