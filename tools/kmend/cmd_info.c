// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_info.c - kmend info NAME|FILE.ko: everything about one patch.
 */
#include <errno.h>
#include <stdio.h>
#include "cmd.h"
#include "kmend_modinfo.h"
#include "kmend_msg.h"
#include "kmend_print.h"
#include "kmend_sysfs.h"

enum cmd_result cmd_info(const char *arg)
{
	char name[KMEND_NAME_MAX];
	struct kmend_patch patch;
	int err;

	if (kmend_resolve_module_name(arg, name, sizeof(name)))
		return CMD_FAILED;
	if (kmend_check_sysfs() || kmend_require_patch(name))
		return CMD_FAILED;
	err = kmend_read_patch(name, &patch);
	if (err == -ENOENT)
		kmend_err("patch %s was removed while it was read", name);
	if (err)
		return CMD_FAILED;
	kmend_print_patch_info(stdout, &patch);
	kmend_free_patch(&patch);
	return CMD_OK;
}
