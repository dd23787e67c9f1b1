// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_ibt.c - sealed ENDBR (CONFIG_X86_KERNEL_IBT).
 *
 * objtool lists in .ibt_endbr_seal every function of vmlinux whose
 * address is never taken; at boot, on a CPU with IBT, the kernel
 * overwrites their ENDBR64, so an indirect call or jump to one raises a
 * control-protection fault (#CP). A patch's new code that takes such a
 * function's address (a callback, an ops table) would do exactly that:
 * refused, naming the function. Direct calls and jumps need no ENDBR.
 *
 * vmlinux lists the sealed set as s32 offsets to final addresses. A
 * module's .ko, an object the module loader seals when it loads, lists it
 * in the relocations of its own .ibt_endbr_seal: a section and an offset
 * in it, which is also how the target knows a module's symbols.
 */
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include "kmend_arch.h"
#include "kmend_diff.h"
#include "kmend_target.h"

struct kmend_sealed {
	uint64_t *addr;		/* sorted; a module's: kmend_ko_key() */
	size_t nr;
};

/* Where a module's function lies: its section of the .ko and offset. */
static uint64_t kmend_ko_key(size_t shndx, uint64_t off)
{
	return (uint64_t)shndx << 40 | off;
}

static int kmend_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sealed set of the target's vmlinux; empty without IBT. */
static int kmend_load_sealed_vmlinux(const struct kmend_target *t,
				     struct kmend_sealed *s)
{
	Elf_Scn *scn = NULL;
	Elf_Data *data;
	GElf_Shdr sh;
	size_t shstrndx, i;
	const char *name;
	int32_t v;

	if (elf_getshdrstrndx(t->image, &shstrndx)) {
		kmend_err_elf(t->image_path, "elf_getshdrstrndx");
		return -1;
	}
	while ((scn = elf_nextscn(t->image, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS)
			continue;
		name = elf_strptr(t->image, shstrndx, sh.sh_name);
		if (!name || strcmp(name, ".ibt_endbr_seal"))
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || data->d_size != sh.sh_size || sh.sh_size % 4) {
			kmend_err("%s: .ibt_endbr_seal: unreadable, or not s32 "
				  "entries", t->image_path);
			return -1;
		}
		s->nr = sh.sh_size / 4;
		s->addr = kmend_zalloc(s->nr * sizeof(*s->addr) + 1);
		if (!s->addr)
			return -1;
		for (i = 0; i < s->nr; i++) {
			memcpy(&v, (char *)data->d_buf + i * 4, 4);
			s->addr[i] = sh.sh_addr + i * 4 + (int64_t)v;
		}
		qsort(s->addr, s->nr, sizeof(*s->addr), kmend_cmp_u64);
		return 0;
	}
	return 0;
}

/* The sealed set of a module's .ko, from .rela.ibt_endbr_seal. */
static int kmend_load_sealed_ko(const struct kmend_target *t,
				struct kmend_sealed *s)
{
	const struct kmend_section *sec = kmend_find_section(t->ko, ".ibt_endbr_seal");
	const struct kmend_reloc *r;
	uint64_t off;

	if (!sec || !sec->nr_relocs)
		return 0;
	s->addr = kmend_zalloc(sec->nr_relocs * sizeof(*s->addr));
	if (!s->addr)
		return -1;
	kmend_for_each_reloc(sec, r) {
		off = r->sym && r->sym->sec ? r->sym->sym.st_value + r->addend : 0;
		if (!r->sym || !r->sym->sec || r->addend < 0 ||
		    off >= r->sym->sec->sh.sh_size) {
			kmend_err("%s: .ibt_endbr_seal entry at %#llx points "
				  "outside any section", t->image_path,
				  (unsigned long long)r->offset);
			return -1;
		}
		s->addr[s->nr++] = kmend_ko_key(r->sym->sec->idx, off);
	}
	qsort(s->addr, s->nr, sizeof(*s->addr), kmend_cmp_u64);
	return 0;
}

static bool kmend_is_sealed(const struct kmend_sealed *s, uint64_t addr)
{
	return s->nr && bsearch(&addr, s->addr, s->nr, sizeof(addr), kmend_cmp_u64);
}

/* Does @r of included bytes take the address of a sealed function? */
static void kmend_check_reference(struct kmend_diff *d,
				  const struct kmend_sealed *sealed,
				  const struct kmend_symbol *user,
				  const struct kmend_reloc *r)
{
	const struct kmend_symbol *t = r->target;
	const struct kmend_tsym *ts;
	uint64_t where;

	if (kmend_arch_reloc_is_branch(r) || kmend_arch_reloc_is_none(r->type) ||
	    (t->sec && (!kmend_is_func(t) || t->include)) || kmend_reloc_toff(r))
		return;
	ts = kmend_func_in_target(d, t->twin ? t->twin : t);
	if (!ts)
		return;
	where = d->target->ko ? kmend_ko_key(ts->shndx, ts->addr) : ts->addr;
	if (!kmend_is_sealed(sealed, where))
		return;
	kmend_refuse(d, "%s takes the address of %s, whose ENDBR the kernel "
		     "seals (%s never takes its address): an indirect call "
		     "to it faults (#CP) on a CPU with IBT", user->name, t->name,
		     d->target->objname);
}

int kmend_check_sealed_endbr(struct kmend_diff *d)
{
	struct kmend_sealed sealed = { 0 };
	struct kmend_symbol *s;
	struct kmend_reloc *r;
	size_t i;

	if (!d->target)
		return 0;
	if (d->target->ko ? kmend_load_sealed_ko(d->target, &sealed) :
	    d->target->image ? kmend_load_sealed_vmlinux(d->target, &sealed) : 0)
		goto fail;
	kmend_for_each_sym(d->patched, s, i) {
		if (!s->include || !kmend_is_sized(s) || (s->sec->flags & KMEND_SEC_SPECIAL))
			continue;
		kmend_for_each_reloc_in(s->sec, r, s->sym.st_value, s->sym.st_size)
			kmend_check_reference(d, &sealed, s, r);
	}
	free(sealed.addr);
	return 0;
fail:
	free(sealed.addr);
	return -1;
}
