// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_list.c - kmend list: every patch, its state and its functions.
 */
#include <errno.h>
#include <stdio.h>
#include "cmd.h"
#include "kmend_msg.h"
#include "kmend_print.h"
#include "kmend_sysfs.h"

/* A patch reloaded under the same name while read is read again. */
#define LIST_READ_TRIES 3

/*
 * A patch whose module is removed while we read it vanishes from sysfs
 * (the directory, or one below it, gives -ENOENT): it is no longer loaded,
 * so it is left out, as if listed a moment later.
 */
static int list_patch(const char *name)
{
	struct kmend_patch patch;
	int tries, err;

	for (tries = 0; tries < LIST_READ_TRIES; tries++) {
		err = kmend_read_patch(name, &patch);
		if (!err) {
			kmend_print_patch(stdout, &patch);
			kmend_free_patch(&patch);
			return 0;
		}
		if (err != -ENOENT)
			return err;
		err = kmend_find_patch(name);
		if (err <= 0)
			return err;
	}
	kmend_err("patch %s changed %d times while it was read; run kmend list again",
		  name, LIST_READ_TRIES);
	return -EAGAIN;
}

/* A patch that cannot be read is reported, and the others still shown. */
enum cmd_result cmd_list(void)
{
	enum cmd_result result = CMD_OK;
	size_t nr, i;
	char **names;

	if (kmend_check_sysfs() || kmend_list_patches(&names, &nr))
		return CMD_FAILED;
	if (!nr)
		kmend_err("no patches loaded");
	for (i = 0; i < nr; i++)
		if (list_patch(names[i]))
			result = CMD_FAILED;
	kmend_free_names(names, nr);
	return result;
}
