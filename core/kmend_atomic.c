// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_atomic.c - the atomic consistency model (kpatch's).
 *
 * Under stop_machine no task runs but the stopper threads, so every other
 * task's stack holds still: if none of them is inside a function of the
 * transition, every task is switched at once with one write. Otherwise the
 * switch is refused with -EBUSY, naming the task and the function, after a
 * bounded number of attempts.
 *
 * The check runs with every CPU stopped, so its cost is the pause every
 * CPU sees; it is logged in microseconds.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/sched/signal.h>
#include <linux/stop_machine.h>
#include <linux/string.h>
#include "kmend_atomic.h"
#include "kmend_stack.h"
#include "kmend_symbols.h"
#include "kmend_tasks.h"

#define KMEND_ATOMIC_TRIES	5
#define KMEND_ATOMIC_RETRY_MS	20

struct kmend_atomic_ctx {
	int target;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	const char *blocker;
	int check;
	s64 stopped_ns;
};

static int kmend_atomic_check(struct kmend_atomic_ctx *ctx,
			      struct task_struct *task)
{
	/* The running tasks are the stopper threads, ours included. */
	if (kmend_call(task_curr)(task))
		return 0;
	ctx->check = kmend_check_stack(task, &ctx->blocker);
	if (!ctx->check)
		return 0;
	ctx->pid = task->pid;
	memcpy(ctx->comm, task->comm, sizeof(ctx->comm));
	return -EBUSY;
}

/* Runs on one CPU while all the others spin with interrupts off. */
static int kmend_atomic_fn(void *data)
{
	struct kmend_atomic_ctx *ctx = data;
	struct task_struct *g, *t;
	ktime_t start = ktime_get();
	int cpu, ret = 0;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		ret = kmend_atomic_check(ctx, t);
		if (ret)
			goto out;
	}
	for_each_online_cpu(cpu) {
		ret = kmend_atomic_check(ctx, kmend_call(idle_task)(cpu));
		if (ret)
			goto out;
	}
	WRITE_ONCE(kmend_tasks->unknown_state, ctx->target);
out:
	rcu_read_unlock();
	ctx->stopped_ns = ktime_to_ns(ktime_sub(ktime_get(), start));
	return ret;
}

/**
 * kmend_atomic_switch() - switch every task to @target in one stop
 * @name:	the patch's name, for the log
 *
 * Return: 0, or -EBUSY when a task stayed inside a function of the
 * transition through every attempt (logged with the task and function).
 */
int kmend_atomic_switch(const char *name, int target)
{
	struct kmend_atomic_ctx ctx = { .target = target };
	int tries, ret;

	for (tries = 1; tries <= KMEND_ATOMIC_TRIES; tries++) {
		ret = stop_machine(kmend_atomic_fn, &ctx, NULL);
		pr_info("'%s': machine stopped for %lld us\n", name,
			ctx.stopped_ns / NSEC_PER_USEC);
		if (ret != -EBUSY)
			return ret;
		if (tries < KMEND_ATOMIC_TRIES)
			msleep(KMEND_ATOMIC_RETRY_MS);
	}
	if (ctx.check == -EADDRINUSE)
		pr_err("'%s': cannot switch atomically: task %d (%s) is in %s\n",
		       name, ctx.pid, ctx.comm, ctx.blocker);
	else
		pr_err("'%s': cannot switch atomically: task %d (%s) has an unreliable stack\n",
		       name, ctx.pid, ctx.comm);
	return -EBUSY;
}
