/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_bench.h - what the benchmark's modules share: the target
 * functions' attributes and names.
 *
 * The old functions return x + 1 and every replacement returns x + 2, so a
 * caller can count how many of its calls reached new code from the sum of
 * the results (see kmend_bench_loop.c).
 */
#ifndef _KMEND_BENCH_H
#define _KMEND_BENCH_H

#include <linux/compiler.h>

/*
 * noipa: noinline, and no cloning or identical-code folding either, so
 * every function keeps its own body and its own __fentry__ call, and a call
 * stays a call that goes through ftrace once the function is patched.
 */
#define kmend_bench_fn	noinline __attribute__((__noipa__))

/* The module that holds the targets: the patches' object name. */
#define KMEND_BENCH_OBJECT	"kmend_bench_target"

int kmend_bench_target(int x);	/* timed; patched */
int kmend_bench_direct(int x);	/* the replacement's body, never patched */

/*
 * 64 more targets, kmend_bench_fn_00 ... kmend_bench_fn_77 (two octal
 * digits), only for patches of many functions: the memory figure.
 */
#define KMEND_BENCH_NR_FNS	64

#define KMEND_BENCH_FNS_8(X, d) \
	X(d##0) X(d##1) X(d##2) X(d##3) X(d##4) X(d##5) X(d##6) X(d##7)
#define KMEND_BENCH_FOR_EACH_FN(X) \
	KMEND_BENCH_FNS_8(X, 0) KMEND_BENCH_FNS_8(X, 1) \
	KMEND_BENCH_FNS_8(X, 2) KMEND_BENCH_FNS_8(X, 3) \
	KMEND_BENCH_FNS_8(X, 4) KMEND_BENCH_FNS_8(X, 5) \
	KMEND_BENCH_FNS_8(X, 6) KMEND_BENCH_FNS_8(X, 7)

/*
 * For the patch modules: the replacements, which all return x + 2, and the
 * entries of a funcs array naming them, kmend_bench_target's first. The
 * entries fit struct kmend_func and struct klp_func alike (both have
 * .old_name and .new_func). A funcs array has room for every target and
 * the terminating empty entry: KMEND_BENCH_MAX_FUNCS + 1.
 */
#define KMEND_BENCH_MAX_FUNCS	(1 + KMEND_BENCH_NR_FNS)

#define KMEND_BENCH_NEW_FN(n)						\
	static kmend_bench_fn int kmend_bench_new_fn_##n(int x)		\
	{								\
		return x + 2;						\
	}
#define KMEND_BENCH_DEFINE_NEW_FUNCS					\
	static kmend_bench_fn int kmend_bench_new_target(int x)		\
	{								\
		return x + 2;						\
	}								\
	KMEND_BENCH_FOR_EACH_FN(KMEND_BENCH_NEW_FN)

#define KMEND_BENCH_FUNC(n)						\
	{ .old_name = "kmend_bench_fn_" #n,				\
	  .new_func = kmend_bench_new_fn_##n },
#define KMEND_BENCH_FUNC_ENTRIES					\
	{ .old_name = "kmend_bench_target",				\
	  .new_func = kmend_bench_new_target },				\
	KMEND_BENCH_FOR_EACH_FN(KMEND_BENCH_FUNC)

#endif /* _KMEND_BENCH_H */
