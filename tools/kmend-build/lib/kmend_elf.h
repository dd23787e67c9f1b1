/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_elf.h - the ELF layer of kmend build.
 *
 * A relocatable object is read whole into sections, symbols and
 * relocations, indexed by ELF index and by name (hash tables), with loop
 * macros for each container. An object is also built from scratch with the
 * setters (kmend_elf_create(), kmend_add_*) and written with
 * kmend_elf_write(), which writes a temporary file and renames it, so a
 * failure never leaves a half-written object behind.
 *
 * The fields under "the differ's" belong to the object differ
 * (kmend_diff.h); the ELF layer only clears them.
 */
#ifndef _KMEND_ELF_H
#define _KMEND_ELF_H

#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>
#include "kmend_util.h"

struct kmend_elf;
struct kmend_section;
struct kmend_symbol;

enum kmend_status {
	KMEND_UNKNOWN = 0,
	KMEND_SAME,		/* has a twin with equal contents */
	KMEND_CHANGED,		/* has a twin with different contents */
	KMEND_NEW,		/* has no twin */
};

/**
 * struct kmend_reloc - one relocation entry
 * @sec:	the section it applies to (not the .rela section)
 * @offset:	where, in @sec
 * @type:	R_X86_64_*
 * @addend:	as in the file
 * @sym:	the symbol as in the file (often a section symbol)
 * @target:	what it designates: the sized symbol that contains the
 *		referenced byte, or @sym when no such symbol exists
 *		(string sections, anonymous code); set by
 *		kmend_elf_normalize_relocs()
 * @taddend:	the addend relative to @target
 * @bias:	bytes from the addend to the referenced byte: for a
 *		PC-relative field in code, the distance from the field to
 *		the end of its instruction; 0 otherwise. @target + @taddend
 *		+ @bias is the byte the code uses.
 */
struct kmend_reloc {
	struct kmend_section *sec;
	GElf_Addr offset;
	unsigned int type;
	GElf_Sxword addend;
	struct kmend_symbol *sym;
	struct kmend_symbol *target;
	GElf_Sxword taddend;
	int bias;
};

struct kmend_section {
	struct kmend_elf *elf;
	size_t idx;
	const char *name;
	GElf_Shdr sh;
	unsigned char *data;		/* sh_size bytes; NULL if SHT_NOBITS */
	struct kmend_section *base;	/* a .rela section: what it relocates */
	struct kmend_section *rela;	/* its .rela section, if any */
	struct kmend_reloc *relocs;	/* sorted by offset */
	size_t nr_relocs;
	size_t relocs_cap;
	struct kmend_symbol *secsym;	/* its STT_SECTION symbol */
	struct kmend_symbol **syms;	/* its sized FUNC/OBJECT symbols, by
					 * value */
	size_t nr_syms;
	struct kmend_hnode hnode;

	/* the differ's */
	struct kmend_section *twin;
	const struct kmend_special *special;
	unsigned int flags;		/* KMEND_SEC_* (kmend_diff.h) */
	bool include;			/* the whole section goes out */
	unsigned char *kept;		/* special: entries that go out;
					 * cut: pieces that go out */
	unsigned char *dropped;		/* special: entries left out on
					 * purpose (kmend_special.c) */
	size_t nr_entries;
	GElf_Addr *cuts;		/* anonymous code (alternatives): the
					 * offsets code jumps to, splitting it
					 * into pieces; the last is sh_size */
	GElf_Addr *cut_out;		/* where each kept piece went */
	struct kmend_section *out;	/* its copy in the output */
	GElf_Addr out_base;		/* where its bytes start there */
};

struct kmend_symbol {
	struct kmend_elf *elf;
	size_t idx;
	const char *name;
	GElf_Sym sym;
	unsigned char bind, type;
	struct kmend_section *sec;	/* NULL: undefined, absolute, common */
	struct kmend_hnode hnode;

	/* the differ's */
	struct kmend_symbol *twin;
	struct kmend_symbol *parent;	/* foo for foo.cold */
	enum kmend_status status;
	bool include;			/* its bytes go out */
	bool ignore;			/* KMEND_IGNORE_FUNCTION */
	bool callback;			/* named by a callback directive */
	bool has_fentry;
	unsigned long sympos;		/* its position among same-named
					 * symbols of the target, 0: unique */
	const char *alias;		/* global name the generated C uses */
	struct kmend_symbol *out;	/* its copy, or the reference to it,
					 * in the output */
};

struct kmend_elf {
	const char *path;
	int fd;
	Elf *elf;
	GElf_Ehdr ehdr;
	struct kmend_section **secs;	/* by ELF index; [0] is NULL */
	size_t nr_secs;
	struct kmend_symbol **syms;	/* by ELF index */
	size_t nr_syms;
	struct kmend_hash sec_names;
	struct kmend_hash sym_names;
	struct kmend_section *symtab;
	bool created;			/* built by kmend_elf_create() */
};

