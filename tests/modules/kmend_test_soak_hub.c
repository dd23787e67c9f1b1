// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_soak_hub.c - the soak's shared module, never patched: calls a
 * target's produce() and consume() for code that cannot link against the
 * target (a patch of a target that may not be loaded), and holds callers
 * of pair() asleep inside it.
 *
 *	hold=A,B	callers of pair(wait) of target 1 and 2 sleep while set
 *			(until a signal, or the target's removal)
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include "kmend_test_soak.h"

static bool hold[KMEND_SOAK_TARGETS];
module_param_array(hold, bool, NULL, 0644);

static const struct kmend_soak_target *targets[KMEND_SOAK_TARGETS];
static bool stopping[KMEND_SOAK_TARGETS];

void kmend_soak_attach(int t, const struct kmend_soak_target *target)
{
	WRITE_ONCE(stopping[t], false);
	WRITE_ONCE(targets[t], target);
}
EXPORT_SYMBOL_GPL(kmend_soak_attach);

/* Sleepers of @t return; callers are gone before the target's memory. */
void kmend_soak_detach(int t)
{
	WRITE_ONCE(stopping[t], true);
}
EXPORT_SYMBOL_GPL(kmend_soak_detach);

int kmend_soak_produce(int t)
{
	return READ_ONCE(targets[t])->produce();
}
EXPORT_SYMBOL_GPL(kmend_soak_produce);

int kmend_soak_consume(int t, int format)
{
	return READ_ONCE(targets[t])->consume(format);
}
EXPORT_SYMBOL_GPL(kmend_soak_consume);

/* Return: 0, or -ERESTARTSYS when a signal ended the sleep. */
int kmend_soak_wait(int t)
{
	while (READ_ONCE(hold[t]) && !READ_ONCE(stopping[t])) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		schedule_timeout_interruptible(HZ / 100);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kmend_soak_wait);

MODULE_LICENSE("GPL");
