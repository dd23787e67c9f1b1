/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_module.h - what the test modules that are not patches share:
 * parameters handled by functions, and modules that are one kprobe.
 */
#ifndef _KMEND_TEST_MODULE_H
#define _KMEND_TEST_MODULE_H

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/workqueue.h>

/*
 * kmend_test_param_cb(name, set, get, arg, perm) - module parameter @name
 * whose writes go to @set and reads to @get (either may be NULL), as
 * module_param_cb() with the kernel_param_ops defined in the same line.
 */
#define kmend_test_param_cb(__name, __set, __get, __arg, __perm)	\
	static const struct kernel_param_ops __name##_param_ops = {	\
		.set = (__set),						\
		.get = (__get),						\
	};								\
	module_param_cb(__name, &__name##_param_ops, __arg, __perm)

/*
 * kmend_test_hold_param(hold, work, call) - bool module parameter @hold
 * whose setting to 1 starts worker @work (a work_struct defined here),
 * which runs the statement @call: a call that may sleep while @hold is set.
 */
#define kmend_test_hold_param(__hold, __work, __call)			\
	static void __work##_fn(struct work_struct *work)		\
	{								\
		__call;							\
	}								\
	static DECLARE_WORK(__work, __work##_fn);			\
	static int __hold##_set(const char *val,			\
				const struct kernel_param *kp)		\
	{								\
		int ret = param_set_bool(val, kp);			\
									\
		if (!ret && __hold)					\
			schedule_work(&(__work));			\
		return ret;						\
	}								\
	kmend_test_param_cb(__hold, __hold##_set, param_get_bool,	\
			    &(__hold), 0644)

/*
 * module_kmend_test(init, exit) - a module whose init function runs the
 * statements @init (which return its result) and whose exit runs @exit.
 */
#define module_kmend_test(__init_body, __exit_body)			\
	static int __init kmend_test_init(void)				\
	{								\
		__init_body						\
	}								\
	module_init(kmend_test_init);					\
	static void __exit kmend_test_exit(void)			\
	{								\
		__exit_body						\
	}								\
	module_exit(kmend_test_exit)

/*
 * module_kmend_test_kprobe(kp, symbol, setup) - a module whose init
 * registers kprobe @kp at the function named by the string @symbol (a
 * module parameter), after running @setup, and whose exit unregisters it.
 */
#define module_kmend_test_kprobe(__kp, __symbol, __setup)		\
	module_kmend_test((__kp).symbol_name = (__symbol);		\
			  __setup;					\
			  return register_kprobe(&(__kp));,		\
			  unregister_kprobe(&(__kp));)

#endif /* _KMEND_TEST_MODULE_H */
