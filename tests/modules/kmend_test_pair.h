/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_pair.h - the functions kmend_test_target.c defines and
 * kmend_test_patch.c replaces, one definition for both sides.
 *
 * produce() and consume() depend on each other: produce() returns the
 * side's format and consume() counts a value of another format as a mixed
 * call. pair() calls one then the other; a task that runs one side's
 * produce() and the other's consume() is what a consistency model must
 * never let happen.
 */
#ifndef _KMEND_TEST_PAIR_H
#define _KMEND_TEST_PAIR_H

#include <linux/sched/signal.h>

/*
 * KMEND_TEST_DEFINE_PAIR(attr, prefix, format, hold) - PREFIX_produce(),
 * PREFIX_consume(format) and PREFIX_pair(wait) of side @format, each
 * declared @attr. pair(true) sleeps between the two calls while the bool
 * @hold is set; it returns 1 for a mixed call, 0, or -ERESTARTSYS when a
 * signal came during the sleep.
 */
#define KMEND_TEST_DEFINE_PAIR(__attr, __prefix, __format, __hold)	\
	__attr int __prefix##_produce(void)				\
	{								\
		return (__format);					\
	}								\
	__attr int __prefix##_consume(int format)			\
	{								\
		return format == (__format) ? 0 : 1;			\
	}								\
	__attr int __prefix##_pair(bool wait)				\
	{								\
		int format = __prefix##_produce();			\
									\
		while (wait && READ_ONCE(__hold)) {			\
			if (signal_pending(current))			\
				return -ERESTARTSYS;			\
			schedule_timeout_interruptible(HZ / 100);	\
		}							\
		return __prefix##_consume(format);			\
	}

#endif /* _KMEND_TEST_PAIR_H */
