// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_load.c - kmend load FILE.ko [PARAM=VALUE...]: insert a patch module,
 * whose init function registers and enables its patch, then wait until the
 * transition to the new code has ended. A module for the kernel's own
 * livepatch (kmend build --runtime livepatch) is loaded the same way, with
 * no kmend.ko: its patch appears in /sys/kernel/livepatch.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cmd.h"
#include "kmend_kmsg.h"
#include "kmend_modinfo.h"
#include "kmend_module.h"
#include "kmend_msg.h"
#include "kmend_print.h"
#include "kmend_refusal.h"
#include "kmend_sysfs.h"
#include "kmend_wait.h"

/* What to try after finit_module() failed, by errno. */
static const struct {
	int err;
	const char *hint;
} insert_hints[] = {
	{ ENOENT, "a symbol is missing: load kmend.ko first, and check that "
		  "this kernel has every function the patch replaces" },
	{ EINVAL, "the kernel refused the module or its patch; its log "
		  "says why (a vermagic mismatch means the module was built "
		  "for another kernel)" },
	{ ENOEXEC, "not a module for this kernel: rebuild it against the "
		   "running kernel's headers" },
	{ EEXIST, "a module of that name is loaded already: see "
		  "/proc/modules and 'kmend list'" },
	{ EBUSY, "another patch is in transition: retry once 'kmend list' "
		 "shows transition=0 everywhere" },
	{ EPERM, "loading modules needs root (CAP_SYS_MODULE), and may be "
		 "disabled (kernel.modules_disabled) or locked down" },
	{ EKEYREJECTED, "this kernel requires modules signed with a key it "
			"trusts" },
	{ ENOKEY, "this kernel requires modules signed with a key it trusts" },
	{ EBADMSG, "the module's signature is malformed" },
	{ EOPNOTSUPP, "the patch needs a feature this kmend.ko does not "
		      "support, as logged above" },
};

static const char *find_insert_hint(int err)
{
	size_t i;

	for (i = 0; i < sizeof(insert_hints) / sizeof(insert_hints[0]); i++)
		if (insert_hints[i].err == -err)
			return insert_hints[i].hint;
	return "finit_module(2) lists the causes of this error";
}

static int check_not_loaded(const char *name)
{
	int ret;

	ret = kmend_find_patch(name);
	if (ret > 0) {
		kmend_err("patch %s is already loaded (see: kmend info %s)",
			  name, name);
		kmend_err("to load it again, unload it first: kmend unload %s",
			  name);
		return -EEXIST;
	}
	if (!ret)
		ret = kmend_find_module(name);
	if (ret > 0) {
		kmend_err("a module named %s is already loaded, and it is not a kmend patch",
			  name);
		return -EEXIST;
	}
	return ret;
}

/* On failure, shows what the kernel logged about it, and what to do. */
static int insert_patch(const char *path, const char *name,
			const char *params)
{
	const char *keys[] = { "kmend", "livepatch", name, NULL };
	int kmsg, err;

	kmsg = kmend_open_kmsg();
	err = kmend_insert_module(path, params);
	if (err) {
		if (!kmend_print_kmsg(kmsg, keys) && kmsg >= 0)
			kmend_err("the kernel logged nothing about %s", name);
		if (!kmend_explain_refusal(path, err))
			kmend_err("%s", find_insert_hint(err));
		kmend_err("patch %s not loaded", name);
	}
	kmend_close_kmsg(kmsg);
	return err;
}

static int check_registered(const char *name)
{
	int ret;

	ret = kmend_find_patch(name);
	if (ret)
		return ret < 0 ? ret : 0;
	kmend_err("module %s was loaded but registered no patch in %s: is it a kmend patch module?",
		  name, kmend_sysfs_root());
	kmend_err("remove it with: rmmod %s", name);
	return -ENOENT;
}

static void report_still_enabled(const char *name)
{
	kmend_err("patch %s stays enabled, and its transition goes on in the kernel",
		  name);
	kmend_err("watch it with: kmend info %s; once it ends, remove it with: kmend unload %s",
		  name, name);
}

/*
 * A load whose transition does not end is undone, as kpatch does: writing
 * 0 to enabled during the patch's own transition reverses it. A kmend.ko
 * that cannot reverse refuses the write (-EBUSY); the patch then stays
 * enabled and in transition, and we say so.
 */
