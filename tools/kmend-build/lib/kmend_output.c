// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_output.c - writing what was included into a new object.
 *
 * Each input section with something included gets an output section of
 * the same name and kind, holding, in input order: the whole section
 * (string literals), the included functions and objects, the kept entries
 * of a special section, or the used pieces of alternatives' code. Symbols
 * are copied for what was included; relocations are copied with their
 * offsets moved, pointing at the copies or at kmend_klp.c's references.
 *
 * Each replaced function and each callback also gets a global alias,
 * __kmend_<tag>_<n>, through which the generated C file names it without
 * clashing with the kernel's headers or with the other files' statics.
 */
#include <stdlib.h>
#include <string.h>
#include "kmend_arch.h"
#include "kmend_diff.h"

static struct kmend_section *kmend_out_section(struct kmend_diff *d,
					       struct kmend_section *sec)
{
	GElf_Word type = sec->sh.sh_type;

	if (!sec->out)
		sec->out = kmend_add_section(d->out, sec->name, type,
					     sec->sh.sh_flags, sec->sh.sh_addralign,
					     sec->sh.sh_entsize);
	return sec->out;
}

static const void *kmend_bytes(const struct kmend_section *sec, GElf_Addr off)
{
	return sec->data ? sec->data + off : NULL;
}

static struct kmend_symbol *kmend_copy_symbol(struct kmend_diff *d,
					      struct kmend_symbol *s,
					      GElf_Addr value)
{
	s->out = kmend_add_symbol(d->out, s->name, s->bind, s->type,
				  s->sec->out, value, s->sym.st_size);
	if (s->out)
		s->out->sym.st_other = s->sym.st_other;
	return s->out;
}

/* A whole section: its bytes, and every sized symbol in it. */
static int kmend_lay_out_whole(struct kmend_diff *d, struct kmend_section *sec)
{
	struct kmend_symbol *s;
	long off;
	size_t i;

	if (!kmend_out_section(d, sec))
		return -1;
	off = kmend_section_append(sec->out, kmend_bytes(sec, 0),
				   sec->sh.sh_size, sec->sh.sh_addralign);
	if (off < 0)
		return -1;
	sec->out_base = off;
	kmend_for_each_sym_in_sec(sec, s, i)
		if (!kmend_copy_symbol(d, s, off + s->sym.st_value))
			return -1;
	return 0;
}

/*
 * Included symbols one by one; aliases share their twin's copy. A
 * function keeps the padding before it (CALL_PADDING), where call-depth
 * tracking puts its accounting thunk at boot.
 */
static int kmend_lay_out_symbols(struct kmend_diff *d, struct kmend_section *sec)
{
	struct kmend_symbol *s, *prev = NULL;
	long off = 0;
	size_t i, pad;

	kmend_for_each_sym_in_sec(sec, s, i) {
		if (!s->include)
			continue;
		if (!kmend_out_section(d, sec))
			return -1;
		if (!prev || s->sym.st_value != prev->sym.st_value ||
		    s->sym.st_size != prev->sym.st_size) {
			pad = kmend_arch_call_padding(s);
			off = kmend_section_append(sec->out,
					kmend_bytes(sec, s->sym.st_value - pad),
					pad + s->sym.st_size, sec->sh.sh_addralign);
			if (off < 0)
				return -1;
			off += pad;
			prev = s;
		}
		if (!kmend_copy_symbol(d, s, off))
			return -1;
	}
	return 0;
}

/* Kept entries of a special section, or kept pieces of a cut one. */
static int kmend_lay_out_pieces(struct kmend_diff *d, struct kmend_section *sec)
{
	GElf_Addr start, len;
	size_t i;
	long off;

	if (!sec->cut_out) {
		sec->cut_out = kmend_zalloc(sec->nr_entries * sizeof(GElf_Addr));
		if (!sec->cut_out)
			return -1;
	}
	for (i = 0; i < sec->nr_entries; i++) {
		if (!sec->kept[i])
			continue;
		if (!kmend_out_section(d, sec))
			return -1;
		start = sec->cuts ? sec->cuts[i] : i * sec->special->entry_size;
		len = sec->cuts ? sec->cuts[i + 1] - start :
				  sec->special->entry_size;
		off = kmend_section_append(sec->out, kmend_bytes(sec, start),
					   len, 1);
		if (off < 0)
			return -1;
		sec->cut_out[i] = off;
	}
	return 0;
}

