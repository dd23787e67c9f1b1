// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_report.c - the differ's two outputs besides the object.
 *
 * The report says what was decided, one line per decision, for people and
 * for the unit tests ("changed function show", "klp vmlinux calls.1 0",
 * "refuse: ..."). The manifest says what the patch module's C file needs:
 *
 *	object <vmlinux or module name>
 *	func <old name> <sympos> <alias>
 *	callback <pre_patch|post_patch|pre_unpatch|post_unpatch> <alias>
 *	namespace <a namespace the patch's references import>
 */
#include <stdarg.h>
#include <stdlib.h>
#include "kmend_diff.h"

void kmend_report(struct kmend_diff *d, const char *fmt, ...)
{
	va_list ap;

	if (!d->report)
		return;
	va_start(ap, fmt);
	vfprintf(d->report, fmt, ap);
	va_end(ap);
	fputc('\n', d->report);
}

static void kmend_manifest_funcs(struct kmend_diff *d, FILE *f)
{
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(d->patched, s, i)
		if (s->include && s->status == KMEND_CHANGED && s->alias &&
		    !s->parent)
			fprintf(f, "func %s %lu %s\n", s->twin->name, s->sympos,
				s->alias);
}

int kmend_write_manifest(struct kmend_diff *d, const char *path)
{
	char *tmp = kmend_asprintf("%s.tmp", path);
	FILE *f;
	int i;

	if (!tmp)
		return -1;
	f = fopen(tmp, "w");
	if (!f) {
		kmend_err_sys(tmp, "fopen");
		free(tmp);
		return -1;
	}
	fprintf(f, "object %s\n", d->objname);
	kmend_manifest_funcs(d, f);
	for (i = 0; i < KMEND_NR_CALLBACKS; i++)
		if (d->callbacks[i] && d->callbacks[i]->alias)
			fprintf(f, "callback %s %s\n", kmend_callback_names[i],
				d->callbacks[i]->alias);
	kmend_manifest_namespaces(d, f);
	if (fclose(f) || rename(tmp, path)) {
		kmend_err_sys(path, "write");
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
