// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_bench_target.c - the functions the benchmark's patches replace.
 *
 *	kmend_bench_target(x)	returns x + 1; its calls are timed
 *	kmend_bench_direct(x)	returns x + 2, the replacement's body, so
 *				that the new code can be timed without any
 *				redirection
 *	kmend_bench_fn_NN(x)	64 more targets returning x + 1, for patches
 *				of many functions
 */
#include <linux/module.h>
#include "kmend_bench.h"

kmend_bench_fn int kmend_bench_target(int x)
{
	return x + 1;
}
EXPORT_SYMBOL_GPL(kmend_bench_target);

kmend_bench_fn int kmend_bench_direct(int x)
{
	return x + 2;
}
EXPORT_SYMBOL_GPL(kmend_bench_direct);

/* Never called, only patched: __used keeps them. */
#define KMEND_BENCH_OLD_FN(n)						\
	__used static kmend_bench_fn int kmend_bench_fn_##n(int x)	\
	{								\
		return x + 1;						\
	}
KMEND_BENCH_FOR_EACH_FN(KMEND_BENCH_OLD_FN)

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmend benchmark: functions to patch");
