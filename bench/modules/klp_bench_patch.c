// SPDX-License-Identifier: GPL-2.0
/*
 * klp_bench_patch.c - the same patch as kmend_bench_patch.c, for the
 * kernel's own livepatch, which has one consistency model (per-task).
 *
 *	nfuncs=N	patch the first N functions: kmend_bench_target, then
 *			kmend_bench_fn_00, ... (1 to 65, default 1)
 *	func_size	sizeof(struct klp_func), read-only
 */
#include <linux/livepatch.h>
#include <linux/module.h>
#include "kmend_bench.h"

static unsigned int nfuncs = 1;
static unsigned int func_size = sizeof(struct klp_func);
module_param(nfuncs, uint, 0444);
module_param(func_size, uint, 0444);

KMEND_BENCH_DEFINE_NEW_FUNCS

static struct klp_func funcs[KMEND_BENCH_MAX_FUNCS + 1] = {
	KMEND_BENCH_FUNC_ENTRIES
	{ }
};
static struct klp_object objs[] = {
	{ .name = KMEND_BENCH_OBJECT, .funcs = funcs },
	{ }
};
static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init klp_bench_patch_init(void)
{
	if (nfuncs < 1 || nfuncs > KMEND_BENCH_MAX_FUNCS)
		return -EINVAL;
	memset(&funcs[nfuncs], 0, sizeof(funcs[0]));
	return klp_enable_patch(&patch);
}

static void __exit klp_bench_patch_exit(void)
{
}

module_init(klp_bench_patch_init);
module_exit(klp_bench_patch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("kmend benchmark: a livepatch patch of the targets");
