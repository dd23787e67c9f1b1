// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_install.c - patches that survive a reboot:
 *
 *   kmend install FILE.ko [--kernel REL]   keep it in /var/lib/kmend/REL/
 *   kmend uninstall NAME [--kernel REL]    forget it (a loaded patch stays)
 *   kmend boot [--timeout SECONDS]         what kmend.service runs: load
 *                                          every patch installed for the
 *                                          running kernel
 *
 * install neither loads nor unloads anything: what runs changes only
 * through load and unload, and at boot.
 */
#include <errno.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd.h"
#include "kmend_installed.h"
#include "kmend_modinfo.h"
#include "kmend_msg.h"
#include "kmend_refusal.h"
#include "kmend_sysfs.h"

#define KMEND_UNIT "kmend.service"

extern char **environ;

/* @rel when given, else the running kernel's release, into @buf. */
static const char *pick_release(const char *rel, char *buf, size_t size)
{
	if (rel)
		return rel;
	return kmend_running_release(buf, size) ? NULL : buf;
}

/*
 * kmend.service loads the installed patches at boot once enabled. Without
 * systemctl (no systemd) the patch is installed all the same, and we say
 * what is left to do.
 */
static void enable_unit(void)
{
	char *argv[] = { "systemctl", "enable", "--quiet", KMEND_UNIT, NULL };
	int status, err;
	pid_t pid;

	err = posix_spawnp(&pid, "systemctl", NULL, NULL, argv, environ);
	if (err == ENOENT) {
		kmend_err("systemctl not found: without systemd, load the installed patches at boot with: kmend boot");
		return;
	}
	if (err) {
		kmend_report_error("systemctl", "posix_spawnp", -err);
		return;
	}
	if (waitpid(pid, &status, 0) < 0)
		kmend_sys_error("systemctl", "waitpid");
	else if (!WIFEXITED(status) || WEXITSTATUS(status))
		kmend_err("systemctl enable %s failed: enable it by hand, or the patch is not loaded at boot",
			  KMEND_UNIT);
}

enum cmd_result cmd_install(const char *path, const char *rel)
{
	char name[KMEND_NAME_MAX], buf[KMEND_RELEASE_MAX], dir[4096], dst[4096];
	bool replaced;

	rel = pick_release(rel, buf, sizeof(buf));
	if (!rel || kmend_installed_dir(rel, dir, sizeof(dir)) ||
	    kmend_read_module_name(path, name, sizeof(name)) ||
	    kmend_check_installable(path, rel) ||
	    kmend_installed_path(rel, name, dst, sizeof(dst)))
		goto refused;
	replaced = !access(dst, F_OK);
	if (kmend_copy_installed(path, dir, name))
		goto refused;
	printf("kmend: patch %s installed for %s: %s%s\n", name, rel, dst,
	       replaced ? " (replacing the one installed before)" : "");
	enable_unit();
	return CMD_OK;

refused:
	kmend_err("patch not installed");
	return CMD_FAILED;
}

enum cmd_result cmd_uninstall(const char *arg, const char *rel)
{
	char name[KMEND_NAME_MAX], buf[KMEND_RELEASE_MAX], path[4096];

	rel = pick_release(rel, buf, sizeof(buf));
	if (!rel || kmend_resolve_module_name(arg, name, sizeof(name)) ||
	    kmend_installed_path(rel, name, path, sizeof(path)))
		return CMD_FAILED;
	if (unlink(path)) {
		if (errno != ENOENT) {
			kmend_sys_error(path, "unlink");
			return CMD_FAILED;
		}
		kmend_err("patch %s is not installed for %s: no %s (see: kmend list)",
			  name, rel, path);
		return CMD_FAILED;
	}
	printf("kmend: patch %s uninstalled for %s\n", name, rel);
	if (rel == buf && kmend_find_patch(name) > 0)
		printf("kmend: patch %s stays loaded until: kmend unload %s\n",
		       name, name);
	return CMD_OK;
}

/* Loads one installed patch; one already loaded (a restart) counts. */
static int boot_load(const char *rel, const char *name, unsigned int timeout_s)
{
	char path[4096];

	if (kmend_installed_path(rel, name, path, sizeof(path)))
		return -1;
	if (kmend_find_patch(name) > 0) {
		printf("kmend: patch %s is already loaded\n", name);
		return 0;
	}
	printf("kmend: loading patch %s from %s\n", name, path);
	if (cmd_load(path, "", timeout_s) == CMD_OK)
		return 0;
	kmend_err("patch %s failed to load at boot; the other patches still load", name);
	return -1;
}

/*
 * Whether an installed patch is kmend.ko's: one for the kernel's livepatch
 * loads without it. A file that cannot be read counts as kmend.ko's, and
 * fails to load later with its own message. With none installed, kmend.ko
 * is still expected, as kmend.service has always expected it.
 */
static bool boot_needs_core(const char *rel, char **names, size_t nr)
{
	const char *runtime;
	char path[4096];
	size_t i;

	if (!nr)
		return true;
	for (i = 0; i < nr; i++)
		if (kmend_installed_path(rel, names[i], path, sizeof(path)) ||
		    kmend_read_module_runtime(path, &runtime) ||
		    strcmp(runtime, "livepatch"))
			return true;
	return false;
}

/**
 * cmd_boot() - load every patch installed for the running kernel, in the
 * order of their names
 *
 * A patch that fails is reported and the next one still loaded; the result
 * is then CMD_FAILED, so the unit shows the failure. Lines go to stdout
 * one by one: under systemd each is a journal entry, in order.
 */
enum cmd_result cmd_boot(unsigned int timeout_s)
{
	char rel[KMEND_RELEASE_MAX], dir[4096];
	size_t nr, i, loaded = 0;
	char **names;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (kmend_running_release(rel, sizeof(rel)) ||
	    kmend_installed_dir(rel, dir, sizeof(dir)) ||
	    kmend_list_installed(rel, &names, &nr))
		return CMD_FAILED;
	if (boot_needs_core(rel, names, nr) && kmend_check_sysfs()) {
		kmend_explain_core_refusal(rel);
		kmend_free_names(names, nr);
		return CMD_FAILED;
	}
	printf("kmend: %zu patch%s installed for %s in %s\n", nr,
	       nr == 1 ? "" : "es", rel, dir);
	for (i = 0; i < nr; i++)
		if (!boot_load(rel, names[i], timeout_s))
			loaded++;
	printf("kmend: %zu of %zu installed patch%s loaded\n", loaded, nr,
	       nr == 1 ? "" : "es");
	kmend_free_names(names, nr);
	return loaded == nr ? CMD_OK : CMD_FAILED;
}
