// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_special.c - special sections: tables with one entry per site in
 * the code (a WARN, a jump label, an exception fixup, an fentry call...).
 *
 * Each is an array of fixed-size entries; one relocation of each entry
 * (the key) designates the code it is about. The entries about included
 * code are kept, in order, with their relocations; the rest are dropped.
 * The sizes are those of the x86-64 structures; where a kernel line's
 * differ, each has its entry (.kernels).
 */
#include <string.h>
#include "kmend_diff.h"

static struct kmend_symbol *kmend_printk_index_owner(
	const struct kmend_section *sec, GElf_Addr entry);

static const struct kmend_special kmend_specials[] = {
	/* struct bug_entry, relative pointers, with BUGVERBOSE */
	{ .name = "__bug_table",		.entry_size = 12 },
	/* struct jump_entry: code, target, key */
	{ .name = "__jump_table",		.entry_size = 16 },
	/* struct exception_table_entry: insn, fixup, data */
	{ .name = "__ex_table",			.entry_size = 12 },
	/* struct alt_instr: instr, repl, cpuid (u16), lengths */
	{ .name = ".altinstructions",		.entry_size = 12,
	  .kernels = KMEND_LINUX_6_1 },
	/* 6.12: instr, repl, ft_flags (u32: cpuid and flags), lengths */
	{ .name = ".altinstructions",		.entry_size = 14,
	  .kernels = KMEND_LINUX_6_12 },
	/* struct paravirt_patch_site: instr, type, len, aligned to 8; gone
	 * in 6.12 (paravirt calls became alternatives) */
	{ .name = ".parainstructions",		.entry_size = 16,
	  .kernels = KMEND_LINUX_6_1 },
	/* struct static_call_site: addr, key */
	{ .name = ".static_call_sites",		.entry_size = 8 },
	/* s32 offsets written by objtool */
	{ .name = ".return_sites",		.entry_size = 4 },
	{ .name = ".retpoline_sites",		.entry_size = 4 },
	{ .name = ".call_sites",		.entry_size = 4 },
	{ .name = ".kcfi_traps",		.entry_size = 4 },
	{ .name = ".smp_locks",			.entry_size = 4 },
	/* ORC: the ip table says which code, .orc_unwind follows it */
	{ .name = ".orc_unwind_ip",		.entry_size = 4,
	  .paired = ".orc_unwind" },
	{ .name = ".orc_unwind",		.entry_size = 6,
	  .key_offset = KMEND_NO_KEY },
	/* fentry call sites, from -mrecord-mcount or objtool */
	{ .name = "__mcount_loc",		.entry_size = 8 },
	{ .name = "__patchable_function_entries", .entry_size = 8 },
	/* pointers to struct pi_entry, which names its function */
	{ .name = ".printk_index",		.entry_size = 8,
	  .owner = kmend_printk_index_owner, .copy_targets = true },
};

const struct kmend_special *kmend_find_special(const struct kmend_kernel *k,
					       const char *name)
{
	const struct kmend_special *s;
	size_t i;

	for (i = 0; i < KMEND_ARRAY_SIZE(kmend_specials); i++) {
		s = &kmend_specials[i];
		if (!strcmp(name, s->name) && (!s->kernels || (s->kernels & k->bit)))
			return s;
	}
	return NULL;
}

/*
 * A struct pi_entry does not point at code: its func field (offset 8) is
 * __func__, so the owner is the function of that name, preferably one
 * that is included ("show" owns the entries of show and show.isra.0).
 */
static struct kmend_symbol *kmend_printk_index_owner(
	const struct kmend_section *sec, GElf_Addr entry)
{
	struct kmend_reloc *r = kmend_find_reloc(sec, entry), *fr;
	struct kmend_symbol *pi, *f, *found = NULL;
	const char *func;
	size_t i, len;

	if (!r || !kmend_is_sized(r->target))
		return NULL;
	pi = r->target;
	fr = kmend_find_reloc(pi->sec, pi->sym.st_value + r->taddend + 8);
	if (!fr || !fr->target->sec)
		return NULL;
	func = kmend_string_at(fr->target->sec, kmend_reloc_toff(fr) +
			       (kmend_is_section_sym(fr->target) ? 0 :
				fr->target->sym.st_value));
	if (!func)
		return NULL;
	len = strlen(func);
	kmend_for_each_sym(sec->elf, f, i) {
		if (!kmend_is_func(f) || !kmend_is_sized(f) ||
		    strncmp(f->name, func, len) ||
		    (f->name[len] && f->name[len] != '.'))
			continue;
		if (f->include)
			return f;
		found = found ? found : f;
	}
	return found;
}

/* Is the code the entry at @entry is about part of the patch? */
static bool kmend_entry_is_wanted(const struct kmend_section *sec,
				  GElf_Addr entry)
{
	const struct kmend_symbol *owner;
	struct kmend_reloc *r;

	if (sec->special->owner) {
		owner = sec->special->owner(sec, entry);
		return owner && kmend_is_sized(owner) && owner->include;
	}
	r = kmend_find_reloc(sec, entry + sec->special->key_offset);
	return r && kmend_target_is_included(r);
}

