// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_window.c - what kmend_test_target's produce() gives while one
 * call of a kmend.ko function is held up: a kprobe at its entry spins
 * delay_ms, and meanwhile a kernel thread on each CPU calls produce() over
 * and over, counting the answers that are not `expect`.
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
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/percpu.h>

static char *symbol = "kmend_clear_mark";
module_param(symbol, charp, 0444);
static int arg = 1, delay_ms = 500, expect = 2;
module_param(arg, int, 0444);
module_param(delay_ms, int, 0444);
module_param(expect, int, 0444);
static bool armed, window;
module_param(armed, bool, 0644);
static atomic_t hits = ATOMIC_INIT(0), samples = ATOMIC_INIT(0),
		wrong = ATOMIC_INIT(0);
module_param_named(hits, hits.counter, int, 0444);
module_param_named(samples, samples.counter, int, 0444);
module_param_named(wrong, wrong.counter, int, 0444);

/* kmend_test_target's, through ftrace as any caller's */
int kmend_test_produce(void);

static DEFINE_PER_CPU(struct task_struct *, kmend_test_samplers);

static int kmend_test_sample_fn(void *data)
{
	while (!kthread_should_stop()) {
		/* window is set before the delay: pairs with smp_store_release */
		if (!smp_load_acquire(&window)) {
			usleep_range(500, 1000);
			continue;
		}
		atomic_inc(&samples);
		if (kmend_test_produce() != expect)
			atomic_inc(&wrong);
		cond_resched();
	}
	return 0;
}

static int kmend_test_pre(struct kprobe *p, struct pt_regs *regs)
{
	if (regs_get_kernel_argument(regs, 1) != arg || !xchg(&armed, false))
		return 0;
	atomic_inc(&hits);
	smp_store_release(&window, true);
	mdelay(delay_ms);
	WRITE_ONCE(window, false);
	return 0;
}

static struct kprobe kp = { .pre_handler = kmend_test_pre };

static void kmend_test_stop_samplers(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		if (per_cpu(kmend_test_samplers, cpu))
			kthread_stop(per_cpu(kmend_test_samplers, cpu));
}

static int __init kmend_test_window_init(void)
{
	struct task_struct *t;
	int cpu, ret;

	for_each_online_cpu(cpu) {
		t = kthread_run_on_cpu(kmend_test_sample_fn, NULL, cpu,
				       "kmend-test-sample/%u");
		if (IS_ERR(t)) {
			ret = PTR_ERR(t);
			goto stop_samplers;
		}
		per_cpu(kmend_test_samplers, cpu) = t;
	}
	kp.symbol_name = symbol;
	ret = register_kprobe(&kp);
	if (ret)
		goto stop_samplers;
	return 0;
stop_samplers:
	kmend_test_stop_samplers();
	return ret;
}

static void __exit kmend_test_window_exit(void)
{
	unregister_kprobe(&kp);
	kmend_test_stop_samplers();
}

module_init(kmend_test_window_init);
module_exit(kmend_test_window_exit);
MODULE_LICENSE("GPL");
