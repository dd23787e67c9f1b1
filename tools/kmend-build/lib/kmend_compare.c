// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_compare.c - deciding, for each function and object of the patched
 * object, whether it is the same as its twin, changed, or new.
 *
 * Two functions are the same when their bytes are, outside the fields
 * relocations fill and outside line numbers passed to reporting functions
 * (kmend_arch_is_line_number()), and their relocations designate the same
 * things: twins of each other, the same string, the same undefined symbol.
 * A function whose inlined or static callee changed has different bytes or
 * calls a different clone, so it counts as changed too.
 */
#include <string.h>
#include "kmend_arch.h"
#include "kmend_diff.h"

static bool kmend_in_reloc_field(const struct kmend_symbol *s, GElf_Addr off)
{
	GElf_Addr at = s->sym.st_value + off;
	struct kmend_reloc *r;

	kmend_for_each_reloc_in(s->sec, r, at >= 8 ? at - 8 : 0, 16)
		if (r->offset <= at &&
		    at < r->offset + kmend_arch_reloc_size(r->type))
			return true;
	return false;
}

static bool kmend_bytes_equal(const struct kmend_symbol *a,
			      const struct kmend_symbol *b)
{
	const unsigned char *pa, *pb;
	GElf_Addr i, size = a->sym.st_size;

	if (!a->sec->data || !b->sec->data)	/* .bss: no bytes to differ */
		return !a->sec->data && !b->sec->data;
	pa = a->sec->data + a->sym.st_value;
	pb = b->sec->data + b->sym.st_value;
	for (i = 0; i < size; i++) {
		if (pa[i] == pb[i] || kmend_in_reloc_field(a, i))
			continue;
		if (kmend_is_func(a) && kmend_arch_is_line_number(a, i) &&
		    kmend_arch_is_line_number(b, i))
			continue;
		kmend_debug("%s: byte %#llx differs", b->name,
			    (unsigned long long)i);
		return false;
	}
	return true;
}

static bool kmend_targets_equal(const struct kmend_reloc *ra,
				const struct kmend_reloc *rb);

/*
 * The pieces of alternatives' code two relocations jump to: the same
 * bytes, and relocations designating the same things (the code they jump
 * back to is compared by identity, so this does not recurse).
 */
static bool kmend_pieces_equal(const struct kmend_reloc *ra,
			       const struct kmend_reloc *rb)
{
	struct kmend_section *a = ra->target->sec, *b = rb->target->sec;
	GElf_Addr sa, sb, len;
	struct kmend_reloc *x, *y;
	size_t i, j;

	if (kmend_cut_section(a) || kmend_cut_section(b) || !a->nr_entries ||
	    !b->nr_entries)
		return false;
	i = kmend_cut_piece(a, kmend_reloc_toff(ra));
	j = kmend_cut_piece(b, kmend_reloc_toff(rb));
	sa = a->cuts[i];
	sb = b->cuts[j];
	len = a->cuts[i + 1] - sa;
	if (len != b->cuts[j + 1] - sb || kmend_reloc_toff(ra) - sa !=
	    kmend_reloc_toff(rb) - sb || memcmp(a->data + sa, b->data + sb, len))
		return false;
	x = kmend_first_reloc_at(a, sa);
	y = kmend_first_reloc_at(b, sb);
	for (; x && x < a->relocs + a->nr_relocs && x->offset < sa + len;
	     x++, y++) {
		if (!y || y >= b->relocs + b->nr_relocs ||
		    x->offset - sa != y->offset - sb || x->type != y->type ||
		    (!kmend_is_section_sym(x->target) &&
		     !kmend_targets_equal(x, y)))
			return false;
	}
	return !y || y >= b->relocs + b->nr_relocs || y->offset >= sb + len;
}

/* Bytes @len at @off in two anonymous sections' targets. */
static bool kmend_anon_equal(const struct kmend_reloc *ra,
			     const struct kmend_reloc *rb)
{
	const struct kmend_section *a = ra->target->sec, *b = rb->target->sec;
	GElf_Sxword oa = kmend_reloc_toff(ra), ob = kmend_reloc_toff(rb);
	const char *sa, *sb;
	GElf_Xword n = a->sh.sh_entsize;

	if (kmend_is_string_sec(a) || kmend_is_string_sec(b)) {
		sa = kmend_string_at(a, oa);
		sb = kmend_string_at(b, ob);
		return sa && sb && !strcmp(sa, sb) && oa - ra->taddend ==
		       ob - rb->taddend;
	}
	if ((a->sh.sh_flags & SHF_MERGE) && n && n == b->sh.sh_entsize)
		return a->data && b->data && oa >= 0 && ob >= 0 &&
		       (GElf_Xword)oa + n <= a->sh.sh_size &&
		       (GElf_Xword)ob + n <= b->sh.sh_size &&
		       !memcmp(a->data + oa, b->data + ob, n);
	if (kmend_is_cut_section(a) && kmend_is_cut_section(b))
		return kmend_pieces_equal(ra, rb);
	/*
	 * Sections of empty objects (a lock_class_key without lockdep,
	 * ".bss.__key.3"): no state to keep, so any two with the same stem
	 * are interchangeable however GCC numbered them.
	 */
	if (!a->sh.sh_size && !b->sh.sh_size)
		return kmend_same_stem(a->name, b->name);
	/* other anonymous bytes: all of it the same */
	return a->twin == b && ra->taddend == rb->taddend &&
	       a->sh.sh_size == b->sh.sh_size &&
	       (!a->data || !memcmp(a->data, b->data, a->sh.sh_size));
}