static int kmend_lay_out(struct kmend_diff *d)
{
	struct kmend_section *sec;
	size_t i;
	int ret;

	kmend_for_each_sec(d->patched, sec, i) {
		if (sec->include)
			ret = kmend_lay_out_whole(d, sec);
		else if (sec->kept)
			ret = kmend_lay_out_pieces(d, sec);
		else
			ret = kmend_lay_out_symbols(d, sec);
		if (ret)
			return -1;
	}
	return 0;
}

/* Where byte @off of included anonymous bytes of @sec went. */
static GElf_Addr kmend_out_offset(const struct kmend_section *sec,
				  GElf_Addr off)
{
	size_t i;

	if (sec->include)
		return sec->out_base + off;
	i = kmend_cut_piece(sec, off);
	return sec->cut_out[i] + off - sec->cuts[i];
}

static int kmend_emit_reloc(struct kmend_diff *d, struct kmend_section *osec,
			    GElf_Addr offset, struct kmend_reloc *r)
{
	struct kmend_symbol *t = r->target, *sym;
	GElf_Sxword addend = r->taddend;

	if (!kmend_target_is_included(r)) {
		sym = kmend_external_symbol(d, t);
		if (!sym)
			return -1;
		if (kmend_is_module_klp_symbol(sym) &&
		    (!strcmp(r->sec->name, "__jump_table") ||
		     !strcmp(r->sec->name, ".static_call_sites")))
			kmend_refuse(d, "a jump label or static call of included "
				     "code uses %s of module %s, which a patch "
				     "cannot reach before the module's own "
				     "sites are set up", t->name, d->objname);
	} else if (kmend_is_section_sym(t)) {
		sym = t->sec->out->secsym;
		addend = kmend_out_offset(t->sec, kmend_reloc_toff(r)) - r->bias;
	} else {
		sym = t->out;
	}
	return kmend_add_reloc(osec, offset, r->type, sym, addend);
}

static int kmend_emit_range(struct kmend_diff *d, struct kmend_section *sec,
			    GElf_Addr start, GElf_Addr len, GElf_Addr out)
{
	struct kmend_reloc *r;

	kmend_for_each_reloc_in(sec, r, start, len) {
		if (kmend_arch_reloc_is_none(r->type))
			continue;
		if (kmend_emit_reloc(d, sec->out, out + r->offset - start, r))
			return -1;
	}
	return 0;
}

static int kmend_emit_relocs(struct kmend_diff *d, struct kmend_section *sec)
{
	struct kmend_symbol *s;
	GElf_Addr size;
	size_t i;

	if (sec->include)
		return kmend_emit_range(d, sec, 0, sec->sh.sh_size,
					sec->out_base);
	for (i = 0; sec->kept && i < sec->nr_entries; i++) {
		if (!sec->kept[i])
			continue;
		size = sec->cuts ? sec->cuts[i + 1] - sec->cuts[i] :
				   sec->special->entry_size;
		if (kmend_emit_range(d, sec, sec->cuts ? sec->cuts[i] :
				     i * size, size, sec->cut_out[i]))
			return -1;
	}
	kmend_for_each_sym_in_sec(sec, s, i) {
		if (!s->include || (i && sec->syms[i - 1]->include &&
				    sec->syms[i - 1]->sym.st_value == s->sym.st_value))
			continue;
		if (kmend_emit_range(d, sec, s->sym.st_value, s->sym.st_size,
				     s->out->sym.st_value))
			return -1;
	}
	return 0;
}

static int kmend_add_alias(struct kmend_diff *d, struct kmend_symbol *s)
{
	char *name = kmend_asprintf("__kmend_%s_%u", d->tag, d->nr_aliases++);
	struct kmend_symbol *a;

	if (!name)
		return -1;
	a = kmend_add_symbol(d->out, name, STB_GLOBAL, STT_FUNC, s->out->sec,
			     s->out->sym.st_value, s->out->sym.st_size);
	s->alias = a ? a->name : NULL;
	free(name);
	return a ? 0 : -1;
}

static int kmend_add_aliases(struct kmend_diff *d)
{
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(d->patched, s, i) {
		if (!s->include || !kmend_is_func(s) || s->parent)
			continue;
		if ((s->status == KMEND_CHANGED || s->callback) &&
		    kmend_add_alias(d, s))
			return -1;
	}
	return 0;
}

int kmend_emit(struct kmend_diff *d, const char *path)
{
	struct kmend_section *sec;
	size_t i;

	d->out = kmend_elf_create(path, d->patched);
	if (!d->out || kmend_lay_out(d) || kmend_add_aliases(d))
		return -1;
	kmend_for_each_sec(d->patched, sec, i)
		if (sec->out && kmend_emit_relocs(d, sec))
			return -1;
	return 0;
}
