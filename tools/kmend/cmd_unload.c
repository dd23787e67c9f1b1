// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_unload.c - kmend unload NAME|FILE.ko: disable a patch, wait until
 * every task has left its code, then remove its module.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "kmend_kmsg.h"
#include "kmend_modinfo.h"
#include "kmend_module.h"
#include "kmend_msg.h"
#include "kmend_print.h"
#include "kmend_sysfs.h"
#include "kmend_wait.h"

/*
 * Once the transition has ended, kmend.ko drops its reference on the patch
 * module; a removal racing with that gets -EAGAIN, so it is retried this
 * long.
 */
#define RELEASE_TIMEOUT_S 5

struct removal {
	const char *name;
	int err;		/* from the last attempt */
};

static void report_stuck_transition(const char *name)
{
	kmend_report_blockers(name);
	kmend_err("patch %s is still in transition, so its module stays loaded",
		  name);
	kmend_err("retry once 'kmend info %s' shows transition 0", name);
}

/* Waits for @name's own transition, then for any other patch's. */
static int wait_no_transition(const char *name, unsigned int timeout_s)
{
	int err;

	err = kmend_wait_for_transition(name, timeout_s);
	if (err == -ETIMEDOUT)
		report_stuck_transition(name);
	if (err)
		return err;
	err = kmend_wait_for_transition(NULL, timeout_s);
	if (err == -ETIMEDOUT)
		kmend_err("kmend.ko switches one patch at a time: patch %s left as it was",
			  name);
	return err;
}

static int disable_patch(const char *name, unsigned int timeout_s)
{
	int err, enabled;

	/* kmend.ko refuses to disable a patch while any patch switches. */
	err = wait_no_transition(name, timeout_s);
	if (!err)
		err = kmend_read_patch_flag(name, "enabled", false, &enabled);
	if (!err && enabled)
		err = kmend_write_patch_attr(name, "enabled", "0");
	if (err)
		return err;

	err = kmend_wait_for_transition(name, timeout_s);
	if (err == -ETIMEDOUT)
		report_stuck_transition(name);
	return err;
}

static int poll_removal(void *arg)
{
	struct removal *removal = arg;

	removal->err = kmend_try_delete_module(removal->name);
	if (!removal->err)
		return 1;
	if (removal->err == -EAGAIN || removal->err == -EBUSY)
		return 0;
	return removal->err;
}

static void report_refused_removal(const char *name, int err)
{
	int forced = 0;

	kmend_err("removal of module %s refused: %s (delete_module: %s)", name,
		  err == -EBUSY ? "other modules depend on it" :
				  "it is still in use",
		  strerror(-err));
	/* A patch module without the file predates the rule: say both. */
	if (kmend_read_patch_flag(name, "forced", true, &forced) || !forced)
		kmend_err("a patch whose transition was forced, or that uses the immediate model, can never be removed; see /proc/modules for its users");
	else
		kmend_err("patch %s was forced or uses the immediate model (forced: 1): a task may still run its code, so its module can never be removed",
			  name);
}

static int remove_module(const char *name)
{
	struct removal removal = { .name = name };
	char what[KMEND_NAME_MAX + 32];
	int err;

	snprintf(what, sizeof(what), "release of module %s", name);
	err = kmend_wait_for(what, RELEASE_TIMEOUT_S, poll_removal, &removal);
	if (err == -ETIMEDOUT)
		report_refused_removal(name, removal.err);
	else if (err == -ENOENT)
		kmend_err("module %s is not loaded anymore: was it removed meanwhile?",
			  name);
	else if (err == -EPERM)
		kmend_err("removing modules needs root (CAP_SYS_MODULE)");
	if (err)
		kmend_err("patch %s is disabled, but its module is still loaded",
			  name);
	return err;
}

int cmd_unload(const char *arg, unsigned int timeout_s)
{
	char name[KMEND_NAME_MAX];
	const char *keys[] = { "kmend", name, NULL };
	int kmsg, err;

	if (kmend_resolve_module_name(arg, name, sizeof(name)))
		return -1;
	if (kmend_check_sysfs() || kmend_require_patch(name))
		return -1;

	/* The kernel logs why it refuses a disable or a removal. */
	kmsg = kmend_open_kmsg();
	err = disable_patch(name, timeout_s);
	if (!err)
		err = remove_module(name);
	if (err)
		kmend_print_kmsg(kmsg, keys);
	kmend_close_kmsg(kmsg);
	if (err)
		return -1;

	printf("kmend: patch %s disabled and removed\n", name);
	return 0;
}