static void reverse_transition(const char *name, unsigned int timeout_s)
{
	kmend_report_blockers(name);
	if (kmend_write_patch_attr(name, "enabled", "0")) {
		report_still_enabled(name);
		return;
	}
	kmend_err("reversing the transition of patch %s", name);
	if (kmend_wait_for_transition(name, timeout_s)) {
		kmend_err("patch %s is disabled, but tasks may still run its code",
			  name);
		kmend_err("once 'kmend info %s' shows transition 0, remove it with: kmend unload %s",
			  name, name);
		return;
	}
	kmend_err("patch %s disabled again; remove it with: kmend unload %s",
		  name, name);
}

/* Prints what the kernel shows of the enabled patch. */
static void report_enabled(const char *name)
{
	struct kmend_patch patch;
	size_t nr;

	/* Enabled and out of transition: a failed read changes nothing. */
	if (kmend_read_patch(name, &patch)) {
		printf("kmend: patch %s enabled\n", name);
		return;
	}
	nr = kmend_count_funcs(&patch);
	kmend_free_patch(&patch);
	printf("kmend: patch %s enabled (%zu function%s)\n", name, nr,
	       nr == 1 ? "" : "s");
}

static int wait_enabled(const char *name, unsigned int timeout_s)
{
	int err, enabled;

	err = kmend_wait_for_transition(name, timeout_s);
	if (err == -ETIMEDOUT)
		reverse_transition(name, timeout_s);
	if (!err)
		err = kmend_read_patch_flag(name, "enabled", false, &enabled);
	if (err)
		return err;
	if (!enabled) {
		kmend_err("patch %s was loaded but is disabled: was it disabled meanwhile?",
			  name);
		kmend_err("remove it with: kmend unload %s", name);
		return -EINVAL;
	}
	report_enabled(name);
	return 0;
}

/*
 * What a load that stopped after the insert left behind, read from the
 * kernel rather than guessed from the path taken: the exit code tells a
 * script whether something remains to be undone.
 */
static enum cmd_result load_outcome(const char *name)
{
	int running;

	if (kmend_find_module(name) == 0)
		return CMD_FAILED;	/* inserted, then gone: nothing left */
	if (!kmend_read_patch_flag(name, "transition", true, &running) &&
	    running)
		return CMD_IN_TRANSITION;
	return CMD_LEFT_LOADED;
}

/*
 * The kernel never removes a module with an init function and no exit
 * function: such a patch could never be unloaded.
 */
static int check_removable(const char *path, const char *name)
{
	int ret;

	ret = kmend_read_module_exit(path);
	if (ret)
		return ret < 0 ? ret : 0;
	kmend_err("%s has no module_exit(): once loaded, the kernel could never remove it",
		  path);
	kmend_err("give it an exit function, even an empty one (see the example in include/kmend.h): patch %s not loaded",
		  name);
	return -EINVAL;
}

/* The runtime the module patches with must be there: kmend.ko, or livepatch. */
static int check_runtime(const char *path, const char *name)
{
	const char *runtime, *root = kmend_livepatch_root();
	struct stat st;
	int err;

	err = kmend_read_module_runtime(path, &runtime);
	if (err || strcmp(runtime, "livepatch"))
		return err ? err : kmend_check_sysfs();
	if (!stat(root, &st) && S_ISDIR(st.st_mode))
		return 0;
	kmend_err("%s is a module for the kernel's livepatch, and this kernel has none (no %s: CONFIG_LIVEPATCH is off)",
		  path, root);
	kmend_err("build the patch for kmend.ko instead: kmend build --runtime kmend; patch %s not loaded",
		  name);
	return -ENOENT;
}

enum cmd_result cmd_load(const char *path, const char *params,
			 unsigned int timeout_s)
{
	char name[KMEND_NAME_MAX];
	int err;

	/* Checks first: nothing changes in the kernel before the insert. */
	if (kmend_read_module_name(path, name, sizeof(name)) ||
	    check_removable(path, name))
		return CMD_FAILED;
	if (check_runtime(path, name) || check_not_loaded(name))
		return CMD_FAILED;
	/* kmend.ko refuses to enable a patch while another one switches. */
	err = kmend_wait_for_transition(NULL, timeout_s);
	if (err == -ETIMEDOUT)
		kmend_err("kmend.ko switches one patch at a time: %s not loaded",
			  name);
	if (err || insert_patch(path, name, params))
		return CMD_FAILED;

	/* Enabled: tasks may still run the old code until this ends. */
	if (check_registered(name) || wait_enabled(name, timeout_s))
		return load_outcome(name);
	return CMD_OK;
}
