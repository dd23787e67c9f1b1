// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_list.c - kmend list: every patch, its state and its functions; then,
 * when patches are installed for the running kernel, a table of installed
 * and loaded patches side by side.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "kmend_installed.h"
#include "kmend_msg.h"
#include "kmend_package.h"
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

/*
 * An installed patch from a package (kmend build --deb) also shows the
 * package, its version and CVEs; a file that cannot be read is reported
 * and its row still printed.
 */
static void print_row(const char *rel, const char *name, bool installed,
		      bool loaded)
{
	struct kmend_package pkg = { .name = "" };
	char path[4096];

	if (installed && !kmend_installed_path(rel, name, path, sizeof(path)))
		kmend_read_package(path, &pkg);
	printf("  %-40s %-13s %s", name,
	       installed ? "installed" : "not installed",
	       loaded ? "loaded" : "not loaded");
	if (*pkg.name)
		printf("%*s %s %s%s%s", loaded ? 4 : 0, "", pkg.name,
		       pkg.version, *pkg.cves ? " " : "", pkg.cves);
	putchar('\n');
}

/*
 * The union of the two sorted lists, one row per name. Printed only when
 * something is installed: without installed patches the list is as before.
 */
static int list_installed(const char *rel, char **loaded, size_t nr_loaded)
{
	char dir[4096], **names;
	size_t nr, i = 0, j = 0;
	int cmp;

	if (kmend_installed_dir(rel, dir, sizeof(dir)) ||
	    kmend_list_installed(rel, &names, &nr))
		return -1;
	if (nr)
		printf("installed for %s (%s):\n", rel, dir);
	while (nr && (i < nr || j < nr_loaded)) {
		cmp = i == nr ? 1 : j == nr_loaded ? -1 :
		      strcmp(names[i], loaded[j]);
		print_row(rel, cmp <= 0 ? names[i] : loaded[j], cmp <= 0,
			  cmp >= 0);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	kmend_free_names(names, nr);
	return 0;
}

/*
 * A patch that cannot be read is reported, and the others still shown.
 * The kernel's livepatch patches are listed without kmend.ko too.
 */
enum cmd_result cmd_list(void)
{
	enum cmd_result result = CMD_OK;
	char rel[KMEND_RELEASE_MAX];
	char **names = NULL;
	size_t nr = 0, i;
	int err;

	err = kmend_list_patches(&names, &nr);
	if (err == -ENOENT && !kmend_running_release(rel, sizeof(rel)))
		list_installed(rel, NULL, 0);
	if (err)
		return CMD_FAILED;
	if (!nr)
		kmend_err("no patches loaded");
	for (i = 0; i < nr; i++)
		if (list_patch(names[i]))
			result = CMD_FAILED;
	if (kmend_running_release(rel, sizeof(rel)) ||
	    list_installed(rel, names, nr))
		result = CMD_FAILED;
	kmend_free_names(names, nr);
	return result;
}
