// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_inject.c - a fault at the entry of one of kmend.ko's
 * functions, for the paths no real failure reaches on demand:
 *
 *	symbol=NAME	the function (a kprobe at its entry)
 *	caller=NAME	only calls made from this function (default: any)
 *	pid=N		only calls made by this task (default: any)
 *	times=N		how many calls to hit (default 1)
 *	ret=N		a hit returns N at once, the function's body skipped
 *	delay_ms=N	or, without ret, a hit first spins N ms (a task work
 *			or a check that takes that long)
 *	hits, done	hits so far; hits whose delay is over
 */
#include <linux/delay.h>
#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "kmend_test_module.h"

static char *symbol = "";
module_param(symbol, charp, 0444);
static char *caller = "";
module_param(caller, charp, 0444);
static int pid, times = 1, ret, delay_ms;
static bool fail;
module_param(pid, int, 0444);
module_param(times, int, 0444);
module_param(delay_ms, int, 0444);
static atomic_t hits = ATOMIC_INIT(0), done = ATOMIC_INIT(0);
module_param_named(hits, hits.counter, int, 0444);
module_param_named(done, done.counter, int, 0444);

static int kmend_test_set_ret(const char *val, const struct kernel_param *kp)
{
	fail = true;
	return param_set_int(val, kp);
}

kmend_test_param_cb(ret, kmend_test_set_ret, param_get_int, &ret, 0444);

/* Entered instead of the probed function: returns to its caller. */
static noinline notrace long kmend_test_return(void)
{
	return READ_ONCE(ret);
}

static bool kmend_test_match(struct pt_regs *regs)
{
	char name[KSYM_SYMBOL_LEN];
	size_t len = strlen(caller);

	if (pid && current->pid != pid)
		return false;
	if (*caller) {
		/* At the entry, the stack's top is the return address. */
		sprint_symbol_no_offset(name, *(unsigned long *)regs->sp);
		/* "NAME [MODULE]" for a module's function */
		if (strncmp(name, caller, len) || (name[len] && name[len] != ' '))
			return false;
	}
	return atomic_add_unless(&hits, 1, times);
}

static int kmend_test_pre(struct kprobe *p, struct pt_regs *regs)
{
	if (!kmend_test_match(regs))
		return 0;
	if (fail) {
		instruction_pointer_set(regs, (unsigned long)kmend_test_return);
		atomic_inc(&done);
		return 1;	/* regs->ip changed: the body is skipped */
	}
	mdelay(delay_ms);
	atomic_inc(&done);
	return 0;
}

static struct kprobe kp = { .pre_handler = kmend_test_pre };

module_kmend_test_kprobe(kp, symbol, );
MODULE_LICENSE("GPL");
