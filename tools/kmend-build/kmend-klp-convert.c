// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-klp-convert - turn a linked patch module's references to
 * ".klp.sym.<obj>.<name>,<pos>" symbols into livepatch relocations.
 *
 *	kmend-klp-convert MODULE.ko
 *
 * kmend-diff writes those references as weak undefined symbols, which
 * kbuild links and modpost lets through. In the linked module, each
 * relocation against one moves from its .rela<sec> section to
 * .klp.rela.<obj>.<sec> (SHT_RELA, SHF_ALLOC | SHF_RELA_LIVEPATCH), and the
 * symbol gets st_shndx SHN_LIVEPATCH (Documentation/livepatch/
 * module-elf-format.rst): the module loader leaves them alone, the
 * kernel's livepatch code (vmlinux) or kmend.ko (modules) applies them.
 *
 * The converted module is written as a new file, every section of the
 * input copied in its place and laid out again by libelf, that replaces
 * the module at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kmend_util.h"

#ifndef SHF_RELA_LIVEPATCH
#define SHF_RELA_LIVEPATCH	0x00100000
#endif
#ifndef SHN_LIVEPATCH
#define SHN_LIVEPATCH		0xff20
#endif

#define KMEND_MAX_OBJS 16

struct kmend_convert {
	const char *path;
	Elf *in;			/* the module as read */
	Elf *elf;			/* the converted copy, written */
	size_t shstrndx;
	Elf_Scn *symtab;
	Elf_Data *syms;
	size_t strtab;
	char *new_names;		/* appended to .shstrtab */
	size_t new_names_len;
	size_t old_shstr_len;
	unsigned int nr_moved;
	const char *converted;		/* a .klp.rela section it has already */
	off_t file_size;
	void **bufs;			/* data libelf writes from, freed after */
	size_t nr_bufs;
};

/* @buf lives until the file is written, then kmend_convert_free frees it. */
static int kmend_keep(struct kmend_convert *c, void *buf)
{
	void **bufs = kmend_realloc_array(c->bufs, c->nr_bufs + 1,
					  sizeof(*bufs));

	if (!bufs) {
		free(buf);
		return -1;
	}
	c->bufs = bufs;
	c->bufs[c->nr_bufs++] = buf;
	return 0;
}

static void kmend_convert_free(struct kmend_convert *c)
{
	if (c->elf)
		elf_end(c->elf);
	if (c->in)
		elf_end(c->in);
	while (c->nr_bufs)
		free(c->bufs[--c->nr_bufs]);
	free(c->bufs);
	free(c->new_names);
}

/*
 * *@obj = "vmlinux" for ".klp.sym.vmlinux.foo,0", NULL for other symbols.
 * Relocation @i of @rela names the symbol; an index beyond the symbol
 * table is an error, not "no livepatch symbol".
 */
static int kmend_klp_objname(struct kmend_convert *c, const char *rela,
			     size_t i, size_t symidx, char **obj)
{
	const char *name, *start, *dot;
	GElf_Sym sym;

	*obj = NULL;
	if (!gelf_getsym(c->syms, symidx, &sym)) {
		kmend_err("%s: section %s: relocation %zu names symbol %zu, "
			  "beyond the symbol table", c->path, rela, i, symidx);
		return -1;
	}
	name = elf_strptr(c->elf, c->strtab, sym.st_name);
	if (!name) {
		kmend_err_elf(c->path, "elf_strptr");
		return -1;
	}
	if (!kmend_starts_with(name, ".klp.sym."))
		return 0;
	start = name + strlen(".klp.sym.");
	dot = strchr(start, '.');
	if (!dot) {
		kmend_err("%s: section %s: relocation %zu: symbol %s names no "
			  "object", c->path, rela, i, name);
		return -1;
	}
	*obj = strndup(start, dot - start);
	if (!*obj) {
		kmend_err("%s: out of memory", c->path);
		return -1;
	}
	return 0;
}

