// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_unload.c - kmend unload NAME|FILE.ko: disable a patch, wait until
 * every task has left its code, then remove its module. The same for a
 * patch of the kernel's livepatch, which needs no kmend.ko.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

/**
 * struct removal - attempts to remove a patch module
 * @name:	the module
 * @err:	delete_module()'s error at the last attempt
 * @holders:	with -EAGAIN: the modules that use it, which never go away
 *		by themselves; NULL when none do
 * @state:	with -EBUSY: its initstate ("live": it has no exit function)
 */
struct removal {
	const char *name;
	int err;
	char **holders;
	size_t nr_holders;
	char *state;
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

/* Sets *@disabled once the patch is disabled, by this call or before it. */
static int disable_patch(const char *name, unsigned int timeout_s,
			 bool *disabled)
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
	*disabled = true;

	err = kmend_wait_for_transition(name, timeout_s);
	if (err == -ETIMEDOUT)
		report_stuck_transition(name);
	return err;
}

/*
 * delete_module(O_NONBLOCK) fails with EAGAIN (EWOULDBLOCK) while the module
 * is referenced or other modules use it, and with EBUSY while it is still
 * initializing or already going, or when it has an init function but no
 * exit function. Only a reference, or a state in change, may go by itself.
 */
static int poll_removal(void *arg)
{
	struct removal *removal = arg;

	removal->err = kmend_try_delete_module(removal->name);
	if (!removal->err)
		return 1;
	if (removal->err == -EAGAIN) {
		kmend_free_names(removal->holders, removal->nr_holders);
		if (kmend_list_module_holders(removal->name, &removal->holders,
					      &removal->nr_holders))
			removal->nr_holders = 0;
		return removal->nr_holders ? -EAGAIN : 0;
	}
	if (removal->err == -EBUSY) {
		free(removal->state);
		removal->state = NULL;
		if (kmend_read_module_state(removal->name, &removal->state))
			return 0;
		return strcmp(removal->state, "live") ? 0 : -EBUSY;
	}
	return removal->err;
}

/* A module still in use with no holders: most likely a pinned patch. */
static void report_pinned(const char *name)
{
	int forced = 0;

	/* A patch module without the file predates the rule: say both. */
	if (kmend_read_patch_flag(name, "forced", true, &forced) || !forced)
		kmend_err("a patch whose transition was forced, or that uses the immediate model, can never be removed; see /proc/modules for its users");
	else
		kmend_err("patch %s was forced or uses the immediate model (forced: 1): a task may still run its code, so its module can never be removed",
			  name);
}

static void report_holders(const struct removal *removal)
{
	char list[512] = "";
	size_t i, len = 0;

	for (i = 0; i < removal->nr_holders && len < sizeof(list); i++)
		len += snprintf(list + len, sizeof(list) - len, "%s%s",
				i ? " " : "", removal->holders[i]);
	kmend_err("removal of module %s refused: module%s %s use%s it (delete_module: %s)",
		  removal->name, removal->nr_holders == 1 ? "" : "s", list,
		  removal->nr_holders == 1 ? "s" : "", strerror(EAGAIN));
	kmend_err("remove %s first, then: kmend unload %s",
		  removal->nr_holders == 1 ? "it" : "them", removal->name);
}

static void report_refused_removal(const struct removal *removal)
{
	const char *name = removal->name;

	if (removal->err == -EAGAIN && removal->nr_holders) {
		report_holders(removal);
	} else if (removal->err == -EAGAIN) {
		kmend_err("removal of module %s refused: it is still in use (delete_module: %s)",
			  name, strerror(EAGAIN));
		report_pinned(name);
	} else if (removal->err == -EBUSY && removal->state &&
		   !strcmp(removal->state, "live")) {
		kmend_err("removal of module %s refused: it has no exit function (module_exit), so the kernel can never remove it (delete_module: %s)",
			  name, strerror(EBUSY));
	} else {
		kmend_err("removal of module %s refused: it is %s (delete_module: %s)",
			  name, removal->state && !strcmp(removal->state, "going") ?
			  "being removed" : "still initializing",
			  strerror(-removal->err));
	}
}

static int remove_module(const char *name)
{
	struct removal removal = { .name = name };
	char what[KMEND_NAME_MAX + 32];
	int err;

	snprintf(what, sizeof(what), "release of module %s", name);
	err = kmend_wait_for(what, RELEASE_TIMEOUT_S, poll_removal, &removal);
	if (err == -ETIMEDOUT || err == -EAGAIN || err == -EBUSY)
		report_refused_removal(&removal);
	else if (err == -ENOENT)
		kmend_err("module %s is not loaded anymore: was it removed meanwhile?",
			  name);
	else if (err == -EPERM)
		kmend_err("removing modules needs root (CAP_SYS_MODULE)");
	if (err && err != -ENOENT)
		kmend_err("patch %s is disabled, but its module is still loaded",
			  name);
	kmend_free_names(removal.holders, removal.nr_holders);
	free(removal.state);
	return err;
}

/* What an unload that stopped after disabling the patch left behind. */
static enum cmd_result unload_outcome(const char *name)
{
	int running;

	if (kmend_find_module(name) == 0)
		return CMD_OK;		/* removed meanwhile, by someone else */
	if (!kmend_read_patch_flag(name, "transition", true, &running) &&
	    running)
		return CMD_IN_TRANSITION;
	return CMD_LEFT_LOADED;
}

/*
 * The kernel's livepatch frees a patch that a cumulative patch replaced
 * (or whose disable it completed) and leaves its module loaded, with no
 * directory in /sys/kernel/livepatch: nothing is left to disable, and the
 * module is removed.
 */
static bool is_freed_patch(const char *name)
{
	return kmend_find_patch(name) == 0 && kmend_find_module(name) == 1 &&
	       kmend_is_patch_module(name) == 1;
}

enum cmd_result cmd_unload(const char *arg, unsigned int timeout_s)
{
	char name[KMEND_NAME_MAX];
	const char *keys[] = { "kmend", "livepatch", name, NULL };
	enum cmd_result result = CMD_OK;
	bool disabled = false;
	int kmsg, err;

	if (kmend_resolve_module_name(arg, name, sizeof(name)))
		return CMD_FAILED;
	if (is_freed_patch(name)) {
		if (remove_module(name))
			return CMD_LEFT_LOADED;
		printf("kmend: patch module %s, whose patch was gone, removed\n", name);
		return CMD_OK;
	}
	if (kmend_check_patch_runtime(name) || kmend_require_patch(name))
		return CMD_FAILED;

	/* The kernel logs why it refuses a disable or a removal. */
	kmsg = kmend_open_kmsg();
	err = disable_patch(name, timeout_s, &disabled);
	if (!err)
		err = remove_module(name);
	if (err) {
		kmend_print_kmsg(kmsg, keys);
		result = disabled ? unload_outcome(name) : CMD_FAILED;
	}
	kmend_close_kmsg(kmsg);
	if (!err)
		printf("kmend: patch %s disabled and removed\n", name);
	return result;
}