#define kmend_for_each_sec(elf, sec, i) \
	for (i = 1; i < (elf)->nr_secs && ((sec) = (elf)->secs[i], 1); i++)

#define kmend_for_each_sym(elf, s, i) \
	for (i = 1; i < (elf)->nr_syms && ((s) = (elf)->syms[i], 1); i++)

/* (r && first: no arithmetic on the NULL of a section without any) */
#define kmend_for_each_reloc(sec, r) \
	for (r = (sec)->relocs; r && r < (sec)->relocs + (sec)->nr_relocs; r++)

/* relocations whose field lies in [start, start + len) of their section */
#define kmend_for_each_reloc_in(sec, r, start, len) \
	for (r = kmend_first_reloc_at(sec, start); \
	     r && r < (sec)->relocs + (sec)->nr_relocs && \
	     r->offset < (GElf_Addr)(start) + (len); r++)

#define kmend_for_each_sym_in_sec(sec, s, i) \
	for (i = 0; i < (sec)->nr_syms && ((s) = (sec)->syms[i], 1); i++)

/* predicates */
static inline bool kmend_is_func(const struct kmend_symbol *s)
{
	return s->type == STT_FUNC;
}

static inline bool kmend_is_object(const struct kmend_symbol *s)
{
	return s->type == STT_OBJECT || s->type == STT_TLS;
}

static inline bool kmend_is_section_sym(const struct kmend_symbol *s)
{
	return s->type == STT_SECTION;
}

static inline bool kmend_is_local(const struct kmend_symbol *s)
{
	return s->bind == STB_LOCAL;
}

static inline bool kmend_is_undef(const struct kmend_symbol *s)
{
	return s->sym.st_shndx == SHN_UNDEF && s->idx;
}

/* A symbol that owns a range of bytes: a function or a sized object. */
static inline bool kmend_is_sized(const struct kmend_symbol *s)
{
	return s->sec && (kmend_is_func(s) || kmend_is_object(s)) &&
	       s->sym.st_size;
}

static inline bool kmend_is_rela_sec(const struct kmend_section *sec)
{
	return sec->sh.sh_type == SHT_RELA;
}

static inline bool kmend_is_text_sec(const struct kmend_section *sec)
{
	return sec->sh.sh_flags & SHF_EXECINSTR;
}

static inline bool kmend_is_alloc_sec(const struct kmend_section *sec)
{
	return sec->sh.sh_flags & SHF_ALLOC;
}

static inline bool kmend_is_string_sec(const struct kmend_section *sec)
{
	return (sec->sh.sh_flags & SHF_STRINGS) != 0;
}

static inline bool kmend_is_readonly_sec(const struct kmend_section *sec)
{
	return kmend_is_alloc_sec(sec) && !(sec->sh.sh_flags & SHF_WRITE) &&
	       !kmend_is_text_sec(sec);
}

/* reading */
struct kmend_elf *kmend_elf_open(const char *path);
void kmend_elf_close(struct kmend_elf *elf);
struct kmend_section *kmend_find_section(const struct kmend_elf *elf,
					 const char *name);
struct kmend_symbol *kmend_find_symbol(const struct kmend_elf *elf,
				       const char *name);
struct kmend_symbol *kmend_find_sym_at(const struct kmend_section *sec,
				       GElf_Sxword off);
struct kmend_reloc *kmend_first_reloc_at(const struct kmend_section *sec,
					 GElf_Addr off);
struct kmend_reloc *kmend_find_reloc(const struct kmend_section *sec,
				     GElf_Addr off);
const char *kmend_string_at(const struct kmend_section *sec, GElf_Sxword off);
int kmend_elf_normalize_relocs(struct kmend_elf *elf);

/* the byte a relocation designates, relative to its target */
static inline GElf_Sxword kmend_reloc_toff(const struct kmend_reloc *r)
{
	return (GElf_Addr)r->taddend + r->bias;	/* wraps, never overflows */
}

/* building and writing */
struct kmend_elf *kmend_elf_create(const char *path,
				   const struct kmend_elf *like);
struct kmend_section *kmend_add_section(struct kmend_elf *elf,
					const char *name, GElf_Word type,
					GElf_Xword flags, GElf_Xword align,
					GElf_Xword entsize);
long kmend_section_append(struct kmend_section *sec, const void *data,
			  size_t size, GElf_Xword align);
struct kmend_symbol *kmend_add_symbol(struct kmend_elf *elf,
				      const char *name, unsigned char bind,
				      unsigned char type,
				      struct kmend_section *sec,
				      GElf_Addr value, GElf_Xword size);
int kmend_add_reloc(struct kmend_section *sec, GElf_Addr offset,
		    unsigned int type, struct kmend_symbol *sym,
		    GElf_Sxword addend);
int kmend_elf_write(struct kmend_elf *elf);

#endif /* _KMEND_ELF_H */
