// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_main.c - kmend.ko: live patching of a running kernel through ftrace.
 *
 * kmend.ko cannot be removed while a patch is registered: every patch
 * module uses kmend_enable_patch(), so the module loader keeps kmend.ko
 * until the last patch module is gone.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/module.h>
#include "kmend_core.h"
#include "kmend_debugfs.h"
#include "kmend_shadow.h"
#include "kmend_symbols.h"
#include "kmend_sysfs.h"
#include "kmend_transition.h"

static int __init kmend_init(void)
{
	int ret;

	ret = kmend_symbols_init();
	if (ret)
		return ret;
	kmend_transition_init();
	ret = kmend_sysfs_init();
	if (ret)
		return ret;
	ret = kmend_core_init();
	if (ret)
		goto err_sysfs;
	kmend_debugfs_init();
	pr_info("ready\n");
	return 0;

err_sysfs:
	kmend_sysfs_exit();
	return ret;
}

static void __exit kmend_exit(void)
{
	kmend_debugfs_exit();
	kmend_core_exit();
	kmend_transition_exit();
	kmend_sysfs_exit();
	kmend_shadow_exit();
}

module_init(kmend_init);
module_exit(kmend_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmend: live patching of a running kernel");
MODULE_VERSION("0.1");
