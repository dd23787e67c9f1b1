// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_status.c - kmend status [--json]: the patch level of this machine, in
 * a few lines for people or as JSON for machines (docs/status.md, schema
 * docs/status.schema.json):
 *
 *	kernel:      6.1.0-27-amd64
 *	kmend.ko:    loaded
 *	service:     kmend.service active
 *	patches:     1 installed, 1 loaded; every installed patch is active
 *	  kmend_fix_v2  active  kmend-patch-fix 2  CVE-2026-0001
 *	    Fix the frobnicator's overflow
 *	transition:  none
 *
 * Installed patches are those of the running kernel (kmend_installed.h);
 * their package, version, CVEs and description come from the installed
 * file (kmend_package.h). The result is what a monitoring check acts on:
 * CMD_OK when every installed patch is active, CMD_NOT_ACTIVE when one is
 * not, CMD_ERROR when the state could not be read.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cmd.h"
#include "kmend_installed.h"
#include "kmend_json.h"
#include "kmend_msg.h"
#include "kmend_package.h"
#include "kmend_service.h"
#include "kmend_sysfs.h"

/**
 * struct status_patch - one patch, installed for the running kernel,
 * loaded, or both
 * @enabled, @transition, @replace: its sysfs flags; 0 when not loaded
 * @stack_order: its place on the stack, 1 for the oldest; 0 when unknown
 * @superseded: disabled because a newer cumulative patch replaced it
 * @pkg:	from the installed file; pkg.name "" when not from a package
 * @runtime:	what it is registered with when loaded, "kmend" or
 *		"livepatch" (the kernel's); NULL when not loaded
 */
struct status_patch {
	const char *name;
	bool installed;
	bool loaded;
	int enabled;
	int transition;
	int replace;
	long stack_order;
	bool superseded;
	struct kmend_package pkg;
	const char *runtime;
};

struct status {
	char rel[KMEND_RELEASE_MAX];
	bool core_loaded;
	char service[KMEND_SERVICE_STATE_MAX];
	char **installed, **loaded;
	size_t nr_installed, nr_loaded;
	struct status_patch *patches;
	size_t nr;
	const struct status_patch *moving;	/* in transition, or NULL */
	char *blockers;				/* its blockers file, or NULL */
};

static bool status_is_active(const struct status_patch *p)
{
	return p->loaded && p->enabled && !p->transition;
}

/* One word for a patch's state, the same in both outputs. */
static const char *status_state(const struct status_patch *p)
{
	if (!p->loaded)
		return "not-loaded";
	if (p->transition)
		return p->enabled ? "patching" : "unpatching";
	if (p->superseded)
		return "superseded";
	return p->enabled ? "active" : "disabled";
}

static bool status_all_active(const struct status *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (st->patches[i].installed && !status_is_active(&st->patches[i]))
			return false;
	return true;
}

static int status_compare(const void *a, const void *b)
{
	return strcmp(((const struct status_patch *)a)->name,
		      ((const struct status_patch *)b)->name);
}

/* The patch named @name, added when not there yet. */
static struct status_patch *status_patch(struct status *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (!strcmp(st->patches[i].name, name))
			return &st->patches[i];
	st->patches[st->nr].name = name;
	return &st->patches[st->nr++];
}

/*
 * A patch removed while we read it (-ENOENT, and gone) is no longer
 * loaded: shown as if read a moment later. transition, replace and
 * stack_order are absent in early versions of kmend.ko.
 */
static int status_read_flags(struct status_patch *p)
{
	char *order = NULL;
	int err;

	p->runtime = kmend_patch_runtime(p->name);
	err = kmend_read_patch_flag(p->name, "enabled", false, &p->enabled);
	if (!err)
		err = kmend_read_patch_flag(p->name, "transition", true,
					    &p->transition);
	if (!err)
		err = kmend_read_patch_flag(p->name, "replace", true,
					    &p->replace);
	if (!err)
		err = kmend_read_patch_text(p->name, "stack_order", &order);
	if (!err)
		p->stack_order = strtol(order, NULL, 10);
	free(order);
	if (err == -ENOENT && kmend_find_patch(p->name) == 0) {
		p->loaded = false;
		p->enabled = p->transition = p->replace = 0;
		p->runtime = NULL;
		return 0;
	}
	return err == -ENOENT ? 0 : err;	/* stack_order is optional */
}

/*
 * A disabled patch below an enabled cumulative one was replaced by it
 * (kmend_replace.c): its fixes are meant to be in the newer patch, but it
 * is not in effect itself, so it is not active.
 */
