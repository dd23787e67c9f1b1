// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_list.c - kmend list: every patch, its state and its functions.
 */
#include <stdio.h>
#include "cmd.h"
#include "kmend_msg.h"
#include "kmend_print.h"
#include "kmend_sysfs.h"

static int list_patch(const char *name)
{
	struct kmend_patch patch;

	if (kmend_read_patch(name, &patch))
		return -1;
	kmend_print_patch(stdout, &patch);
	kmend_free_patch(&patch);
	return 0;
}

/* A patch that cannot be read is reported, and the others still shown. */
int cmd_list(void)
{
	size_t nr, i;
	char **names;
	int ret = 0;

	if (kmend_check_sysfs() || kmend_list_patches(&names, &nr))
		return -1;
	if (!nr)
		kmend_err("no patches loaded");
	for (i = 0; i < nr; i++)
		if (list_patch(names[i]))
			ret = -1;
	kmend_free_names(names, nr);
	return ret;
}
