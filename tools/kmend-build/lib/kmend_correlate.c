// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_correlate.c - pairing each symbol and section of the original
 * object with its twin in the patched one.
 *
 * Names are not stable across a patch: GCC numbers clones per function
 * ("foo.isra.0", "foo.constprop.1") and function-scope statics per file
 * ("calls.1" may become "calls.3" when a static is added above). Pairing
 * goes from the most to the least certain evidence:
 *
 *  1. functions and objects with the same name and kind;
 *  2. function clones by stem ("foo.isra.0" ~ "foo.isra.1") when the stem
 *     is unique on both sides among the unpaired; clone pairs whose callers
 *     disagree are undone, since a clone's body assumes its callers' args;
 *  3. function-scope statics through the functions that use them: the k-th
 *     "count.N" that function f uses pairs with the k-th "count.M" that f's
 *     twin uses;
 *  4. constant statics (read-only, no relocations: "__func__.4", often
 *     reached only through a pr_debug descriptor) by content; they never
 *     pair otherwise, since a constant whose bytes changed is simply a new
 *     one the patch carries;
 *  5. anything left by stem when unique;
 *  6. sections: those holding a paired symbol pair with its twin's, the
 *     others (string tables, special sections) by name.
 *
 * A symbol left without a twin is new (patched side) or gone (original).
 */
#include <stdlib.h>
#include <string.h>
#include "kmend_diff.h"

static void kmend_pair(struct kmend_symbol *a, struct kmend_symbol *b)
{
	a->twin = b;
	b->twin = a;
}

static void kmend_unpair(struct kmend_symbol *a)
{
	if (a->twin)
		a->twin->twin = NULL;
	a->twin = NULL;
}

/* Symbols that take part: sized symbols in compared or noncompared
 * sections, and undefined globals. */
static bool kmend_is_correlated(const struct kmend_symbol *s)
{
	if (kmend_is_undef(s))
		return !kmend_is_local(s) && *s->name;
	return kmend_is_sized(s) &&
	       !(s->sec->flags & (KMEND_SEC_IGNORE | KMEND_SEC_DIRECTIVE));
}

static bool kmend_same_kind(const struct kmend_symbol *a,
			    const struct kmend_symbol *b)
{
	if (kmend_is_undef(a) || kmend_is_undef(b))
		return kmend_is_undef(a) && kmend_is_undef(b);
	return a->type == b->type;
}

/* A function-scope static whose bytes are all there is to it. */
static bool kmend_is_constant_static(const struct kmend_symbol *s)
{
	return kmend_is_static_local(s) && kmend_is_sized(s) && s->sec->data &&
	       kmend_is_pure_constant(s);
}

static bool kmend_same_constant(const struct kmend_symbol *a,
				const struct kmend_symbol *b)
{
	return a->sym.st_size == b->sym.st_size &&
	       !memcmp(a->sec->data + a->sym.st_value,
		       b->sec->data + b->sym.st_value, a->sym.st_size) &&
	       kmend_same_stem(a->name, b->name);
}

static void kmend_correlate_constants(struct kmend_diff *d)
{
	struct kmend_symbol *a, *b;
	size_t i, j;

	kmend_for_each_sym(d->orig, a, i) {
		if (a->twin || !kmend_is_constant_static(a))
			continue;
		kmend_for_each_sym(d->patched, b, j) {
			if (!b->twin && kmend_is_constant_static(b) &&
			    kmend_same_constant(a, b)) {
				kmend_pair(a, b);
				break;
			}
		}
	}
}

/* Pairing by name or stem only: constants pair by content alone. */
static bool kmend_may_pair_by_name(const struct kmend_symbol *s)
{
	return kmend_is_correlated(s) && !kmend_is_constant_static(s);
}

static void kmend_correlate_by_name(struct kmend_diff *d, bool statics)
{
	struct kmend_symbol *a, *b;
	struct kmend_hnode *n;
	size_t i;

	kmend_for_each_sym(d->orig, a, i) {
		if (a->twin || !kmend_may_pair_by_name(a) ||
		    kmend_is_static_local(a) != statics)
			continue;
		kmend_hash_for_each_match(&d->patched->sym_names, a->name, n) {
			b = kmend_container_of(n, struct kmend_symbol, hnode);
			if (!b->twin && kmend_may_pair_by_name(b) &&
			    kmend_same_kind(a, b)) {
				kmend_pair(a, b);
				break;
			}
		}
	}
}

/* The only unpaired correlated symbol of @elf with this stem and kind. */
static struct kmend_symbol *kmend_unique_stem(struct kmend_elf *elf,
					      const char *stem,
					      const struct kmend_symbol *like)
{
	size_t i, head = strcspn(stem, ".");
	struct kmend_symbol *s, *found = NULL;
	char *st;

	kmend_for_each_sym(elf, s, i) {
		if (strncmp(s->name, stem, head) || s == like ||
		    !kmend_is_correlated(s) ||
		    !kmend_same_kind(s, like) ||
		    kmend_is_local(s) != kmend_is_local(like))
			continue;
		st = kmend_name_stem(s->name);
		if (st && !strcmp(st, stem) && !s->twin) {
			if (found) {
				free(st);
				return NULL;
			}
			found = s;
		}
		free(st);
	}
	return found;
}

