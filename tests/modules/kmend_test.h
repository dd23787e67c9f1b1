/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test.h - what the test patch modules share, so that each module
 * states only what it tests.
 */
#ifndef _KMEND_TEST_H
#define _KMEND_TEST_H

#include <linux/module.h>
#include <kmend.h>

/*
 * KMEND_TEST_VMLINUX_PATCH(fields...) - define `patch`, whose one object,
 * vmlinux, replaces the functions of the module's array `funcs`; fields
 * such as `.replace = true` complete struct kmend_patch.
 */
#define KMEND_TEST_VMLINUX_PATCH(...)				\
	static struct kmend_object objs[] = {			\
		{ .funcs = funcs },				\
		{ }						\
	};							\
	static struct kmend_patch patch = {			\
		.mod = THIS_MODULE,				\
		.objs = objs,					\
		__VA_ARGS__					\
	}

/*
 * module_kmend_test_patch(patch) - a module whose init enables @patch, as
 * module_platform_driver() is one whose init registers a driver. Its exit
 * has nothing to undo: kmend.ko holds the module while the patch is
 * enabled, and lets go of the patch when the module goes.
 */
#define module_kmend_test_patch(__patch)			\
	static int __init kmend_test_init(void)			\
	{							\
		return kmend_enable_patch(&(__patch));		\
	}							\
	module_init(kmend_test_init);				\
	static void __exit kmend_test_exit(void)		\
	{							\
	}							\
	module_exit(kmend_test_exit)

#endif /* _KMEND_TEST_H */
