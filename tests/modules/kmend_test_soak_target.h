/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_soak_target.h - a target of the soak, included by
 * kmend_test_soak_target1.c and 2.c with KMEND_SOAK_T 0 or 1 (see
 * kmend_test_soak.h). A kernel thread calls pair() all the time; the
 * parameters:
 *
 *	call=N		N pairs from the writing task
 *	pair		reading runs one pair() in the reader: "PAIR FORMAT
 *			MISMATCH", the versions it met
 *	hold_work=1	a worker runs pair() and sleeps inside it while the
 *			hub holds this target (a kernel thread: not signalled)
 *	seen		read and clear: bit V set for each version V that
 *			produce() gave any caller
 *	mixed		read and clear: calls that met two versions
 *	calls		calls so far
 *
 * and /sys/kernel/debug/<module>/sleep: a writer runs pair() and sleeps
 * inside it like the worker; a signal restarts the write. (Not a
 * parameter: the handler of one holds the module's parameter lock, and
 * every other parameter would wait for the sleeper.)
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/workqueue.h>
#include "kmend_test_module.h"
#include "kmend_test_soak.h"

static atomic_t calls = ATOMIC_INIT(0), mixed = ATOMIC_INIT(0);
static atomic_t seen = ATOMIC_INIT(0);
/*
 * Parameter handlers running; the module goes once they are done. Its
 * parameters are there before init runs, and until after exit: they work
 * only in between (not going).
 */
static atomic_t busy = ATOMIC_INIT(0);
static bool going = true;

/* noipa: each call between these functions stays a call through ftrace. */
#define kmend_soak_fn	noinline __attribute__((__noipa__))

/* Global, for the patches to name; declared for -Wmissing-prototypes. */
int kmend_soak_produce_fn(void);
int kmend_soak_consume_fn(int format);
int kmend_soak_pair_fn(int t, bool wait);

kmend_soak_fn int kmend_soak_produce_fn(void)
{
	return 1;
}

kmend_soak_fn int kmend_soak_consume_fn(int format)
{
	return format != 1;
}

/* Return: KMEND_SOAK_PAIR(1, format, mismatch), or -ERESTARTSYS. */
kmend_soak_fn int kmend_soak_pair_fn(int t, bool wait)
{
	int format = kmend_soak_produce(t);

	if (wait && kmend_soak_wait(t))
		return -ERESTARTSYS;
	return KMEND_SOAK_PAIR(1, format, kmend_soak_consume(t, format));
}

static const struct kmend_soak_target kmend_soak_this = {
	.produce = kmend_soak_produce_fn,
	.consume = kmend_soak_consume_fn,
};

static int kmend_soak_pair_counted(bool wait)
{
	int ret = kmend_soak_pair_fn(KMEND_SOAK_T, wait);

	if (ret < 0)
		return ret;
	atomic_inc(&calls);
	atomic_or(1 << (KMEND_SOAK_FORMAT(ret) & 31), &seen);
	if (KMEND_SOAK_MISMATCH(ret) ||
	    KMEND_SOAK_PAIR_VERSION(ret) != KMEND_SOAK_FORMAT(ret))
		atomic_inc(&mixed);
	return ret;
}

static bool kmend_soak_enter(void)
{
	atomic_inc(&busy);
	if (!READ_ONCE(going))
		return true;
	atomic_dec(&busy);
	return false;
}

static int kmend_soak_call_set(const char *val, const struct kernel_param *kp)
{
	int n, ret = kstrtoint(val, 0, &n);

	if (ret)
		return ret;
	if (!kmend_soak_enter())
		return -ENODEV;
	while (n-- > 0 && !READ_ONCE(going))
		kmend_soak_pair_counted(false);
	atomic_dec(&busy);
	return 0;
}

/* No .owner: debugfs_remove() waits for the writers, which the exit ends. */
static ssize_t kmend_soak_sleep_write(struct file *file, const char __user *buf,
				      size_t len, loff_t *pos)
{
	int ret;

	if (!kmend_soak_enter())
		return -ENODEV;
	ret = kmend_soak_pair_counted(true);
	atomic_dec(&busy);
	return ret < 0 ? ret : len;
}

static const struct file_operations kmend_soak_sleep_fops = {
	.write = kmend_soak_sleep_write,
};
static struct dentry *kmend_soak_dir;

static int kmend_soak_pair_get(char *buf, const struct kernel_param *kp)
{
	int ret;

	if (!kmend_soak_enter())
		return -ENODEV;
	ret = kmend_soak_pair_counted(false);
	atomic_dec(&busy);
	return sysfs_emit(buf, "%d %d %d\n", KMEND_SOAK_PAIR_VERSION(ret),
			  KMEND_SOAK_FORMAT(ret), KMEND_SOAK_MISMATCH(ret));
}

static void kmend_soak_hold_fn(struct work_struct *work)
{
	kmend_soak_pair_counted(true);
}
static DECLARE_WORK(kmend_soak_hold_work, kmend_soak_hold_fn);

static int kmend_soak_hold_set(const char *val, const struct kernel_param *kp)
{
	schedule_work(&kmend_soak_hold_work);
	return 0;
}

static int kmend_soak_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(kp->arg));
}

static int kmend_soak_get_clear(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_xchg(kp->arg, 0));
}

kmend_test_param_cb(call, kmend_soak_call_set, NULL, NULL, 0200);
kmend_test_param_cb(pair, NULL, kmend_soak_pair_get, NULL, 0444);
kmend_test_param_cb(hold_work, kmend_soak_hold_set, NULL, NULL, 0200);
kmend_test_param_cb(calls, NULL, kmend_soak_get, &calls, 0444);
kmend_test_param_cb(mixed, NULL, kmend_soak_get_clear, &mixed, 0444);
kmend_test_param_cb(seen, NULL, kmend_soak_get_clear, &seen, 0444);

static struct task_struct *kmend_soak_thread;

static int kmend_soak_thread_fn(void *data)
{
	while (!kthread_should_stop()) {
		kmend_soak_pair_counted(false);
		msleep_interruptible(2);
	}
	return 0;
}

static int __init kmend_soak_target_init(void)
{
	kmend_soak_attach(KMEND_SOAK_T, &kmend_soak_this);
	WRITE_ONCE(going, false);
	kmend_soak_thread = kthread_run(kmend_soak_thread_fn, NULL,
					"kmend-soak-t%d", KMEND_SOAK_T + 1);
	if (IS_ERR(kmend_soak_thread)) {
		WRITE_ONCE(going, true);
		kmend_soak_detach(KMEND_SOAK_T);
		while (atomic_read(&busy))
			msleep(1);
		return PTR_ERR(kmend_soak_thread);
	}
	kmend_soak_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("sleep", 0200, kmend_soak_dir, NULL,
			    &kmend_soak_sleep_fops);
	return 0;
}

static void __exit kmend_soak_target_exit(void)
{
	WRITE_ONCE(going, true);
	kmend_soak_detach(KMEND_SOAK_T);
	kthread_stop(kmend_soak_thread);
	flush_work(&kmend_soak_hold_work);
	while (atomic_read(&busy))
		msleep(1);
	debugfs_remove_recursive(kmend_soak_dir);
}

module_init(kmend_soak_target_init);
module_exit(kmend_soak_target_exit);
MODULE_LICENSE("GPL");
