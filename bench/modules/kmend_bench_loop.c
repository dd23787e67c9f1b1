// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_bench_loop.c - times a tight loop of calls to a target function.
 *
 *	loops=N			calls per run (default 100000)
 *	run=target|direct	call kmend_bench_target() or kmend_bench_direct()
 *				N times, with preemption off; the write returns
 *				when the run is over
 *	ns, cycles		the last run's time: ktime_get_ns() and
 *				get_cycles() (the TSC) around the loop
 *	redirected		how many of the last run's calls reached new
 *				code (returned x + 2 instead of x + 1)
 */
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/timex.h>
#include "kmend_bench.h"

static unsigned int loops = 100000;
static unsigned long ns, cycles, redirected;
module_param(loops, uint, 0644);
module_param(ns, ulong, 0444);
module_param(cycles, ulong, 0444);
module_param(redirected, ulong, 0444);

/* One direct call a turn: a function pointer would add an indirect call. */
#define KMEND_BENCH_LOOP(fn, n, sum)			\
	do {						\
		unsigned int i;				\
		for (i = 0; i < (n); i++)		\
			(sum) += fn(i);			\
	} while (0)

static int kmend_bench_run_set(const char *val, const struct kernel_param *kp)
{
	bool direct = sysfs_streq(val, "direct");
	unsigned int n = READ_ONCE(loops);
	u64 t0, t1, sum = 0;
	cycles_t c0, c1;

	if (!direct && !sysfs_streq(val, "target"))
		return -EINVAL;
	preempt_disable();
	t0 = ktime_get_ns();
	c0 = get_cycles();
	if (direct)
		KMEND_BENCH_LOOP(kmend_bench_direct, n, sum);
	else
		KMEND_BENCH_LOOP(kmend_bench_target, n, sum);
	c1 = get_cycles();
	t1 = ktime_get_ns();
	preempt_enable();

	ns = t1 - t0;
	cycles = c1 - c0;
	/* Old code gives i + 1 a call, new code one more. */
	redirected = sum - (u64)n * (n + 1) / 2;
	return 0;
}

static const struct kernel_param_ops kmend_bench_run_ops = {
	.set = kmend_bench_run_set,
};
module_param_cb(run, &kmend_bench_run_ops, NULL, 0200);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmend benchmark: time calls to the target function");
