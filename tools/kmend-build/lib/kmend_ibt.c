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
 * Only vmlinux is checked (its image lists the sealed set, and its
 * addresses are final); a module's .ko is not yet.
 */
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include "kmend_arch.h"
#include "kmend_diff.h"
#include "kmend_target.h"

struct kmend_sealed {
	uint64_t *addr;		/* sorted */
	size_t nr;
};

static int kmend_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sealed set of the target's vmlinux; empty without IBT. */
static int kmend_load_sealed(const struct kmend_target *t, struct kmend_sealed *s)
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

	if (kmend_arch_reloc_is_branch(r) || kmend_arch_reloc_is_none(r->type) ||
	    (t->sec && (!kmend_is_func(t) || t->include)) || kmend_reloc_toff(r))
		return;
	ts = kmend_func_in_target(d, t->twin ? t->twin : t);
	if (!ts || !kmend_is_sealed(sealed, ts->addr))
		return;
	kmend_refuse(d, "%s takes the address of %s, whose ENDBR the kernel "
		     "seals at boot (vmlinux never takes its address): an "
		     "indirect call to it faults (#CP) on a CPU with IBT",
		     user->name, t->name);
}

int kmend_check_sealed_endbr(struct kmend_diff *d)
{
	struct kmend_sealed sealed = { 0 };
	struct kmend_symbol *s;
	struct kmend_reloc *r;
	size_t i;

	if (!d->target || !d->target->image)
		return 0;
	if (kmend_load_sealed(d->target, &sealed))
		return -1;
	kmend_for_each_sym(d->patched, s, i) {
		if (!s->include || !kmend_is_sized(s) || (s->sec->flags & KMEND_SEC_SPECIAL))
			continue;
		kmend_for_each_reloc_in(s->sec, r, s->sym.st_value, s->sym.st_size)
			kmend_check_reference(d, &sealed, s, r);
	}
	free(sealed.addr);
	return 0;
}
