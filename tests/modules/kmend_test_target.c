// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_target.c - functions for test patches to replace.
 *
 * produce(), consume() and pair() (kmend_test_pair.h) are format 1 here,
 * 2 once kmend_test_patch.ko replaced them; mixed counts the calls that
 * ran one side's produce() and the other's consume().
 *
 *	call=N		N pairs from the writing task (updates calls, mixed)
 *	hold=1		a worker runs pair() and sleeps inside it, between
 *			produce() and consume(), until hold=0
 *	sleep=1		the writing task does the same while hold=1; a
 *			signal interrupts the sleep and restarts the write
 *	kthread_seen	what produce() last gave the module's kernel thread
 *	idle_seen	what produce() last gave a timer firing in an idle
 *			task's context (interrupts follow the interrupted task)
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include "kmend_test_module.h"
#include "kmend_test_pair.h"

static atomic_t calls = ATOMIC_INIT(0), mixed = ATOMIC_INIT(0);
static int kthread_seen, idle_seen;
static bool hold;
module_param_named(kthread_seen, kthread_seen, int, 0444);
module_param_named(idle_seen, idle_seen, int, 0444);

/*
 * noipa: the calls between these functions must stay calls, so that each
 * one goes through ftrace, even though the compiler could fold them.
 */
#define kmend_test_fn	noinline __attribute__((__noipa__))

/* Global, for the test patches to name; declared for -Wmissing-prototypes. */
int kmend_test_produce(void);
int kmend_test_consume(int format);
int kmend_test_pair(bool wait);

/* kmend_test_produce(), kmend_test_consume() and kmend_test_pair(), format 1 */
KMEND_TEST_DEFINE_PAIR(kmend_test_fn, kmend_test, 1, hold)

static void kmend_test_count(int ret)
{
	atomic_inc(&calls);
	if (ret > 0)
		atomic_inc(&mixed);
}

static int kmend_test_call_set(const char *val, const struct kernel_param *kp)
{
	int n, ret = kstrtoint(val, 0, &n);

	if (ret)
		return ret;
	while (n-- > 0)
		kmend_test_count(kmend_test_pair(false));
	return 0;
}

static int kmend_test_sleep_set(const char *val, const struct kernel_param *kp)
{
	int ret = kmend_test_pair(true);

	if (ret < 0)
		return ret;
	kmend_test_count(ret);
	return 0;
}

kmend_test_hold_param(hold, kmend_test_hold_work,
		      kmend_test_count(kmend_test_pair(true)));

static int kmend_test_atomic_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(kp->arg));
}

kmend_test_param_cb(call, kmend_test_call_set, NULL, NULL, 0200);
kmend_test_param_cb(sleep, kmend_test_sleep_set, NULL, NULL, 0200);
kmend_test_param_cb(calls, NULL, kmend_test_atomic_get, &calls, 0444);
kmend_test_param_cb(mixed, NULL, kmend_test_atomic_get, &mixed, 0444);

static struct task_struct *kmend_test_thread;
static struct timer_list kmend_test_timer;

static int kmend_test_thread_fn(void *data)
{
	while (!kthread_should_stop()) {
		WRITE_ONCE(kthread_seen, kmend_test_produce());
		msleep_interruptible(5);
	}
	return 0;
}

static void kmend_test_timer_fn(struct timer_list *t)
{
	if (is_idle_task(current))
		WRITE_ONCE(idle_seen, kmend_test_produce());
	mod_timer(&kmend_test_timer, jiffies + 1);
}

static int __init kmend_test_target_init(void)
{
	kmend_test_thread = kthread_run(kmend_test_thread_fn, NULL,
					"kmend-test-kthread");
	if (IS_ERR(kmend_test_thread))
		return PTR_ERR(kmend_test_thread);
	timer_setup(&kmend_test_timer, kmend_test_timer_fn, 0);
	mod_timer(&kmend_test_timer, jiffies + 1);
	return 0;
}

static void __exit kmend_test_target_exit(void)
{
	del_timer_sync(&kmend_test_timer);
	kthread_stop(kmend_test_thread);
	WRITE_ONCE(hold, false);
	flush_work(&kmend_test_hold_work);
}

module_init(kmend_test_target_init);
module_exit(kmend_test_target_exit);
MODULE_LICENSE("GPL");