static long kmend_add_name(struct kmend_convert *c, const char *name)
{
	size_t n = strlen(name) + 1;
	char *p = realloc(c->new_names, c->new_names_len + n);
	long off;

	if (!p) {
		kmend_err("%s: out of memory", c->path);
		return -1;
	}
	c->new_names = p;
	memcpy(p + c->new_names_len, name, n);
	off = c->old_shstr_len + c->new_names_len;
	c->new_names_len += n;
	return off;
}

static int kmend_new_klp_rela(struct kmend_convert *c, const char *obj,
			      size_t target, const char *target_name,
			      GElf_Rela *relas, size_t nr)
{
	char *name = kmend_asprintf(".klp.rela.%s.%s", obj, target_name);
	Elf_Scn *scn = elf_newscn(c->elf);
	Elf_Data *d;
	GElf_Shdr sh = {
		.sh_type = SHT_RELA,
		.sh_flags = SHF_ALLOC | SHF_INFO_LINK | SHF_RELA_LIVEPATCH,
		.sh_link = elf_ndxscn(c->symtab),
		.sh_info = target,
		.sh_addralign = 8,
		.sh_entsize = sizeof(Elf64_Rela),
	};
	long off;
	size_t i;

	if (!name || !scn || !(d = elf_newdata(scn))) {
		kmend_err_elf(c->path, "elf_newscn");
		return -1;
	}
	off = kmend_add_name(c, name);
	free(name);
	if (off < 0)
		return -1;
	sh.sh_name = off;
	d->d_type = ELF_T_RELA;
	d->d_size = nr * sizeof(Elf64_Rela);
	d->d_buf = kmend_zalloc(d->d_size);
	d->d_align = 8;
	if (!d->d_buf || kmend_keep(c, d->d_buf))
		return -1;
	for (i = 0; i < nr; i++)
		if (!gelf_update_rela(d, i, &relas[i])) {
			kmend_err_elf(c->path, "gelf_update_rela");
			return -1;
		}
	if (!gelf_update_shdr(scn, &sh)) {
		kmend_err_elf(c->path, "gelf_update_shdr");
		return -1;
	}
	return 0;
}

/* The objects named by the entries, at most KMEND_MAX_OBJS of them. */
static int kmend_collect_objs(char **objnames, size_t n, char **objs,
			      size_t *nr_objs)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!objnames[i])
			continue;
		for (j = 0; j < *nr_objs && strcmp(objs[j], objnames[i]); j++)
			;
		if (j < *nr_objs)
			continue;
		if (*nr_objs == KMEND_MAX_OBJS) {
			kmend_err("more than %d objects in livepatch relocations",
				  KMEND_MAX_OBJS);
			return -1;
		}
		objs[(*nr_objs)++] = objnames[i];
	}
	return 0;
}

/*
 * The bytes x86-64 relocation @r patches lie in @tsh, its target section:
 * neither the module loader nor kmend.ko checks before writing them.
 */
static int kmend_check_reloc_offset(struct kmend_convert *c, const char *name,
				    size_t i, const GElf_Rela *r,
				    const GElf_Shdr *tsh)
{
	unsigned int type = GELF_R_TYPE(r->r_info);
	GElf_Xword width = type == R_X86_64_NONE ? 0 :
			   type == R_X86_64_64 || type == R_X86_64_PC64 ? 8 : 4;

	if (tsh->sh_size >= width && r->r_offset <= tsh->sh_size - width)
		return 0;
	kmend_err("%s: section %s: relocation %zu patches %llu bytes at %#llx, "
		  "outside the %#llx bytes of the section it relocates",
		  c->path, name, i, (unsigned long long)width,
		  (unsigned long long)r->r_offset,
		  (unsigned long long)tsh->sh_size);
	return -1;
}

/*
 * The entries of .rela section @name, with the object each livepatch entry
 * is for (NULL for the others), and the name of the section it relocates.
 * A section that cannot be read fails the conversion: skipping it would
 * leave its livepatch references to be resolved as address 0.
 */
