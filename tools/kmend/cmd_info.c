// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_info.c - kmend info NAME|FILE.ko: everything about one patch.
 */
#include <stdio.h>
#include "cmd.h"
#include "kmend_modinfo.h"
#include "kmend_print.h"
#include "kmend_sysfs.h"

int cmd_info(const char *arg)
{
	char name[KMEND_NAME_MAX];
	struct kmend_patch patch;

	if (kmend_resolve_module_name(arg, name, sizeof(name)))
		return -1;
	if (kmend_check_sysfs() || kmend_require_patch(name))
		return -1;
	if (kmend_read_patch(name, &patch))
		return -1;
	kmend_print_patch_info(stdout, &patch);
	kmend_free_patch(&patch);
	return 0;
}