static int kmend_alloc_entries(struct kmend_diff *d, struct kmend_section *sec)
{
	unsigned int size = sec->special->entry_size;

	if (sec->kept)
		return 0;
	if (sec->sh.sh_size % size) {
		kmend_err("%s: %s is %lu bytes, not a multiple of its %u-byte "
			  "entries: is this a Linux %s x86-64 object (see --kernel)?",
			  d->patched->path, sec->name,
			  (unsigned long)sec->sh.sh_size, size, d->kernel->name);
		return -1;
	}
	sec->nr_entries = sec->sh.sh_size / size;
	sec->kept = kmend_zalloc(sec->nr_entries);
	return sec->kept ? 0 : -1;
}

static int kmend_keep_entry(struct kmend_diff *d, struct kmend_section *sec,
			    size_t i)
{
	GElf_Addr start = i * sec->special->entry_size;
	struct kmend_reloc *r;
	int ret;

	sec->kept[i] = 1;
	kmend_for_each_reloc_in(sec, r, start, sec->special->entry_size) {
		if (sec->special->copy_targets && kmend_is_sized(r->target) &&
		    kmend_is_object(r->target))
			ret = kmend_include_symbol(d, r->target);
		else
			ret = kmend_include_target(d, r);
		if (ret)
			return -1;
	}
	return 0;
}

/*
 * A patched module's tracepoints and static calls have keys only that
 * module holds, which a patch module cannot reach when the loader sets up
 * its jump labels and static calls. Some entries can go: without its
 * static call site, a call goes through the trampoline, as it would
 * before the kernel rewrote it; without its jump entry, a tracepoint's
 * branch stays as compiled, off, so that tracepoint does not fire from
 * the new code. Other keys stay, and are refused when written out.
 */
static bool kmend_entry_is_droppable(struct kmend_diff *d,
				     const struct kmend_section *sec,
				     GElf_Addr entry)
{
	struct kmend_reloc *r;
	bool calls = !strcmp(sec->name, ".static_call_sites");

	if (!calls && strcmp(sec->name, "__jump_table"))
		return false;
	r = kmend_find_reloc(sec, entry + (calls ? 4 : 8));
	if (!r || kmend_target_is_included(r) ||
	    !kmend_is_module_private(d, r->target))
		return false;
	if (calls) {
		kmend_report(d, "dropped static call site of %s: module %s's key",
			     r->target->name, d->objname);
		return true;
	}
	if (!kmend_starts_with(r->target->name, "__tracepoint_"))
		return false;
	kmend_warn("%s: tracepoint %s of module %s does not fire from the "
		   "patch's code", d->patched->path,
		   r->target->name + strlen("__tracepoint_"), d->objname);
	kmend_report(d, "dropped jump label of tracepoint %s",
		     r->target->name);
	return true;
}

static int kmend_filter_special(struct kmend_diff *d, struct kmend_section *sec,
				bool *added)
{
	struct kmend_section *paired;
	size_t i;
	GElf_Addr entry;

	if (kmend_alloc_entries(d, sec))
		return -1;
	for (i = 0; i < sec->nr_entries; i++) {
		entry = i * sec->special->entry_size;
		if (sec->kept[i] || !kmend_entry_is_wanted(sec, entry))
			continue;
		if (sec->dropped && sec->dropped[i])
			continue;
		if (kmend_entry_is_droppable(d, sec, entry)) {
			if (!sec->dropped)
				sec->dropped = kmend_zalloc(sec->nr_entries);
			if (!sec->dropped)
				return -1;
			sec->dropped[i] = 1;
			continue;
		}
		if (kmend_keep_entry(d, sec, i))
			return -1;
		*added = true;
	}
	if (!sec->special->paired)
		return 0;
	paired = kmend_find_section(d->patched, sec->special->paired);
	if (!paired || !paired->special)
		return 0;
	if (kmend_alloc_entries(d, paired))
		return -1;
	if (paired->nr_entries != sec->nr_entries) {
		kmend_err("%s: %s has %zu entries but %s has %zu",
			  d->patched->path, sec->name, sec->nr_entries,
			  paired->name, paired->nr_entries);
		return -1;
	}
	memcpy(paired->kept, sec->kept, sec->nr_entries);
	return 0;
}

int kmend_include_special_entries(struct kmend_diff *d, bool *added)
{
	struct kmend_section *sec;
	size_t i;

	*added = false;
	kmend_for_each_sec(d->patched, sec, i) {
		if (!(sec->flags & KMEND_SEC_SPECIAL) ||
		    sec->special->key_offset == KMEND_NO_KEY)
			continue;
		if (kmend_filter_special(d, sec, added))
			return -1;
	}
	return 0;
}