static void status_mark_superseded(struct status *st)
{
	struct status_patch *p, *q;

	for (p = st->patches; p < st->patches + st->nr; p++)
		for (q = st->patches; q < st->patches + st->nr; q++)
			if (p->loaded && !p->enabled && !p->transition &&
			    q->enabled && q->replace &&
			    q->stack_order > p->stack_order)
				p->superseded = true;
}

/*
 * An installed file that cannot be read (cut short, not a module) is
 * reported and shown without a package: it says nothing of the patch's
 * state, which is what status is for.
 */
static int status_read_package(struct status *st, struct status_patch *p)
{
	char path[4096];

	if (kmend_installed_path(st->rel, p->name, path, sizeof(path)))
		return -EINVAL;
	if (kmend_read_package(path, &p->pkg) < 0)
		p->pkg.name[0] = '\0';
	return 0;
}

static int status_read_patches(struct status *st)
{
	struct status_patch *p;
	int err = 0;
	size_t i;

	st->patches = calloc(st->nr_installed + st->nr_loaded + 1,
			     sizeof(*st->patches));
	if (!st->patches) {
		kmend_err("out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < st->nr_installed; i++)
		status_patch(st, st->installed[i])->installed = true;
	for (i = 0; i < st->nr_loaded; i++)
		status_patch(st, st->loaded[i])->loaded = true;
	qsort(st->patches, st->nr, sizeof(*st->patches), status_compare);
	for (p = st->patches; p < st->patches + st->nr && !err; p++) {
		if (p->loaded)
			err = status_read_flags(p);
		if (!err && p->installed)
			err = status_read_package(st, p);
		if (!err && p->transition && !st->moving)
			st->moving = p;
	}
	status_mark_superseded(st);
	return err;
}

/*
 * kmend.ko not loaded is a state to report (only the kernel's livepatch
 * patches may be active), not an error.
 */
static int status_read(struct status *st)
{
	struct stat sb;
	int err;

	kmend_read_service_state(st->service, sizeof(st->service));
	err = kmend_running_release(st->rel, sizeof(st->rel));
	if (!err)
		err = kmend_list_installed(st->rel, &st->installed,
					   &st->nr_installed);
	if (err)
		return err;
	st->core_loaded = !stat(kmend_sysfs_root(), &sb) && S_ISDIR(sb.st_mode);
	err = kmend_list_all_patches(&st->loaded, &st->nr_loaded);
	if (err == -ENOENT)
		err = 0;
	if (!err)
		err = status_read_patches(st);
	if (!err && st->moving) {
		err = kmend_read_patch_text(st->moving->name, "blockers",
					    &st->blockers);
		if (err == -ENOENT)	/* ended, or a kmend.ko without it */
			err = 0;
	}
	return err;
}

static void status_free(struct status *st)
{
	kmend_free_names(st->installed, st->nr_installed);
	kmend_free_names(st->loaded, st->nr_loaded);
	free(st->patches);
	free(st->blockers);
}

/*
 * Descriptions and task names are untrusted: a control character could
 * move the cursor or rewrite the terminal, so it is shown as '?'.
 */
static void status_print_text_len(const char *text, size_t len)
{
	for (; len && *text; text++, len--)
		putchar((unsigned char)*text < 0x20 || *text == 0x7f ? '?' :
			*text);
}

static void status_print_text(const char *text)
{
	status_print_text_len(text, strlen(text));
}

static void status_print_patch(const struct status_patch *p)
{
	printf("  %s  %s%s%s", p->name, status_state(p),
	       p->runtime && !strcmp(p->runtime, "livepatch") ? " (livepatch)" : "",
	       p->installed ? "" : " (not installed)");
	if (*p->pkg.name) {
		printf("  ");
		status_print_text(p->pkg.name);
		printf(" ");
		status_print_text(*p->pkg.version ? p->pkg.version : "?");
		if (*p->pkg.cves) {
			printf("  ");
			status_print_text(p->pkg.cves);
		}
	}
	putchar('\n');
	if (*p->pkg.description) {
		printf("    ");
		status_print_text(p->pkg.description);
		putchar('\n');
	}
}

/* The blockers file holds one "PID COMM WHAT" line per task. */
static void status_print_transition(const struct status *st)
{
	const char *line;
	size_t len;

	printf("transition:  ");
	if (!st->moving) {
		printf("none\n");
		return;
	}
	printf("%s %s\n", st->moving->name,
	       st->moving->enabled ? "patching" : "unpatching");
	line = st->blockers ? st->blockers : "";
	if (!*line)
		printf("  no task reported holding it up\n");
	for (; *line; line += len + !!line[len]) {
		len = strcspn(line, "\n");
		printf("  held up by: ");
		status_print_text_len(line, len);
		putchar('\n');
	}
}

static void status_print(const struct status *st)
{
	size_t i;

	printf("kernel:      %s\n", st->rel);
	printf("kmend.ko:    %s\n", st->core_loaded ? "loaded" : "not loaded");
	printf("service:     kmend.service %s\n", st->service);
	printf("patches:     %zu installed, %zu loaded; %s\n",
	       st->nr_installed, st->nr_loaded,
	       status_all_active(st) ? "every installed patch is active" :
				       "NOT every installed patch is active");
	for (i = 0; i < st->nr; i++)
		status_print_patch(&st->patches[i]);
	status_print_transition(st);
}

static void json_text_field(const char *key, const char *value, bool last)
{
	kmend_json_key(stdout, key);
	kmend_json_string(stdout, value);
	fputs(last ? "" : ",", stdout);
}

/* "CVE-A,CVE-B" as a list; empty items are left out. */
static void json_cves(const char *cves)
{
	bool first = true;
	char item[sizeof(((struct kmend_package *)0)->cves)];
	size_t len;

	kmend_json_key(stdout, "cves");
	putchar('[');
	for (; *cves; cves += len + !!cves[len]) {
		len = strcspn(cves, ",");
		if (!len)
			continue;
		snprintf(item, sizeof(item), "%.*s", (int)len, cves);
		printf("%s", first ? "" : ",");
		kmend_json_string(stdout, item);
		first = false;
	}
	putchar(']');
}

static void json_package(const struct kmend_package *pkg)
{
	kmend_json_key(stdout, "package");
	if (!*pkg->name) {
		printf("null");
		return;
	}
	putchar('{');
	json_text_field("name", pkg->name, false);
	json_text_field("version", pkg->version, false);
	json_text_field("description", pkg->description, false);
	json_cves(pkg->cves);
	putchar('}');
}

static void json_bool_field(const char *key, bool value)
{
	kmend_json_key(stdout, key);
	kmend_json_bool(stdout, value);
	putchar(',');
}

static void json_patch(const struct status_patch *p)
{
	putchar('{');
	json_text_field("name", p->name, false);
	json_text_field("state", status_state(p), false);
	json_bool_field("installed", p->installed);
	json_bool_field("loaded", p->loaded);
	json_bool_field("active", status_is_active(p));
	json_package(&p->pkg);
	if (p->runtime) {
		putchar(',');
		json_text_field("runtime", p->runtime, true);
	}
	putchar('}');
}

/* Each line of the blockers file, as kmend.ko wrote it ("PID COMM WHAT"). */
static void json_transition(const struct status *st)
{
	const char *line = st->blockers ? st->blockers : "";
	char item[1024];
	size_t len;

	kmend_json_key(stdout, "transition");
	if (!st->moving) {
		printf("null");
		return;
	}
	putchar('{');
	json_text_field("patch", st->moving->name, false);
	json_text_field("direction", st->moving->enabled ? "patching" :
			"unpatching", false);
	kmend_json_key(stdout, "blockers");
	putchar('[');
	for (; *line; line += len + !!line[len]) {
		len = strcspn(line, "\n");
		snprintf(item, sizeof(item), "%.*s", (int)len, line);
		kmend_json_string(stdout, item);
		if (line[len] && line[len + 1])
			putchar(',');
	}
	printf("]}");
}

static void json_print(const struct status *st)
{
	size_t i;

	printf("{\"format\":1,");
	json_text_field("kernel", st->rel, false);
	json_bool_field("kmend_loaded", st->core_loaded);
	json_text_field("service", st->service, false);
	json_bool_field("all_active", status_all_active(st));
	kmend_json_key(stdout, "patches");
	putchar('[');
	for (i = 0; i < st->nr; i++) {
		json_patch(&st->patches[i]);
		if (i + 1 < st->nr)
			putchar(',');
	}
	printf("],");
	json_transition(st);
	printf("}\n");
}

enum cmd_result cmd_status(bool json)
{
	struct status st = { .nr = 0 };
	enum cmd_result result;

	if (status_read(&st)) {
		status_free(&st);
		return CMD_ERROR;
	}
	if (json)
		json_print(&st);
	else
		status_print(&st);
	result = status_all_active(&st) ? CMD_OK : CMD_NOT_ACTIVE;
	status_free(&st);
	return result;
}
