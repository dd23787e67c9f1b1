// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_bench_patch.c - a kmend patch of the benchmark's targets: every
 * replacement returns x + 2.
 *
 *	consistency=0|1|2	KMEND_PER_TASK, KMEND_ATOMIC, KMEND_IMMEDIATE
 *	nfuncs=N		patch the first N functions: kmend_bench_target,
 *				then kmend_bench_fn_00, ... (1 to 65, default
 *				1); the module is the same size whatever N is
 *	func_size		sizeof(struct kmend_func), read-only
 */
#include <linux/module.h>
#include <kmend.h>
#include "kmend_bench.h"

static int consistency;
static unsigned int nfuncs = 1;
static unsigned int func_size = sizeof(struct kmend_func);
module_param(consistency, int, 0444);
module_param(nfuncs, uint, 0444);
module_param(func_size, uint, 0444);

KMEND_BENCH_DEFINE_NEW_FUNCS

static struct kmend_func funcs[KMEND_BENCH_MAX_FUNCS + 1] = {
	KMEND_BENCH_FUNC_ENTRIES
	{ }
};
static struct kmend_object objs[] = {
	{ .name = KMEND_BENCH_OBJECT, .funcs = funcs },
	{ }
};
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init kmend_bench_patch_init(void)
{
	if (nfuncs < 1 || nfuncs > KMEND_BENCH_MAX_FUNCS)
		return -EINVAL;
	memset(&funcs[nfuncs], 0, sizeof(funcs[0]));
	patch.consistency = consistency;
	return kmend_enable_patch(&patch);
}

static void __exit kmend_bench_patch_exit(void)
{
}

module_init(kmend_bench_patch_init);
module_exit(kmend_bench_patch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmend benchmark: a kmend patch of the targets");
