/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_module.h - what the test modules that are not patches share:
 * parameters handled by functions, and modules that are one kprobe.
 */
#ifndef _KMEND_TEST_MODULE_H
#define _KMEND_TEST_MODULE_H

#include <linux/kprobes.h>
#include <linux/module.h>

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
