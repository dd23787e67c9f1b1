// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_taskwork.c - queues on task pid= a task work that sleeps
 * ms= milliseconds: any task work queued on it before, kmend's included,
 * runs only after it (task_work_run() runs the newest first), and can no
 * longer be cancelled meanwhile.
 *
 *	pid=N ms=N	the task, and the length of the sleep
 *	done		1 once the sleep is over
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched/task.h>
#include <linux/task_work.h>

static int pid, ms, done;
module_param(pid, int, 0444);
module_param(ms, int, 0444);
module_param(done, int, 0444);

static struct callback_head kmend_test_work;

static void kmend_test_work_fn(struct callback_head *work)
{
	msleep(ms);
	WRITE_ONCE(done, 1);
	/* Taken when queued: the module stays until the work is over. */
	module_put(THIS_MODULE);
}

static int __init kmend_test_taskwork_init(void)
{
	struct task_struct *task;
	int ret;

	task = get_pid_task(find_vpid(pid), PIDTYPE_PID);
	if (!task)
		return -ESRCH;
	__module_get(THIS_MODULE);
	init_task_work(&kmend_test_work, kmend_test_work_fn);
	ret = task_work_add(task, &kmend_test_work, TWA_RESUME);
	if (ret)
		module_put(THIS_MODULE);
	put_task_struct(task);
	return ret;
}

static void __exit kmend_test_taskwork_exit(void)
{
}

module_init(kmend_test_taskwork_init);
module_exit(kmend_test_taskwork_exit);
MODULE_LICENSE("GPL");