static int kmend_read_rela(struct kmend_convert *c, const char *name,
			   Elf_Data *d, const GElf_Shdr *sh, GElf_Rela *all,
			   char **objnames, const char **target_name)
{
	size_t n = sh->sh_size / sizeof(Elf64_Rela), i, nr_secs;
	GElf_Shdr tsh;

	if (elf_getshdrnum(c->elf, &nr_secs) || !sh->sh_info ||
	    sh->sh_info >= nr_secs ||
	    !gelf_getshdr(elf_getscn(c->elf, sh->sh_info), &tsh) ||
	    !(*target_name = elf_strptr(c->elf, c->shstrndx, tsh.sh_name))) {
		kmend_err("%s: section %s: relocates section %u, which cannot be "
			  "read", c->path, name, sh->sh_info);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!gelf_getrela(d, i, &all[i])) {
			kmend_err("%s: section %s: relocation %zu: gelf_getrela: %s",
				  c->path, name, i, elf_errmsg(-1));
			return -1;
		}
		if (kmend_check_reloc_offset(c, name, i, &all[i], &tsh) ||
		    kmend_klp_objname(c, name, i, GELF_R_SYM(all[i].r_info),
				      &objnames[i]))
			return -1;
	}
	return 0;
}

/*
 * The data of .rela section @scn, whole entries against the symbol table,
 * or NULL: its size bounds the allocations that follow by the file's.
 */
static Elf_Data *kmend_rela_data(struct kmend_convert *c, Elf_Scn *scn,
				 const GElf_Shdr *sh, const char *name)
{
	Elf_Data *d = elf_getdata(scn, NULL);

	if (sh->sh_link != elf_ndxscn(c->symtab)) {
		kmend_err("%s: section %s: its symbol table is section %u, not "
			  "%zu", c->path, name, sh->sh_link, elf_ndxscn(c->symtab));
		return NULL;
	}
	/* whole entries: kmend_check_rela_size */
	if (!d || d->d_size != sh->sh_size) {
		kmend_err("%s: section %s: cannot read its relocations (%#llx "
			  "bytes): %s", c->path, name,
			  (unsigned long long)sh->sh_size, elf_errmsg(-1));
		return NULL;
	}
	return d;
}

/*
 * Split one .rela section: livepatch entries go, grouped by object, to
 * new .klp.rela sections; the others stay, in order.
 */
static int kmend_split_rela(struct kmend_convert *c, Elf_Scn *scn,
			    GElf_Shdr *sh)
{
	size_t n = sh->sh_size / sizeof(Elf64_Rela), i, j, kept = 0, nr;
	const char *name = elf_strptr(c->elf, c->shstrndx, sh->sh_name);
	char **objnames = NULL, *objs[KMEND_MAX_OBJS];
	GElf_Rela *all = NULL, *group = NULL;
	const char *target_name;
	size_t nr_objs = 0;
	int ret = -1;
	Elf_Data *d;

	if (!name)
		name = "(unnamed)";
	d = kmend_rela_data(c, scn, sh, name);
	if (!d)
		return -1;
	all = kmend_zalloc(n * sizeof(*all));
	group = kmend_zalloc(n * sizeof(*group));
	objnames = kmend_zalloc(n * sizeof(*objnames));
	if (!all || !group || !objnames ||
	    kmend_read_rela(c, name, d, sh, all, objnames, &target_name) ||
	    kmend_collect_objs(objnames, n, objs, &nr_objs))
		goto out;
	/*
	 * Converted before, and references left to convert: libelf 0.188
	 * writes past its section header table when sections are added to
	 * such a file (found by tests/fuzz), and kmend-build never asks.
	 */
	if (nr_objs && c->converted) {
		kmend_err("%s: section %s: the module was converted before, yet "
			  "references to convert are left in %s", c->path,
			  c->converted, target_name);
		goto out;
	}
	for (j = 0; j < nr_objs; j++) {
		for (i = nr = 0; i < n; i++)
			if (objnames[i] && !strcmp(objnames[i], objs[j]))
				group[nr++] = all[i];
		if (kmend_new_klp_rela(c, objs[j], sh->sh_info, target_name,
				       group, nr))
			goto out;
		c->nr_moved += nr;
	}
	for (i = 0; nr_objs && i < n; i++)
		if (!objnames[i] && !gelf_update_rela(d, kept++, &all[i])) {
			kmend_err_elf(c->path, "gelf_update_rela");
			goto out;
		}
	if (nr_objs) {
		d->d_size = kept * sizeof(Elf64_Rela);
		elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	}
	ret = 0;
out:
	for (i = 0; objnames && i < n; i++)
		free(objnames[i]);
	free(objnames);
	free(all);
	free(group);
	return ret;
}

