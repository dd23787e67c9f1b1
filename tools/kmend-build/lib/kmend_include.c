// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_include.c - what goes into the patch: changed and new functions,
 * and what they need that the running kernel does not have.
 *
 * Starting from the changed and new functions, the callbacks and new
 * global variables, every relocation of included bytes is followed:
 *  - a changed or new function, or the unlikely part of an included one,
 *    is included;
 *  - a new object is included (a new static, a new WARN_ONCE flag...);
 *  - an existing object is referenced where it lives in the running
 *    kernel, so the patch shares its state, except constant bytes without
 *    relocations (tables, __func__), which are copied;
 *  - anonymous bytes (string literals, alternatives' code) are copied with
 *    their whole section;
 *  - everything else (unchanged functions, undefined symbols) stays a
 *    reference, resolved by kmend_klp.c.
 * Then the entries of special sections about included code are kept
 * (kmend_special.c), which may include more; repeated until nothing moves.
 */
#include <stdlib.h>
#include "kmend_arch.h"
#include "kmend_diff.h"

static int kmend_include_relocs(struct kmend_diff *d, struct kmend_section *sec,
				GElf_Addr start, GElf_Addr len)
{
	struct kmend_reloc *r;

	kmend_for_each_reloc_in(sec, r, start, len)
		if (!kmend_arch_reloc_is_none(r->type) &&
		    kmend_include_target(d, r))
			return -1;
	return 0;
}

static int kmend_include_section(struct kmend_diff *d, struct kmend_section *sec)
{
	if (sec->include)
		return 0;
	if (sec->flags & (KMEND_SEC_IGNORE | KMEND_SEC_DIRECTIVE)) {
		kmend_err("%s: included code refers to section %s, which "
			  "cannot be part of a patch", d->patched->path,
			  sec->name);
		return -1;
	}
	sec->include = true;
	kmend_debug("include section %s", sec->name);
	return kmend_include_relocs(d, sec, 0, sec->sh.sh_size);
}

static int kmend_cmp_addr(const void *a, const void *b)
{
	GElf_Addr x = *(const GElf_Addr *)a, y = *(const GElf_Addr *)b;

	return x < y ? -1 : x > y;
}

/*
 * Alternatives' code (.altinstr_replacement, .altinstr_aux) has no
 * symbols: it is cut at every offset something refers to, and only the
 * pieces included code uses go out.
 */
bool kmend_is_cut_section(const struct kmend_section *sec)
{
	return kmend_is_text_sec(sec) && !sec->nr_syms && !sec->special;
}

int kmend_cut_section(struct kmend_section *sec)
{
	struct kmend_section *other;
	size_t i, n = 0, cap = 16;
	struct kmend_reloc *r;
	GElf_Addr *cuts, off;

	if (sec->cuts)
		return 0;
	cuts = kmend_zalloc(cap * sizeof(*cuts));
	if (!cuts)
		return -1;
	cuts[n++] = sec->sh.sh_size;
	kmend_for_each_sec(sec->elf, other, i) {
		kmend_for_each_reloc(other, r) {
			if (r->target != sec->secsym)
				continue;
			off = kmend_reloc_toff(r);
			if (off >= sec->sh.sh_size)
				continue;
			if (n + 1 >= cap) {
				cap *= 2;
				cuts = kmend_realloc_array(cuts, cap, sizeof(*cuts));
				if (!cuts)
					return -1;
			}
			cuts[n++] = off;
		}
	}
	cuts[n++] = 0;
	qsort(cuts, n, sizeof(*cuts), kmend_cmp_addr);
	for (i = 1, sec->nr_entries = 1; i < n; i++)
		if (cuts[i] != cuts[sec->nr_entries - 1])
			cuts[sec->nr_entries++] = cuts[i];
	sec->nr_entries--;		/* pieces: between consecutive cuts */
	sec->cuts = cuts;
	sec->kept = kmend_zalloc(sec->nr_entries + 1);
	sec->cut_out = kmend_zalloc((sec->nr_entries + 1) * sizeof(GElf_Addr));
	return sec->kept && sec->cut_out ? 0 : -1;
}

/* The piece of a cut section holding byte @off. */
size_t kmend_cut_piece(const struct kmend_section *sec, GElf_Addr off)
{
	size_t lo = 0, hi = sec->nr_entries;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (sec->cuts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int kmend_include_piece(struct kmend_diff *d, struct kmend_section *sec,
			       GElf_Addr off)
{
	size_t i;

	if (kmend_cut_section(sec))
		return -1;
	if (!sec->nr_entries)
		return 0;
	i = kmend_cut_piece(sec, off);
	if (sec->kept[i])
		return 0;
	sec->kept[i] = 1;
	return kmend_include_relocs(d, sec, sec->cuts[i],
				    sec->cuts[i + 1] - sec->cuts[i]);
}

int kmend_include_symbol(struct kmend_diff *d, struct kmend_symbol *s)
{
	if (s->include)
		return 0;
	s->include = true;
	if (kmend_is_object(s))
		kmend_report(d, "copy object %s", s->name);
	return kmend_include_relocs(d, s->sec, s->sym.st_value, s->sym.st_size);
}

static bool kmend_must_copy(const struct kmend_symbol *s)
{
	if (kmend_is_func(s))
		return s->status == KMEND_CHANGED || s->status == KMEND_NEW ||
		       s->callback || (s->parent && s->parent->include);
	/*
	 * A dynamic debug descriptor carries its call site's line and
	 * format; statics are paired by position, which a changed function
	 * may have shifted. New code gets descriptors of its own (the
	 * patch module's, in /proc/dynamic_debug/control).
	 */
	if (s->sec->flags & KMEND_SEC_NOCOMPARE)
		return true;
	return s->status == KMEND_NEW || kmend_is_pure_constant(s);
}

int kmend_include_target(struct kmend_diff *d, struct kmend_reloc *r)
{
	struct kmend_symbol *t = r->target;

	if (!t->sec)
		return 0;
	if (kmend_is_section_sym(t) && kmend_is_cut_section(t->sec))
		return kmend_include_piece(d, t->sec, kmend_reloc_toff(r));
	if (kmend_is_section_sym(t))
		return kmend_include_section(d, t->sec);
	if (!kmend_is_sized(t) || !kmend_must_copy(t))
		return 0;
	return kmend_include_symbol(d, t);
}

bool kmend_target_is_included(const struct kmend_reloc *r)
{
	const struct kmend_symbol *t = r->target;

	if (!t->sec)
		return false;
	if (kmend_is_section_sym(t) && kmend_is_cut_section(t->sec))
		return t->sec->kept && t->sec->kept[kmend_cut_piece(t->sec,
						     kmend_reloc_toff(r))];
	return t->sec->include || (kmend_is_sized(t) && t->include);
}

static bool kmend_is_root(const struct kmend_symbol *s)
{
	if (s->callback)
		return true;
	if (!kmend_sym_is_compared(s) || s->ignore ||
	    (s->sec->flags & (KMEND_SEC_INIT | KMEND_SEC_EXIT)))
		return false;
	if (kmend_is_func(s))
		return !s->parent && (s->status == KMEND_CHANGED ||
				      s->status == KMEND_NEW);
	/* a new global variable, even if no code uses it yet */
	return !kmend_is_local(s) && s->status == KMEND_NEW;
}

int kmend_include(struct kmend_diff *d)
{
	struct kmend_symbol *s;
	bool added;
	size_t i;

	kmend_for_each_sym(d->patched, s, i)
		if (kmend_is_root(s) && kmend_include_symbol(d, s))
			return -1;
	do {
		if (kmend_include_special_entries(d, &added))
			return -1;
	} while (added);
	return 0;
}