static bool kmend_targets_equal(const struct kmend_reloc *ra,
				const struct kmend_reloc *rb)
{
	const struct kmend_symbol *a = ra->target, *b = rb->target;

	if (kmend_is_section_sym(a) || kmend_is_section_sym(b))
		return kmend_is_section_sym(a) && kmend_is_section_sym(b) &&
		       kmend_anon_equal(ra, rb);
	if (ra->taddend != rb->taddend)
		return false;
	if (a->twin || b->twin)
		return a->twin == b;
	/* undefined, absolute: by name */
	if (!a->sec && !b->sec)
		return !strcmp(a->name, b->name);
	/*
	 * In sections nothing compares (.BTF_ids, filled in when vmlinux is
	 * linked): by name, without the counter and line the macros append
	 * ("__BTF_ID__struct__netlink_sock__8082856").
	 */
	return a->sec && b->sec && (a->sec->flags & KMEND_SEC_IGNORE) &&
	       (b->sec->flags & KMEND_SEC_IGNORE) &&
	       kmend_same_stem(a->name, b->name);
}

static struct kmend_reloc *kmend_next_real(const struct kmend_symbol *s,
					   struct kmend_reloc *r)
{
	for (; r && r < s->sec->relocs + s->sec->nr_relocs; r++) {
		if (r->offset >= s->sym.st_value + s->sym.st_size)
			return NULL;
		if (!kmend_arch_reloc_is_none(r->type))
			return r;
	}
	return NULL;
}

static bool kmend_relocs_equal(const struct kmend_symbol *a,
			       const struct kmend_symbol *b)
{
	struct kmend_reloc *ra, *rb;

	ra = kmend_next_real(a, kmend_first_reloc_at(a->sec, a->sym.st_value));
	rb = kmend_next_real(b, kmend_first_reloc_at(b->sec, b->sym.st_value));
	while (ra && rb) {
		if (ra->offset - a->sym.st_value !=
		    rb->offset - b->sym.st_value || ra->type != rb->type ||
		    !kmend_targets_equal(ra, rb)) {
			kmend_debug("%s: relocation at %#llx differs: %s%+lld, %s%+lld",
				    b->name, (unsigned long long)(rb->offset -
				    b->sym.st_value), ra->target->name,
				    (long long)ra->taddend, rb->target->name,
				    (long long)rb->taddend);
			return false;
		}
		ra = kmend_next_real(a, ra + 1);
		rb = kmend_next_real(b, rb + 1);
	}
	return !ra && !rb;
}

static bool kmend_sym_equal(const struct kmend_symbol *a,
			    const struct kmend_symbol *b)
{
	if (a->sym.st_size != b->sym.st_size || a->type != b->type) {
		kmend_debug("%s: size %llu, was %llu", b->name,
			    (unsigned long long)b->sym.st_size,
			    (unsigned long long)a->sym.st_size);
		return false;
	}
	return kmend_bytes_equal(a, b) && kmend_relocs_equal(a, b);
}

static void kmend_compare_symbol(struct kmend_symbol *s)
{
	if (!s->twin)
		s->status = KMEND_NEW;
	else if (s->sec->flags & KMEND_SEC_NOCOMPARE)
		s->status = KMEND_SAME;
	else
		s->status = kmend_sym_equal(s->twin, s) ? KMEND_SAME :
							 KMEND_CHANGED;
	if (s->twin)
		s->twin->status = s->status;
}

/*
 * The unlikely part of a function is not a function of its own: when it
 * changes, the function it belongs to is what gets replaced.
 */
static void kmend_propagate_cold(struct kmend_diff *d)
{
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(d->patched, s, i) {
		if (!s->parent || s->status == KMEND_SAME ||
		    s->status == KMEND_UNKNOWN)
			continue;
		if (s->parent->status == KMEND_SAME) {
			kmend_debug("%s changed with its unlikely part %s",
				    s->parent->name, s->name);
			s->parent->status = KMEND_CHANGED;
			if (s->parent->twin)
				s->parent->twin->status = KMEND_CHANGED;
		}
	}
}

/*
 * Changes that do not count: those the author said to ignore, and those
 * of __exit code, which runs from the module being removed, never from a
 * patch.
 */
static void kmend_apply_ignores(struct kmend_diff *d)
{
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(d->patched, s, i) {
		if (s->status != KMEND_CHANGED || !kmend_is_func(s))
			continue;
		if (s->ignore)
			kmend_report(d, "ignored change of function %s", s->name);
		else if (s->sec->flags & KMEND_SEC_EXIT)
			kmend_report(d, "ignored change of __exit function %s",
				     s->name);
		else
			continue;
		s->status = KMEND_SAME;
		if (s->twin)
			s->twin->status = KMEND_SAME;
	}
}

int kmend_compare(struct kmend_diff *d)
{
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(d->patched, s, i)
		if (kmend_is_sized(s) && !(s->sec->flags & (KMEND_SEC_IGNORE |
				KMEND_SEC_DIRECTIVE | KMEND_SEC_SPECIAL)))
			kmend_compare_symbol(s);
	kmend_propagate_cold(d);
	kmend_apply_ignores(d);
	kmend_for_each_sym(d->patched, s, i) {
		if (!kmend_is_func(s) || s->parent || s->ignore ||
		    !kmend_sym_is_compared(s))
			continue;
		if (s->status == KMEND_CHANGED) {
			d->nr_changed++;
			kmend_report(d, "changed function %s", s->name);
		} else if (s->status == KMEND_NEW &&
			   !(s->sec->flags & (KMEND_SEC_INIT | KMEND_SEC_EXIT))) {
			d->nr_new++;
			kmend_report(d, "new function %s", s->name);
		}
	}
	return 0;
}
