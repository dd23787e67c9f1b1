// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-elfdump - print a relocatable object as lines that tests can grep:
 *
 *	section <name> <size> <entries of 'entsize' or 0>
 *	symbol <name> <local|global|weak> <func|object|notype> <section|UND|LIVEPATCH>
 *	reloc <section> <symbol>
 *
 * Relocations are listed by the symbol they name, without offsets or
 * addends, so that a test does not depend on code layout.
 */
#include <stdio.h>
#include <string.h>
#include "kmend_elf.h"

static const char *kmend_bind_name(unsigned char bind)
{
	return bind == STB_LOCAL ? "local" : bind == STB_WEAK ? "weak" : "global";
}

static const char *kmend_type_name(unsigned char type)
{
	switch (type) {
	case STT_FUNC: return "func";
	case STT_OBJECT: return "object";
	case STT_SECTION: return "section";
	case STT_FILE: return "file";
	}
	return "notype";
}

static const char *kmend_where(const struct kmend_symbol *s)
{
	if (s->sec)
		return s->sec->name;
	if (s->sym.st_shndx == 0xff20)		/* SHN_LIVEPATCH */
		return "LIVEPATCH";
	return s->sym.st_shndx == SHN_ABS ? "ABS" : "UND";
}

int main(int argc, char **argv)
{
	struct kmend_section *sec;
	struct kmend_symbol *s;
	struct kmend_reloc *r;
	struct kmend_elf *elf;
	size_t i;

	kmend_prog = "kmend-elfdump";
	if (argc != 2) {
		fprintf(stderr, "usage: kmend-elfdump OBJECT\n");
		return 1;
	}
	elf = kmend_elf_open(argv[1]);
	if (!elf)
		return 1;
	kmend_for_each_sec(elf, sec, i) {
		if (kmend_is_rela_sec(sec) || sec->sh.sh_type == SHT_SYMTAB ||
		    sec->sh.sh_type == SHT_STRTAB)
			continue;
		printf("section %s %lu %lu\n", sec->name,
		       (unsigned long)sec->sh.sh_size,
		       (unsigned long)(sec->sh.sh_entsize ?
				       sec->sh.sh_size / sec->sh.sh_entsize : 0));
	}
	kmend_for_each_sym(elf, s, i)
		if (!kmend_is_section_sym(s) && s->type != STT_FILE && *s->name)
			printf("symbol %s %s %s %s\n", s->name,
			       kmend_bind_name(s->bind), kmend_type_name(s->type),
			       kmend_where(s));
	kmend_for_each_sec(elf, sec, i)
		kmend_for_each_reloc(sec, r)
			printf("reloc %s %s\n", sec->name, r->sym->name);
	kmend_elf_close(elf);
	return 0;
}