/*
 * The offset in @name of the name a livepatch symbol keeps: the inner one
 * of ".klp.sym.<module>..klp.sym.<provider>.<name>,<pos>", which must be
 * another module's, or all of it.
 */
static int kmend_klp_name_offset(struct kmend_convert *c, const char *name,
				 size_t *off)
{
	static const char prefix[] = ".klp.sym.";
	const char *obj = name + strlen(prefix), *dot = strchr(obj, '.');
	const char *inner = dot ? dot + 1 : obj, *iobj, *idot;

	*off = 0;
	if (!kmend_starts_with(inner, prefix))
		return 0;
	iobj = inner + strlen(prefix);
	idot = strchr(iobj, '.');
	if ((size_t)(dot - obj) == strlen("vmlinux") &&
	    !strncmp(obj, "vmlinux", dot - obj)) {
		kmend_err("%s: symbol %s: vmlinux's relocations name another "
			  "object's symbol", c->path, name);
		return -1;
	}
	if (!idot || idot == iobj || kmend_starts_with(iobj, "vmlinux.") ||
	    kmend_starts_with(idot + 1, prefix)) {
		kmend_err("%s: symbol %s: names no module's symbol after "
			  "\"%.*s.\"", c->path, name, (int)(dot - name), name);
		return -1;
	}
	*off = inner - name;
	return 0;
}

/*
 * Every .klp.sym. symbol becomes a livepatch symbol, named as the kernel
 * reads it. Return: how many, or -1.
 */
static long kmend_mark_symbols(struct kmend_convert *c)
{
	size_t i, n = c->syms->d_size / sizeof(Elf64_Sym), off;
	unsigned int marked = 0;
	const char *name;
	GElf_Sym sym;

	for (i = 1; i < n; i++) {
		if (!gelf_getsym(c->syms, i, &sym))
			continue;
		name = elf_strptr(c->elf, c->strtab, sym.st_name);
		if (!name || !kmend_starts_with(name, ".klp.sym.") ||
		    sym.st_shndx == SHN_LIVEPATCH)
			continue;
		if (kmend_klp_name_offset(c, name, &off))
			return -1;
		sym.st_name += off;
		sym.st_shndx = SHN_LIVEPATCH;
		sym.st_info = GELF_ST_INFO(STB_GLOBAL, GELF_ST_TYPE(sym.st_info));
		gelf_update_sym(c->syms, i, &sym);
		marked++;
	}
	if (marked)
		elf_flagdata(c->syms, ELF_C_SET, ELF_F_DIRTY);
	return marked;
}

static int kmend_find_symtab(struct kmend_convert *c)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(c->elf, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		c->symtab = scn;
		c->syms = elf_getdata(scn, NULL);
		c->strtab = sh.sh_link;
		if (c->syms)
			return 0;
		kmend_err_elf(c->path, "elf_getdata(.symtab)");
		return -1;
	}
	kmend_err("%s: no symbol table", c->path);
	return -1;
}

static int kmend_split_all(struct kmend_convert *c)
{
	size_t i, nr_secs;
	Elf_Scn *scn;
	GElf_Shdr sh;

	if (elf_getshdrnum(c->elf, &nr_secs)) {
		kmend_err_elf(c->path, "elf_getshdrnum");
		return -1;
	}
	for (i = 1; i < nr_secs; i++) {	/* not the sections added meanwhile */
		scn = elf_getscn(c->elf, i);
		if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
		    (sh.sh_flags & SHF_RELA_LIVEPATCH))
			continue;
		if (kmend_split_rela(c, scn, &sh))
			return -1;
	}
	return 0;
}