static int kmend_correlate_by_stem(struct kmend_diff *d, bool statics)
{
	struct kmend_symbol *a, *b;
	size_t i;
	char *stem;

	kmend_for_each_sym(d->orig, a, i) {
		if (a->twin || !kmend_may_pair_by_name(a) || kmend_is_undef(a) ||
		    (kmend_is_static_local(a) && !statics))
			continue;
		stem = kmend_name_stem(a->name);
		if (!stem)
			return -1;
		if (strcmp(stem, a->name) &&
		    kmend_unique_stem(d->orig, stem, a) == NULL &&
		    (b = kmend_unique_stem(d->patched, stem, a)) &&
		    kmend_may_pair_by_name(b) &&
		    (statics || !kmend_is_static_local(b)))
			kmend_pair(a, b);
		free(stem);
	}
	return 0;
}

static bool kmend_is_clone(const struct kmend_symbol *s)
{
	return kmend_is_func(s) && (strstr(s->name, ".isra.") ||
				    strstr(s->name, ".constprop.") ||
				    strstr(s->name, ".part."));
}

/* Does function @f (bytes of its range) reference @target? */
static bool kmend_func_refers_to(const struct kmend_symbol *f,
				 const struct kmend_symbol *target)
{
	struct kmend_reloc *r;

	kmend_for_each_reloc_in(f->sec, r, f->sym.st_value, f->sym.st_size)
		if (r->target == target)
			return true;
	return false;
}

/*
 * Every function of @elf that calls @clone has a twin that calls the
 * clone's twin (functions without twins say nothing).
 */
static bool kmend_callers_agree(struct kmend_elf *elf,
				const struct kmend_symbol *clone)
{
	struct kmend_symbol *f;
	size_t i;

	kmend_for_each_sym(elf, f, i) {
		if (!kmend_is_func(f) || !kmend_is_sized(f) || !f->twin ||
		    f == clone || !kmend_func_refers_to(f, clone))
			continue;
		if (!kmend_func_refers_to(f->twin, clone->twin))
			return false;
	}
	return true;
}

static void kmend_check_clone_pairs(struct kmend_diff *d)
{
	struct kmend_symbol *a;
	size_t i;

	kmend_for_each_sym(d->orig, a, i) {
		if (!a->twin || !kmend_is_clone(a))
			continue;
		if (!kmend_callers_agree(d->orig, a) ||
		    !kmend_callers_agree(d->patched, a->twin)) {
			kmend_debug("%s and %s: callers disagree, not paired",
				    a->name, a->twin->name);
			kmend_unpair(a);
		}
	}
}

/*
 * The @k-th distinct static with stem @stem that @f uses, in the order of
 * its relocations, or NULL. Constants are not counted: they pair by
 * content only (a new pr_debug's __func__ used before an inlined callee's
 * would otherwise take the callee's place).
 */
static struct kmend_symbol *kmend_nth_static(const struct kmend_symbol *f,
					     const char *stem, int k)
{
	struct kmend_symbol *seen[64];
	struct kmend_reloc *r;
	int nr_seen = 0, i;
	char *st;

	kmend_for_each_reloc_in(f->sec, r, f->sym.st_value, f->sym.st_size) {
		if (!kmend_is_static_local(r->target) ||
		    kmend_is_constant_static(r->target) || nr_seen == 64)
			continue;
		for (i = 0; i < nr_seen && seen[i] != r->target; i++)
			;
		if (i < nr_seen)
			continue;
		seen[nr_seen++] = r->target;
		st = kmend_name_stem(r->target->name);
		if (st && !strcmp(st, stem) && k-- == 0) {
			free(st);
			return r->target;
		}
		free(st);
	}
	return NULL;
}

/* Pair the statics used by function @f with those its twin uses. */
static void kmend_correlate_statics_of(const struct kmend_symbol *f)
{
	struct kmend_symbol *a, *b;
	struct kmend_reloc *r;
	char *stem;
	int k;

	kmend_for_each_reloc_in(f->sec, r, f->sym.st_value, f->sym.st_size) {
		a = r->target;
		if (!kmend_is_static_local(a) || a->twin ||
		    kmend_is_constant_static(a))
			continue;
		stem = kmend_name_stem(a->name);
		if (!stem)
			return;
		for (k = 0; (b = kmend_nth_static(f, stem, k)) && b != a; k++)
			;
		b = b ? kmend_nth_static(f->twin, stem, k) : NULL;
		if (b && !b->twin && kmend_is_correlated(b))
			kmend_pair(a, b);
		free(stem);
	}
}

static void kmend_correlate_statics(struct kmend_diff *d)
{
	struct kmend_symbol *f;
	size_t i;

	kmend_for_each_sym(d->orig, f, i)
		if (kmend_is_func(f) && kmend_is_sized(f) && f->twin)
			kmend_correlate_statics_of(f);
}

static void kmend_correlate_sections(struct kmend_diff *d)
{
	struct kmend_section *a, *b;
	struct kmend_symbol *s;
	size_t i, j;

	kmend_for_each_sec(d->orig, a, i) {
		for (j = 0; j < a->nr_syms && !a->twin; j++) {
			s = a->syms[j];
			if (s->twin && s->twin->sec && !s->twin->sec->twin)
				a->twin = s->twin->sec;
		}
		if (!a->twin && !a->nr_syms) {
			b = kmend_find_section(d->patched, a->name);
			if (b && !b->twin && !b->nr_syms)
				a->twin = b;
		}
		if (a->twin) {
			a->twin->twin = a;
			kmend_pair(a->secsym, a->twin->secsym);
		}
	}
}

int kmend_correlate(struct kmend_diff *d)
{
	kmend_correlate_by_name(d, false);
	if (kmend_correlate_by_stem(d, false))
		return -1;
	kmend_check_clone_pairs(d);
	kmend_correlate_statics(d);
	kmend_correlate_constants(d);
	kmend_correlate_by_name(d, true);
	if (kmend_correlate_by_stem(d, true))
		return -1;
	kmend_correlate_sections(d);
	return 0;
}
