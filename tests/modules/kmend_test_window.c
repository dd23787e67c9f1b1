// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_window.c - what kmend_test_hotplug's produce() gives while
 * one call of a kmend.ko function is held up: a kprobe at its entry calls
 * produce() over and over for delay_ms, in the task making the call, and
 * counts the answers that are not `expect`.
 *
 *	symbol=NAME	the function (default kmend_clear_mark)
 *	arg=N		only a call whose second argument is N (default 1:
 *			kmend_clear_mark() clearing func->transition, not
 *			func->replaced)
 *	delay_ms=N	how long that call is held up (default 500)
 *	expect=N	the format every call must give (default 2)
 *	armed=1		the next such call is held up (once)
 *	hits		calls held up; samples, wrong: calls of produce()
 *			made meanwhile, and how many gave another format
 */
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include "kmend_test_module.h"

static char *symbol = "kmend_clear_mark";
module_param(symbol, charp, 0444);
static int arg = 1, delay_ms = 500, expect = 2;
module_param(arg, int, 0444);
module_param(delay_ms, int, 0444);
module_param(expect, int, 0444);
static bool armed;
module_param(armed, bool, 0644);
static atomic_t hits = ATOMIC_INIT(0), samples = ATOMIC_INIT(0),
		wrong = ATOMIC_INIT(0);
module_param_named(hits, hits.counter, int, 0444);
module_param_named(samples, samples.counter, int, 0444);
module_param_named(wrong, wrong.counter, int, 0444);

int kmend_test_hotplug_produce(void);

static int kmend_test_pre(struct kprobe *p, struct pt_regs *regs)
{
	ktime_t end;

	if (regs_get_kernel_argument(regs, 1) != arg || !xchg(&armed, false))
		return 0;
	atomic_inc(&hits);
	end = ktime_add_ms(ktime_get(), delay_ms);
	while (ktime_before(ktime_get(), end)) {
		atomic_inc(&samples);
		if (kmend_test_hotplug_produce() != expect)
			atomic_inc(&wrong);
		udelay(100);
	}
	return 0;
}

static struct kprobe kp = { .pre_handler = kmend_test_pre };

module_kmend_test_kprobe(kp, symbol, );
MODULE_LICENSE("GPL");
