// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_reloc.c - relocations of generated patches against symbols that
 * are not exported, in the kernel's livepatch module format
 * (Documentation/livepatch/module-elf-format.rst): sections
 * .klp.rela.<object>.<section> flagged SHF_RELA_LIVEPATCH, symbols
 * .klp.sym.<object>.<name>,<sympos> in SHN_LIVEPATCH.
 *
 * For a module with MODULE_INFO(livepatch, "Y") the module loader keeps
 * the ELF headers (mod->klp_info) and applies the vmlinux sections itself
 * while loading. The sections of a module object can only be applied once
 * that module is loaded: kmend does it when the object comes, with the
 * kernel's own klp_apply_section_relocs(), and clears the targets when the
 * module goes, since the 6.1 loader refuses to write a non-zero target and
 * the module may come again. Under kmend_mutex.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/elf.h>
#include <linux/module.h>
#include <linux/string.h>
#include "kmend_core.h"
#include "kmend_reloc.h"
#include "kmend_symbols.h"

/* Is section @i of @pmod a livepatch relocation section for @obj? */
static bool kmend_is_obj_rela(struct module *pmod, unsigned int i,
			      struct kmend_object *obj)
{
	struct klp_modinfo *info = pmod->klp_info;
	Elf_Shdr *sec = info->sechdrs + i;
	const char *name = info->secstrings + sec->sh_name;
	size_t len = strlen(obj->name);

	return (sec->sh_flags & SHF_RELA_LIVEPATCH) &&
	       !strncmp(name, ".klp.rela.", 10) &&
	       !strncmp(name + 10, obj->name, len) && name[10 + len] == '.';
}

static bool kmend_has_relocs(struct kmend_patch *patch,
			     struct kmend_object *obj)
{
	return obj->name && patch->mod->klp && patch->mod->klp_info;
}

/**
 * kmend_relocate_object() - apply @obj's relocations, now that it is here
 *
 * Return: 0, or -errno with every section of the object cleared again.
 */
int kmend_relocate_object(struct kmend_patch *patch, struct kmend_object *obj)
{
	struct module *pmod = patch->mod;
	struct klp_modinfo *info = pmod->klp_info;
	unsigned int i;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (!kmend_has_relocs(patch, obj) || obj->relocated)
		return 0;
	obj->relocated = true;
	for (i = 1; i < info->hdr.e_shnum; i++) {
		if (!kmend_is_obj_rela(pmod, i, obj))
			continue;
		ret = kmend_call(klp_apply_section_relocs)(pmod, info->sechdrs,
				info->secstrings, pmod->core_kallsyms.strtab,
				info->symndx, i, obj->name);
		if (ret) {
			pr_err("patch '%s': cannot relocate %s (%d)\n",
			       pmod->name, info->secstrings +
			       info->sechdrs[i].sh_name, ret);
			kmend_unrelocate_object(patch, obj);
			return ret;
		}
	}
	return 0;
}

static unsigned int kmend_reloc_size(unsigned int type)
{
	switch (type) {
	case R_X86_64_64:
	case R_X86_64_PC64:
		return 8;
	case R_X86_64_32:
	case R_X86_64_32S:
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
		return 4;
	}
	return 0;
}

/* Zeroes the targets of one relocation section. Under text_mutex. */
static void kmend_clear_section(struct klp_modinfo *info, unsigned int i)
{
	static const u64 zero;
	Elf_Shdr *sec = info->sechdrs + i;
	Elf_Rela *rela = (Elf_Rela *)sec->sh_addr;
	unsigned int n, size;
	void *loc;

	for (n = 0; n < sec->sh_size / sizeof(*rela); n++) {
		loc = (void *)info->sechdrs[sec->sh_info].sh_addr +
		      rela[n].r_offset;
		size = kmend_reloc_size(ELF64_R_TYPE(rela[n].r_info));
		if (size)
			kmend_call(text_poke)(loc, &zero, size);
	}
}

/**
 * kmend_unrelocate_object() - clear @obj's relocations as its module goes
 *
 * Nothing may run the patch's code for @obj any more: the module it calls
 * into is going.
 */
void kmend_unrelocate_object(struct kmend_patch *patch,
			     struct kmend_object *obj)
{
	struct module *pmod = patch->mod;
	unsigned int i;

	lockdep_assert_held(&kmend_mutex);
	if (!kmend_has_relocs(patch, obj) || !obj->relocated)
		return;
	mutex_lock(kmend_kernel.text_mutex);
	for (i = 1; i < pmod->klp_info->hdr.e_shnum; i++)
		if (kmend_is_obj_rela(pmod, i, obj))
			kmend_clear_section(pmod->klp_info, i);
	kmend_call(text_poke_sync)();
	mutex_unlock(kmend_kernel.text_mutex);
	obj->relocated = false;
}
