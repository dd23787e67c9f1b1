// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_directives.c - what the patch author asked for with the macros of
 * include/kmend-build/kmend-macros.h (and kpatch-macros.h, which maps
 * kpatch's names onto them).
 *
 * Each macro leaves a small record in a .kmend.* section of the patched
 * object: a pointer to a function to ignore, a pointer to the name of a
 * section to ignore, or a struct { fn, objname } for a callback. Those
 * sections are read here and never reach the patch module.
 */
#include <string.h>
#include "kmend_diff.h"

const char *const kmend_callback_names[KMEND_NR_CALLBACKS] = {
	[KMEND_CB_PRE_PATCH] = "pre_patch",
	[KMEND_CB_POST_PATCH] = "post_patch",
	[KMEND_CB_PRE_UNPATCH] = "pre_unpatch",
	[KMEND_CB_POST_UNPATCH] = "post_unpatch",
};

/* The section name a directive names, or NULL for none of that kind. */
static const char *kmend_directive_kind(const struct kmend_section *sec)
{
	if (kmend_starts_with(sec->name, ".kmend."))
		return sec->name + strlen(".kmend.");
	if (kmend_starts_with(sec->name, ".kpatch."))
		return sec->name + strlen(".kpatch.");
	return NULL;
}

static int kmend_ignore_function(struct kmend_diff *d, struct kmend_reloc *r)
{
	struct kmend_symbol *f = r->target;

	if (!kmend_is_func(f) || !f->sec) {
		kmend_err("%s: %s names %s, which is not a function of this "
			  "file", d->patched->path, r->sec->name, f->name);
		return -1;
	}
	f->ignore = true;
	kmend_report(d, "ignore function %s", f->name);
	return 0;
}

static void kmend_ignore_section_named(struct kmend_elf *elf, const char *name)
{
	struct kmend_hnode *n;

	kmend_hash_for_each_match(&elf->sec_names, name, n)
		kmend_container_of(n, struct kmend_section, hnode)->flags |=
			KMEND_SEC_AUTHOR_IGNORE;
}

static int kmend_ignore_section(struct kmend_diff *d, struct kmend_reloc *r)
{
	const char *name = NULL;

	if (r->target->sec)
		name = kmend_string_at(r->target->sec, kmend_reloc_toff(r) +
				       (kmend_is_section_sym(r->target) ? 0 :
					r->target->sym.st_value));
	if (!name) {
		kmend_err("%s: %s: cannot read the section name at offset %#lx",
			  d->patched->path, r->sec->name, (long)r->offset);
		return -1;
	}
	kmend_ignore_section_named(d->orig, name);
	kmend_ignore_section_named(d->patched, name);
	kmend_report(d, "ignore section %s", name);
	return 0;
}

static int kmend_add_callback(struct kmend_diff *d, int kind,
			      struct kmend_reloc *r)
{
	struct kmend_symbol *f = r->target;

	if (r->offset % 16)	/* the objname field: filled in here, unused */
		return 0;
	if (!kmend_is_func(f) || !f->sec) {
		kmend_err("%s: the %s callback %s is not a function of this file",
			  d->patched->path, kmend_callback_names[kind], f->name);
		return -1;
	}
	if (d->callbacks[kind] && d->callbacks[kind] != f) {
		kmend_err("%s: two %s callbacks, %s and %s: a patched object "
			  "has at most one of each kind", d->patched->path,
			  kmend_callback_names[kind], d->callbacks[kind]->name,
			  f->name);
		return -1;
	}
	d->callbacks[kind] = f;
	f->callback = true;
	kmend_report(d, "callback %s %s", kmend_callback_names[kind], f->name);
	return 0;
}

static int kmend_callback_kind(const char *kind)
{
	int i;

	for (i = 0; i < KMEND_NR_CALLBACKS; i++)
		if (kmend_starts_with(kind, "callbacks.") &&
		    !strcmp(kind + strlen("callbacks."), kmend_callback_names[i]))
			return i;
	/* kpatch's older load/unload hooks */
	if (!strcmp(kind, "hooks.load"))
		return KMEND_CB_POST_PATCH;
	if (!strcmp(kind, "hooks.unload"))
		return KMEND_CB_PRE_UNPATCH;
	return -1;
}

static int kmend_read_directive(struct kmend_diff *d, struct kmend_section *sec,
				const char *kind)
{
	struct kmend_reloc *r;
	int cb = kmend_callback_kind(kind);

	if (!strcmp(kind, "force")) {
		kmend_warn("%s: KPATCH_FORCE_UNSAFE is not supported by kmend "
			   "and is ignored", d->patched->path);
		return 0;
	}
	kmend_for_each_reloc(sec, r) {
		int ret = 0;

		if (!strcmp(kind, "ignore.functions"))
			ret = kmend_ignore_function(d, r);
		else if (!strcmp(kind, "ignore.sections"))
			ret = kmend_ignore_section(d, r);
		else if (cb >= 0)
			ret = kmend_add_callback(d, cb, r);
		else
			kmend_warn("%s: unknown directive section %s, ignored",
				   d->patched->path, sec->name);
		if (ret)
			return -1;
		if (cb < 0 && strcmp(kind, "ignore.functions") &&
		    strcmp(kind, "ignore.sections"))
			break;
	}
	return 0;
}

int kmend_read_directives(struct kmend_diff *d)
{
	struct kmend_section *sec;
	const char *kind;
	size_t i;

	kmend_for_each_sec(d->patched, sec, i) {
		if (!(sec->flags & KMEND_SEC_DIRECTIVE) ||
		    !(kind = kmend_directive_kind(sec)))
			continue;
		if (kmend_read_directive(d, sec, kind))
			return -1;
	}
	return 0;
}
