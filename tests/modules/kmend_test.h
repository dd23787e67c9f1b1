/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test.h - what the test patch modules share, so that each module
 * states only what it tests.
 */
#ifndef _KMEND_TEST_H
#define _KMEND_TEST_H

#include <linux/module.h>
#include <kmend.h>
#include "kmend_test_module.h"

/*
 * KMEND_TEST_OBJECT_PATCH(name, fields...) - define `patch`, whose one
 * object, the module @name (NULL: vmlinux), replaces the functions of the
 * module's array `funcs`; fields such as `.replace = true` complete
 * struct kmend_patch.
 */
#define KMEND_TEST_OBJECT_PATCH(__name, ...)			\
	static struct kmend_object objs[] = {			\
		{ .name = (__name), .funcs = funcs },		\
		{ }						\
	};							\
	static struct kmend_patch patch = {			\
		.mod = THIS_MODULE,				\
		.objs = objs,					\
		__VA_ARGS__					\
	}

/* KMEND_TEST_VMLINUX_PATCH(fields...) - the same for vmlinux. */
#define KMEND_TEST_VMLINUX_PATCH(...)				\
	KMEND_TEST_OBJECT_PATCH(NULL, __VA_ARGS__)

/* __module_kmend_test_patch(patch, setup): an init that runs @setup first. */
#define __module_kmend_test_patch(__patch, __setup)		\
	module_kmend_test(__setup;				\
			  return kmend_enable_patch(&(__patch));, )

/*
 * module_kmend_test_patch(patch) - a module whose init enables @patch, as
 * module_platform_driver() is one whose init registers a driver. Its exit
 * has nothing to undo: kmend.ko holds the module while the patch is
 * enabled, and lets go of the patch when the module goes.
 */
#define module_kmend_test_patch(__patch)			\
	__module_kmend_test_patch(__patch, )

/*
 * module_kmend_test_patch_consistency(patch) - the same, with a module
 * parameter `consistency` (0|1|2: KMEND_PER_TASK, KMEND_ATOMIC,
 * KMEND_IMMEDIATE) that sets @patch's consistency model at load.
 */
#define module_kmend_test_patch_consistency(__patch)		\
	static int consistency;					\
	module_param(consistency, int, 0444);			\
	__module_kmend_test_patch(__patch,			\
				  (__patch).consistency = consistency)

#endif /* _KMEND_TEST_H */
