// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_hotplug.c - functions for kmend_test_hotplug_patch to
 * replace, called by the idle task of a CPU that is coming up, before it
 * counts as online, for the CPU hotplug test; kmend_test_window calls
 * produce() too. They are kmend_test_target's produce(), consume() and
 * pair() under names of their own: exported, that module's names would
 * clash with kmend_test_target3's copies of them.
 *
 *	symbol=NAME	a function the incoming CPU's idle task runs after
 *			RCU watches it and before it is set online, while the
 *			CPU bringing it up waits in schedule() (default
 *			sched_cpu_starting, a CPUHP_AP_SCHED_STARTING step)
 *	delay_ms=N	how long that idle task spins between produce() and
 *			consume() (default 3000)
 *	armed=1		the next such call does it (once)
 *	inside		1 while the idle task spins there
 *	hits		calls made there
 *	mixed		mixed calls, there or by the hold worker
 *	hold=1		a worker runs pair(), which sleeps inside (the old
 *			one until hold=0, the new one while the patch's hold)
 */
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/workqueue.h>
#include "kmend_test_module.h"
#include "kmend_test_pair.h"

static char *symbol = "sched_cpu_starting";
module_param(symbol, charp, 0444);
static int delay_ms = 3000;
module_param(delay_ms, int, 0444);
static bool armed, hold;
module_param(armed, bool, 0644);
static int inside;
module_param(inside, int, 0444);
static atomic_t hits = ATOMIC_INIT(0), mixed = ATOMIC_INIT(0);
module_param_named(hits, hits.counter, int, 0444);
module_param_named(mixed, mixed.counter, int, 0444);

/* Calls between these stay calls, each through ftrace (kmend_test_target.c). */
#define kmend_test_fn	noinline __attribute__((__noipa__))

int kmend_test_hotplug_produce(void);
int kmend_test_hotplug_consume(int format);
int kmend_test_hotplug_pair(bool wait);

/* kmend_test_hotplug_produce(), _consume() and _pair(), format 1 */
KMEND_TEST_DEFINE_PAIR(kmend_test_fn, kmend_test_hotplug, 1, hold)
EXPORT_SYMBOL_GPL(kmend_test_hotplug_produce);

kmend_test_hold_param(hold, kmend_test_hold_work,
		      if (kmend_test_hotplug_pair(true))
			      atomic_inc(&mixed));


/*
 * In the incoming CPU's idle task, interrupts off: a task in produce() and
 * consume() as long as delay_ms, which must end on the side it began.
 */
static int kmend_test_pre(struct kprobe *p, struct pt_regs *regs)
{
	int format;

	if (!is_idle_task(current) || cpu_online(smp_processor_id()) ||
	    !xchg(&armed, false))
		return 0;
	atomic_inc(&hits);
	format = kmend_test_hotplug_produce();
	WRITE_ONCE(inside, 1);
	mdelay(delay_ms);
	if (kmend_test_hotplug_consume(format))
		atomic_inc(&mixed);
	WRITE_ONCE(inside, 0);
	return 0;
}

static struct kprobe kp = { .pre_handler = kmend_test_pre };

module_kmend_test(kp.symbol_name = symbol;
		  return register_kprobe(&kp);,
		  unregister_kprobe(&kp);
		  WRITE_ONCE(hold, false);
		  flush_work(&kmend_test_hold_work););
MODULE_LICENSE("GPL");