/* The new section names go at the end of .shstrtab. */
static int kmend_grow_shstrtab(struct kmend_convert *c)
{
	Elf_Scn *scn = elf_getscn(c->elf, c->shstrndx);
	Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;
	char *buf;

	if (!c->new_names_len)
		return 0;
	if (!d) {
		kmend_err_elf(c->path, "elf_getdata(.shstrtab)");
		return -1;
	}
	buf = kmend_zalloc(d->d_size + c->new_names_len);
	if (!buf || kmend_keep(c, buf))
		return -1;
	memcpy(buf, d->d_buf, d->d_size);
	memcpy(buf + d->d_size, c->new_names, c->new_names_len);
	d->d_buf = buf;
	d->d_size += c->new_names_len;
	elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	return 0;
}

/* The largest alignment taken, as kmend-diff's (kmend_elf.c). */
#define KMEND_MAX_ALIGN 0x200000

/*
 * Section 0 is null but for extended numbering (its sh_size holds the
 * section count when e_shnum is 0, its sh_link the string table's index
 * when e_shstrndx is SHN_XINDEX): libelf writes past its buffers when
 * rewriting a file whose section 0 has contents.
 */
static int kmend_check_null_section(struct kmend_convert *c)
{
	GElf_Ehdr eh;
	GElf_Shdr sh;

	if (!gelf_getehdr(c->in, &eh) ||
	    !gelf_getshdr(elf_getscn(c->in, 0), &sh)) {
		kmend_err_elf(c->path, "gelf_getshdr(0)");
		return -1;
	}
	if (!sh.sh_name && sh.sh_type == SHT_NULL && !sh.sh_flags &&
	    !sh.sh_addr && !sh.sh_offset && !sh.sh_info && !sh.sh_addralign &&
	    !sh.sh_entsize && (!sh.sh_size || !eh.e_shnum) &&
	    (!sh.sh_link || eh.e_shstrndx == SHN_XINDEX))
		return 0;
	kmend_err("%s: section 0 is not the null section", c->path);
	return -1;
}

/* libelf reads no partial entry: say so, before copying the section fails. */
static int kmend_check_rela_size(struct kmend_convert *c, const char *name,
				 const GElf_Shdr *sh)
{
	if (sh->sh_type != SHT_RELA || !(sh->sh_size % sizeof(Elf64_Rela)))
		return 0;
	kmend_err("%s: section %s: cannot read its relocations (%#llx bytes): "
		  "not whole entries", c->path, name,
		  (unsigned long long)sh->sh_size);
	return -1;
}

/*
 * libelf lays the converted file out again, padding each section to its
 * alignment: a malformed one (4 GiB) would write a file that large. The
 * other checks (found by tests/fuzz, when the module was rewritten in place
 * with ELF_C_RDWR, which made libelf write past its buffers) give each
 * malformed header its own message rather than libelf's.
 */
