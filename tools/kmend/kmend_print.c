// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_print.c - showing patches to people.
 *
 * `kmend list` shows one line per patch, then its objects and functions:
 *
 *	kmend_sample_cmdline  runtime=kmend enabled=1 transition=0 consistency=per-task
 *	  vmlinux  patched=1
 *	    cmdline_proc_show,1  0xffffffff81234560 -> 0xffffffffc0a01000
 *
 * `kmend info` shows every file of the patch directory as "name: value",
 * then the same objects and functions, then the tasks holding up a
 * running transition. Attributes this version does not know are shown
 * too, so a newer kmend.ko is never hidden from the operator.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kmend_msg.h"
#include "kmend_package.h"
#include "kmend_print.h"
#include "kmend_sysfs.h"

/* The column where "info" values start. */
#define KMEND_INFO_COLUMN 14

/* Shown elsewhere, or only while a transition runs. */
static bool kmend_is_special_attr(const char *name)
{
	return !strcmp(name, "enabled") || !strcmp(name, "transition") ||
	       !strcmp(name, "blockers");
}

/* A missing transition file (early kmend.ko) means no transition. */
static const char *kmend_flag_value(const struct kmend_patch *patch,
				    const char *name, const char *missing)
{
	const struct kmend_attr *attr = kmend_patch_attr(patch, name);

	if (!attr)
		return missing;
	return attr->value ? attr->value : "?";
}

static bool kmend_in_transition(const struct kmend_patch *patch)
{
	return !strcmp(kmend_flag_value(patch, "transition", "0"), "1");
}

static void kmend_print_objects(FILE *out, const struct kmend_patch *patch)
{
	const struct kmend_object *obj;
	const struct kmend_func *func;

	kmend_for_each_object(patch, obj) {
		fprintf(out, "  %s", obj->name);
		if (obj->patched)
			fprintf(out, "  patched=%s", obj->patched);
		fputc('\n', out);
		kmend_for_each_func(obj, func)
			fprintf(out, "    %s  %s -> %s\n", func->name,
				func->old_addr ? func->old_addr : "?",
				func->new_addr ? func->new_addr : "?");
	}
}

/* One line per patch; only short, readable attributes fit on it. */
void kmend_print_patch(FILE *out, const struct kmend_patch *patch)
{
	const struct kmend_attr *attr;

	fprintf(out, "%s  runtime=%s enabled=%s transition=%s", patch->name,
		patch->runtime, kmend_flag_value(patch, "enabled", "?"),
		kmend_flag_value(patch, "transition", "0"));
	kmend_for_each_attr(patch, attr) {
		if (kmend_is_special_attr(attr->name) || !attr->value ||
		    !*attr->value || strchr(attr->value, '\n'))
			continue;
		fprintf(out, " %s=%s", attr->name, attr->value);
	}
	fputc('\n', out);
	kmend_print_objects(out, patch);
}

static void kmend_print_key(FILE *out, const char *key)
{
	int pad = KMEND_INFO_COLUMN - (int)strlen(key) - 1;

	fprintf(out, "%s:%*s", key, pad > 1 ? pad : 1, "");
}

/* Prints @text indented, one line per line, with @prefix before each. */
static void kmend_print_lines(FILE *out, const char *prefix, const char *text)
{
	size_t len;

	while (*text) {
		len = strcspn(text, "\n");
		fprintf(out, "%s  %.*s\n", prefix, (int)len, text);
		text += len + !!text[len];
	}
}

static void kmend_print_info_attr(FILE *out, const struct kmend_attr *attr)
{
	if (attr->value && strchr(attr->value, '\n')) {
		fprintf(out, "%s:\n", attr->name);
		kmend_print_lines(out, "", attr->value);
		return;
	}
	kmend_print_key(out, attr->name);
	if (attr->write_only)
		fprintf(out, "(write-only)\n");
	else if (attr->err)
		fprintf(out, "(unreadable: %s)\n", strerror(-attr->err));
	else
		fprintf(out, "%s\n", *attr->value ? attr->value : "(empty)");
}

static void kmend_print_info_blockers(FILE *out,
				      const struct kmend_patch *patch)
{
	const struct kmend_attr *attr = kmend_patch_attr(patch, "blockers");

	if (!attr)
		return;
	if (!attr->value || !*attr->value) {
		kmend_print_key(out, "blockers");
		fprintf(out, "none reported\n");
		return;
	}
	fprintf(out, "blockers:\n");
	kmend_print_lines(out, "", attr->value);
}

void kmend_print_patch_info(FILE *out, const struct kmend_patch *patch)
{
	const struct kmend_attr *attr;

	kmend_print_key(out, "patch");
	fprintf(out, "%s\n", patch->name);
	kmend_print_key(out, "runtime");
	fprintf(out, "%s\n", patch->runtime);
	kmend_print_key(out, "enabled");
	fprintf(out, "%s\n", kmend_flag_value(patch, "enabled", "?"));
	kmend_print_key(out, "transition");
	fprintf(out, "%s\n", kmend_flag_value(patch, "transition", "0"));
	kmend_for_each_attr(patch, attr)
		if (!kmend_is_special_attr(attr->name))
			kmend_print_info_attr(out, attr);
	kmend_print_key(out, "functions");
	fprintf(out, "%zu\n", kmend_count_funcs(patch));
	kmend_print_objects(out, patch);
	if (kmend_in_transition(patch))
		kmend_print_info_blockers(out, patch);
}

/* What `kmend build --deb` recorded in the module about its package. */
void kmend_print_package_info(FILE *out, const struct kmend_package *pkg)
{
	kmend_print_key(out, "package");
	fprintf(out, "%s %s\n", pkg->name, *pkg->version ? pkg->version : "?");
	kmend_print_key(out, "cves");
	fprintf(out, "%s\n", *pkg->cves ? pkg->cves : "(none)");
	kmend_print_key(out, "description");
	fprintf(out, "%s\n", *pkg->description ? pkg->description : "(none)");
}

/* After a transition timed out: which tasks hold it up, when known. */
void kmend_report_blockers(const char *patch)
{
	char *text;

	if (kmend_read_patch_text(patch, "blockers", &text))
		return;
	if (*text) {
		kmend_err("tasks holding up the transition:");
		kmend_print_lines(stderr, KMEND_PREFIX, text);
	}
	free(text);
}
