// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_hotplug.c - kmend_test_target's produce() and consume(),
 * called by the idle task of a CPU that is coming up, before it counts as
 * online, for the CPU hotplug test.
 *
 *	symbol=NAME	a function the incoming CPU's idle task runs after
 *			RCU watches it and before it is set online, while the
 *			CPU bringing it up waits in schedule() (default
 *			sched_cpu_starting, a CPUHP_AP_SCHED_STARTING step)
 *	delay_ms=N	how long that idle task spins between produce() and
 *			consume() (default 3000)
 *	armed=1		the next such call does it (once)
 *	inside		1 while the idle task spins there
 *	hits, mixed	calls made there, and how many of those were mixed
 */
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/sched.h>

static char *symbol = "sched_cpu_starting";
module_param(symbol, charp, 0444);
static int delay_ms = 3000;
module_param(delay_ms, int, 0444);
static bool armed;
module_param(armed, bool, 0644);
static int inside;
module_param(inside, int, 0444);
static atomic_t hits = ATOMIC_INIT(0), mixed = ATOMIC_INIT(0);
module_param_named(hits, hits.counter, int, 0444);
module_param_named(mixed, mixed.counter, int, 0444);

/* kmend_test_target's, through ftrace as any caller's */
int kmend_test_produce(void);
int kmend_test_consume(int format);

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
	format = kmend_test_produce();
	WRITE_ONCE(inside, 1);
	mdelay(delay_ms);
	if (kmend_test_consume(format))
		atomic_inc(&mixed);
	WRITE_ONCE(inside, 0);
	return 0;
}

static struct kprobe kp = { .pre_handler = kmend_test_pre };

static int __init kmend_test_hotplug_init(void)
{
	kp.symbol_name = symbol;
	return register_kprobe(&kp);
}

static void __exit kmend_test_hotplug_exit(void)
{
	unregister_kprobe(&kp);
}

module_init(kmend_test_hotplug_init);
module_exit(kmend_test_hotplug_exit);
MODULE_LICENSE("GPL");