static int kmend_check_sections(struct kmend_convert *c)
{
	Elf_Scn *scn = NULL;
	const char *name;
	size_t nr_secs;
	GElf_Shdr sh;

	if (kmend_check_null_section(c))
		return -1;
	if (elf_getshdrnum(c->in, &nr_secs)) {
		kmend_err_elf(c->path, "elf_getshdrnum");
		return -1;
	}
	while ((scn = elf_nextscn(c->in, scn))) {
		if (!gelf_getshdr(scn, &sh)) {
			kmend_err_elf(c->path, "gelf_getshdr");
			return -1;
		}
		name = elf_strptr(c->in, c->shstrndx, sh.sh_name);
		if (!name || sh.sh_link >= nr_secs ||
		    (sh.sh_type == SHT_NULL && (sh.sh_size || sh.sh_offset))) {
			kmend_err("%s: section %zu: %s", c->path, elf_ndxscn(scn),
				  !name ? "its name is outside .shstrtab" :
				  sh.sh_link >= nr_secs ? "links to no section" :
				  "SHT_NULL with contents");
			return -1;
		}
		if (kmend_check_rela_size(c, name, &sh))
			return -1;
		if (sh.sh_flags & SHF_RELA_LIVEPATCH)
			c->converted = name;
		if (sh.sh_type != SHT_NOBITS &&
		    (sh.sh_offset > (GElf_Off)c->file_size ||
		     sh.sh_size > (GElf_Off)c->file_size - sh.sh_offset)) {
			kmend_err("%s: section %s: its %#llx bytes at %#llx lie "
				  "outside the file (%#llx bytes)", c->path, name,
				  (unsigned long long)sh.sh_size,
				  (unsigned long long)sh.sh_offset,
				  (unsigned long long)c->file_size);
			return -1;
		}
		if (!(sh.sh_addralign & (sh.sh_addralign - 1)) &&
		    sh.sh_addralign <= KMEND_MAX_ALIGN)
			continue;
		kmend_err("%s: section %s: alignment %#llx is not a power of two "
			  "up to %#x", c->path, name,
			  (unsigned long long)sh.sh_addralign, KMEND_MAX_ALIGN);
		return -1;
	}
	return 0;
}

static int kmend_copy_ehdr(struct kmend_convert *c, const GElf_Ehdr *in)
{
	GElf_Ehdr eh;

	if (!gelf_newehdr(c->elf, ELFCLASS64) || !gelf_getehdr(c->elf, &eh)) {
		kmend_err_elf(c->path, "gelf_newehdr");
		return -1;
	}
	eh.e_ident[EI_DATA] = in->e_ident[EI_DATA];
	eh.e_ident[EI_OSABI] = in->e_ident[EI_OSABI];
	eh.e_ident[EI_ABIVERSION] = in->e_ident[EI_ABIVERSION];
	eh.e_type = ET_REL;
	eh.e_machine = in->e_machine;
	eh.e_version = EV_CURRENT;
	eh.e_flags = in->e_flags;
	eh.e_shstrndx = c->shstrndx < SHN_LORESERVE ? c->shstrndx : SHN_XINDEX;
	if (!gelf_update_ehdr(c->elf, &eh)) {
		kmend_err_elf(c->path, "gelf_update_ehdr");
		return -1;
	}
	return 0;
}

/* Input section @iscn, header and bytes, as the next section of the copy. */
static int kmend_copy_section(struct kmend_convert *c, Elf_Scn *iscn)
{
	Elf_Data *id = elf_getdata(iscn, NULL), *d;
	Elf_Scn *scn = elf_newscn(c->elf);
	GElf_Shdr sh;

	if (!gelf_getshdr(iscn, &sh) || !id) {
		kmend_err("%s: section %zu: cannot read it: %s", c->path,
			  elf_ndxscn(iscn), elf_errmsg(-1));
		return -1;
	}
	if (!scn || !(d = elf_newdata(scn))) {
		kmend_err_elf(c->path, "elf_newdata");
		return -1;
	}
	d->d_type = id->d_type;
	d->d_size = id->d_size;
	d->d_align = id->d_align ? id->d_align : 1;
	if (id->d_buf && id->d_size) {	/* not SHT_NOBITS */
		d->d_buf = kmend_zalloc(id->d_size);
		if (!d->d_buf || kmend_keep(c, d->d_buf))
			return -1;
		memcpy(d->d_buf, id->d_buf, id->d_size);
	}
	if (!gelf_update_shdr(scn, &sh)) {
		kmend_err_elf(c->path, "gelf_update_shdr");
		return -1;
	}
	return 0;
}

/*
 * The copy the conversion edits and writes: a new object (ELF_C_WRITE) on
 * @fd, each section in its place, as kmend_elf_write writes kmend-diff's
 * output. Rewriting the input in place (ELF_C_RDWR) made libelf 0.188 write
 * from past its buffers on malformed modules, one after another (tests/fuzz).
 */
