// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_info.c - kmend info NAME|FILE.ko: everything about one patch.
 */
#include <errno.h>
#include <stdio.h>
#include "cmd.h"
#include "kmend_modinfo.h"
#include "kmend_msg.h"
#include "kmend_package.h"
#include "kmend_print.h"
#include "kmend_sysfs.h"

/*
 * The package of @arg's file, or of the file installed for the running
 * kernel under the patch's name: a loaded module does not show it.
 */
static int info_package(const char *arg, const char *name)
{
	struct kmend_package pkg;
	int ret;

	ret = kmend_find_package(kmend_is_module_path(arg) ? arg : name, &pkg);
	if (ret > 0)
		kmend_print_package_info(stdout, &pkg);
	return ret < 0 ? ret : 0;
}

enum cmd_result cmd_info(const char *arg)
{
	char name[KMEND_NAME_MAX];
	struct kmend_patch patch;
	int err;

	if (kmend_resolve_module_name(arg, name, sizeof(name)))
		return CMD_FAILED;
	if (kmend_check_patch_runtime(name) || kmend_require_patch(name))
		return CMD_FAILED;
	err = kmend_read_patch(name, &patch);
	if (err == -ENOENT)
		kmend_err("patch %s was removed while it was read", name);
	if (err)
		return CMD_FAILED;
	kmend_print_patch_info(stdout, &patch);
	kmend_free_patch(&patch);
	return info_package(arg, name) ? CMD_FAILED : CMD_OK;
}