static int kmend_copy_object(struct kmend_convert *c, const GElf_Ehdr *in,
			     int fd)
{
	Elf_Scn *scn = NULL, *null;
	GElf_Shdr sh;

	c->elf = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!c->elf) {
		kmend_err_elf(c->path, "elf_begin(ELF_C_WRITE)");
		return -1;
	}
	if (kmend_copy_ehdr(c, in))
		return -1;
	while ((scn = elf_nextscn(c->in, scn)))
		if (kmend_copy_section(c, scn))
			return -1;
	if (c->shstrndx < SHN_LORESERVE)
		return 0;
	/* extended numbering: libelf sets section 0's sh_size, not sh_link */
	null = elf_getscn(c->elf, 0);
	if (!gelf_getshdr(null, &sh)) {
		kmend_err_elf(c->path, "gelf_getshdr(0)");
		return -1;
	}
	sh.sh_link = c->shstrndx;
	if (!gelf_update_shdr(null, &sh)) {
		kmend_err_elf(c->path, "gelf_update_shdr(0)");
		return -1;
	}
	return 0;
}

/* The module on @in_fd, read and checked; its copy on @out_fd, converted. */
static int kmend_convert_file(struct kmend_convert *c, int in_fd, int out_fd)
{
	struct stat st;
	GElf_Ehdr eh;
	Elf_Data *d;

	if (fstat(in_fd, &st)) {
		kmend_err_sys(c->path, "fstat");
		return -1;
	}
	c->file_size = st.st_size;
	c->in = elf_begin(in_fd, ELF_C_READ, NULL);
	if (!c->in || !gelf_getehdr(c->in, &eh) ||
	    elf_getshdrstrndx(c->in, &c->shstrndx)) {
		kmend_err_elf(c->path, "elf_begin");
		return -1;
	}
	if (eh.e_type != ET_REL || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_machine != EM_X86_64) {
		kmend_err("%s: not a 64-bit x86-64 relocatable object", c->path);
		return -1;
	}
	d = elf_getdata(elf_getscn(c->in, c->shstrndx), NULL);
	if (!d) {
		kmend_err_elf(c->path, "elf_getdata(.shstrtab)");
		return -1;
	}
	c->old_shstr_len = d->d_size;
	if (kmend_check_sections(c) || kmend_copy_object(c, &eh, out_fd) ||
	    kmend_find_symtab(c) || kmend_split_all(c) ||
	    kmend_grow_shstrtab(c) || kmend_mark_symbols(c) < 0)
		return -1;
	if (elf_update(c->elf, ELF_C_WRITE) < 0) {
		kmend_err_elf(c->path, "elf_update");
		return -1;
	}
	return 0;
}

/* The converted module goes to a new file that replaces @c->path. */
static int kmend_convert_path(struct kmend_convert *c)
{
	char *tmp = kmend_asprintf("%s.klp-tmp.XXXXXX", c->path);
	int in = -1, out = -1, ret = -1;

	if (!tmp)
		return -1;
	in = open(c->path, O_RDONLY);
	if (in < 0) {
		kmend_err_sys(c->path, "open");
		goto out_free;
	}
	out = mkstemp(tmp);
	if (out < 0) {
		kmend_err_sys(tmp, "mkstemp");
		goto out_close_in;
	}
	fchmod(out, 0644);
	ret = kmend_convert_file(c, in, out);
	ret = kmend_file_commit(out, tmp, c->path, ret);
out_close_in:
	close(in);
out_free:
	free(tmp);
	return ret;
}

int main(int argc, char **argv)
{
	struct kmend_convert c = { 0 };
	int ret;

	kmend_prog = "kmend-klp-convert";
	if (argc != 2) {
		fprintf(stderr, "usage: kmend-klp-convert MODULE.ko\n");
		return 1;
	}
	c.path = argv[1];
	if (elf_version(EV_CURRENT) == EV_NONE) {
		kmend_err("libelf: elf_version: %s", elf_errmsg(-1));
		return 1;
	}
	ret = kmend_convert_path(&c);
	kmend_convert_free(&c);
	if (ret)
		return 1;
	printf("%s: %u livepatch relocations\n", c.path, c.nr_moved);
	return 0;
}
