// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_elf.c - reading a relocatable object into sections, symbols and
 * relocations, and the lookups on them.
 *
 * Building and writing objects is in kmend_elf_write.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kmend_arch.h"
#include "kmend_elf.h"

static int kmend_libelf_init(void)
{
	static bool done;

	if (done)
		return 0;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		kmend_err("libelf: elf_version: %s", elf_errmsg(-1));
		return -1;
	}
	done = true;
	return 0;
}

/*
 * The largest section alignment taken: the kernel's sections are aligned
 * to pages at most, 2 MiB leaves room for a huge page; copying a section
 * into the output pads it to its alignment, so 4 GiB would write 4 GiB.
 */
#define KMEND_MAX_ALIGN 0x200000

static int kmend_read_section(struct kmend_elf *elf, Elf_Scn *scn,
			      size_t shstrndx)
{
	struct kmend_section *sec;
	Elf_Data *data;

	sec = kmend_zalloc(sizeof(*sec));
	if (!sec)
		return -1;
	sec->elf = elf;
	sec->idx = elf_ndxscn(scn);
	elf->secs[sec->idx] = sec;
	if (!gelf_getshdr(scn, &sec->sh)) {
		kmend_err_elf(elf->path, "gelf_getshdr");
		return -1;
	}
	sec->name = elf_strptr(elf->elf, shstrndx, sec->sh.sh_name);
	if (!sec->name) {
		kmend_err_elf(elf->path, "elf_strptr");
		return -1;
	}
	kmend_hash_add(&elf->sec_names, &sec->hnode, sec->name);
	if (sec->sh.sh_addralign & (sec->sh.sh_addralign - 1) ||
	    sec->sh.sh_addralign > KMEND_MAX_ALIGN) {
		kmend_err("%s: section %s: alignment %#llx is not a power of two "
			  "up to %#x", elf->path, sec->name,
			  (unsigned long long)sec->sh.sh_addralign, KMEND_MAX_ALIGN);
		return -1;
	}
	if (sec->sh.sh_type == SHT_NOBITS || !sec->sh.sh_size)
		return 0;
	data = elf_getdata(scn, NULL);
	if (!data || data->d_size != sec->sh.sh_size) {
		kmend_err_elf(elf->path, "elf_getdata");
		return -1;
	}
	sec->data = malloc(data->d_size);
	if (!sec->data) {
		kmend_err("%s: out of memory reading section %s", elf->path,
			  sec->name);
		return -1;
	}
	memcpy(sec->data, data->d_buf, data->d_size);
	return 0;
}

/*
 * The bytes a symbol or relocation names must lie in its section: every
 * later look at them (comparing, copying, decoding x86) trusts that.
 */
static bool kmend_range_fits(const struct kmend_section *sec, GElf_Addr off,
			     GElf_Xword len)
{
	return off <= sec->sh.sh_size && len <= sec->sh.sh_size - off;
}

static int kmend_read_sections(struct kmend_elf *elf)
{
	size_t shnum, shstrndx;
	Elf_Scn *scn = NULL;

	if (elf_getshdrnum(elf->elf, &shnum) ||
	    elf_getshdrstrndx(elf->elf, &shstrndx)) {
		kmend_err_elf(elf->path, "elf_getshdrnum");
		return -1;
	}
	elf->nr_secs = shnum;
	elf->secs = kmend_zalloc(shnum * sizeof(*elf->secs));
	if (!elf->secs || kmend_hash_init(&elf->sec_names, shnum))
		return -1;
	while ((scn = elf_nextscn(elf->elf, scn)))
		if (kmend_read_section(elf, scn, shstrndx))
			return -1;
	return 0;
}

/*
 * What the rest trusts about a symbol: the null symbol is null, a section
 * symbol has a section, and the bytes a symbol covers lie in its section.
 */
static int kmend_check_symbol(const struct kmend_elf *elf,
			      const struct kmend_symbol *s)
{
	const char *table = elf->symtab->name;

	if (!s->idx && (s->sym.st_info || s->sym.st_shndx || s->sym.st_value ||
			s->sym.st_size || s->sym.st_name)) {
		kmend_err("%s: section %s: symbol 0 is not the null symbol",
			  elf->path, table);
		return -1;
	}
	if (kmend_is_section_sym(s) && !s->sec) {
		kmend_err("%s: section %s: section symbol %zu names no section",
			  elf->path, table, s->idx);
		return -1;
	}
	if (s->sec && !kmend_range_fits(s->sec, s->sym.st_value,
					s->sym.st_size)) {
		kmend_err("%s: section %s: symbol %zu %s (value %#llx, size "
			  "%#llx) lies outside the section (%#llx bytes)",
			  elf->path, s->sec->name, s->idx, s->name,
			  (unsigned long long)s->sym.st_value,
			  (unsigned long long)s->sym.st_size,
			  (unsigned long long)s->sec->sh.sh_size);
		return -1;
	}
	return 0;
}

static int kmend_read_symbol(struct kmend_elf *elf, Elf_Data *data,
			     Elf_Data *xdata, size_t i)
{
	struct kmend_symbol *s;
	Elf32_Word xndx = 0;
	size_t shndx;

	s = kmend_zalloc(sizeof(*s));
	if (!s)
		return -1;
	s->elf = elf;
	s->idx = i;
	elf->syms[i] = s;
	if (!gelf_getsymshndx(data, xdata, i, &s->sym, &xndx)) {
		kmend_err_elf(elf->path, "gelf_getsymshndx");
		return -1;
	}
	s->bind = GELF_ST_BIND(s->sym.st_info);
	s->type = GELF_ST_TYPE(s->sym.st_info);
	shndx = s->sym.st_shndx == SHN_XINDEX ? xndx : s->sym.st_shndx;
	if (shndx != SHN_UNDEF && (shndx < SHN_LORESERVE || shndx == SHN_XINDEX ||
				   s->sym.st_shndx == SHN_XINDEX)) {
		if (shndx >= elf->nr_secs) {
			kmend_err("%s: symbol %zu has section index %zu, beyond "
				  "the last section", elf->path, i, shndx);
			return -1;
		}
		s->sec = elf->secs[shndx];
	}
	s->name = elf_strptr(elf->elf, elf->symtab->sh.sh_link,
			     s->sym.st_name);
	if (!s->name) {
		kmend_err_elf(elf->path, "elf_strptr");
		return -1;
	}
	if (kmend_check_symbol(elf, s))
		return -1;
	if (kmend_is_section_sym(s)) {
		s->name = s->sec->name;
		if (!s->sec->secsym)
			s->sec->secsym = s;
	} else if (*s->name) {
		kmend_hash_add(&elf->sym_names, &s->hnode, s->name);
	}
	return 0;
}

static int kmend_read_symbols(struct kmend_elf *elf)
{
	Elf_Data *data, *xdata = NULL;
	struct kmend_section *sec;
	size_t i;

	kmend_for_each_sec(elf, sec, i)
		if (sec->sh.sh_type == SHT_SYMTAB)
			elf->symtab = sec;
	if (!elf->symtab) {
		kmend_err("%s: no symbol table (stripped?)", elf->path);
		return -1;
	}
	data = elf_getdata(elf_getscn(elf->elf, elf->symtab->idx), NULL);
	if (!data || data->d_size != elf->symtab->sh.sh_size) {
		kmend_err("%s: section %s: cannot read the symbols: %s",
			  elf->path, elf->symtab->name, data ? "size differs "
			  "from its header's" : elf_errmsg(-1));
		return -1;
	}
	kmend_for_each_sec(elf, sec, i)
		if (sec->sh.sh_type == SHT_SYMTAB_SHNDX)
			xdata = elf_getdata(elf_getscn(elf->elf, i), NULL);
	elf->nr_syms = elf->symtab->sh.sh_size / sizeof(Elf64_Sym);
	elf->syms = kmend_zalloc(elf->nr_syms * sizeof(*elf->syms));
	if (!elf->syms || kmend_hash_init(&elf->sym_names, elf->nr_syms))
		return -1;
	for (i = 0; i < elf->nr_syms; i++)
		if (kmend_read_symbol(elf, data, xdata, i))
			return -1;
	return 0;
}

static int kmend_cmp_reloc(const void *a, const void *b)
{
	const struct kmend_reloc *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return 0;
}

/* The field a relocation patches lies in bytes of its section. */
static int kmend_check_reloc(const struct kmend_elf *elf,
			     const struct kmend_section *rela, size_t i,
			     const struct kmend_reloc *r)
{
	unsigned int size = kmend_arch_reloc_size(r->type);

	if (r->sec->sh.sh_type != SHT_NOBITS &&
	    kmend_range_fits(r->sec, r->offset, size))
		return 0;
	kmend_err("%s: section %s: relocation %zu (offset %#llx, %u bytes) "
		  "lies outside %s (%#llx bytes%s)", elf->path, rela->name, i,
		  (unsigned long long)r->offset, size, r->sec->name,
		  (unsigned long long)r->sec->sh.sh_size,
		  r->sec->sh.sh_type == SHT_NOBITS ? ", none in the file" : "");
	return -1;
}

static int kmend_read_rela(struct kmend_elf *elf, struct kmend_section *rela)
{
	struct kmend_section *base;
	struct kmend_reloc *r;
	Elf_Data *data;
	GElf_Rela ra;
	size_t i, n;

	if (rela->sh.sh_info >= elf->nr_secs || !elf->secs[rela->sh.sh_info]) {
		kmend_err("%s: %s relocates no section", elf->path, rela->name);
		return -1;
	}
	base = elf->secs[rela->sh.sh_info];
	if (base->rela || kmend_is_rela_sec(base)) {
		kmend_err("%s: section %s: relocates %s, which %s", elf->path,
			  rela->name, base->name, base->rela ?
			  "another section relocates too" :
			  "holds relocations itself");
		return -1;
	}
	rela->base = base;
	base->rela = rela;
	/* the data's size, bound by the file's, bounds the allocation */
	data = elf_getdata(elf_getscn(elf->elf, rela->idx), NULL);
	if (!data || data->d_size != rela->sh.sh_size) {
		kmend_err("%s: section %s: cannot read its relocations: %s",
			  elf->path, rela->name, data ? "size differs from its "
			  "header's" : elf_errmsg(-1));
		return -1;
	}
	n = rela->sh.sh_size / sizeof(Elf64_Rela);
	base->relocs = kmend_zalloc(n * sizeof(*base->relocs));
	if (!base->relocs)
		return -1;
	base->nr_relocs = base->relocs_cap = n;
	for (i = 0; i < n; i++) {
		r = &base->relocs[i];
		if (!gelf_getrela(data, i, &ra) ||
		    GELF_R_SYM(ra.r_info) >= elf->nr_syms) {
			kmend_err("%s: %s: bad relocation %zu", elf->path,
				  rela->name, i);
			return -1;
		}
		r->sec = base;
		r->offset = ra.r_offset;
		r->type = GELF_R_TYPE(ra.r_info);
		r->addend = ra.r_addend;
		r->sym = elf->syms[GELF_R_SYM(ra.r_info)];
		if (kmend_check_reloc(elf, rela, i, r))
			return -1;
	}
	qsort(base->relocs, n, sizeof(*base->relocs), kmend_cmp_reloc);
	return 0;
}

static int kmend_read_relocs(struct kmend_elf *elf)
{
	struct kmend_section *sec;
	size_t i;

	kmend_for_each_sec(elf, sec, i) {
		if (sec->sh.sh_type == SHT_REL) {
			kmend_err("%s: %s: SHT_REL relocations are not supported",
				  elf->path, sec->name);
			return -1;
		}
		if (kmend_is_rela_sec(sec) && kmend_read_rela(elf, sec))
			return -1;
	}
	return 0;
}

static int kmend_cmp_sym_value(const void *a, const void *b)
{
	const struct kmend_symbol *x = *(void * const *)a;
	const struct kmend_symbol *y = *(void * const *)b;

	if (x->sym.st_value != y->sym.st_value)
		return x->sym.st_value < y->sym.st_value ? -1 : 1;
	return x->idx < y->idx ? -1 : 1;
}

/*
 * Every section gets a section symbol, made up when the assembler wrote
 * none, so that a reference to anonymous bytes always has a target.
 */
static int kmend_index_symbols(struct kmend_elf *elf)
{
	struct kmend_section *sec;
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(elf, s, i) {
		if (!kmend_is_sized(s))
			continue;
		sec = s->sec;
		sec->syms = kmend_realloc_array(sec->syms, sec->nr_syms + 1,
						sizeof(*sec->syms));
		if (!sec->syms)
			return -1;
		sec->syms[sec->nr_syms++] = s;
	}
	kmend_for_each_sec(elf, sec, i) {
		if (sec->nr_syms)
			qsort(sec->syms, sec->nr_syms, sizeof(*sec->syms),
			      kmend_cmp_sym_value);
		if (sec->secsym)
			continue;
		s = kmend_zalloc(sizeof(*s));
		if (!s)
			return -1;
		s->elf = elf;
		s->name = sec->name;
		s->type = STT_SECTION;
		s->bind = STB_LOCAL;
		s->sec = sec;
		s->sym.st_shndx = sec->idx;
		sec->secsym = s;
	}
	return 0;
}

struct kmend_elf *kmend_elf_open(const char *path)
{
	struct kmend_elf *elf;

	if (kmend_libelf_init())
		return NULL;
	elf = kmend_zalloc(sizeof(*elf));
	if (!elf)
		return NULL;
	elf->path = path;
	elf->fd = open(path, O_RDONLY);
	if (elf->fd < 0) {
		kmend_err_sys(path, "open");
		free(elf);
		return NULL;
	}
	elf->elf = elf_begin(elf->fd, ELF_C_READ_MMAP, NULL);
	if (!elf->elf || !gelf_getehdr(elf->elf, &elf->ehdr)) {
		kmend_err_elf(path, "elf_begin");
		goto fail;
	}
	if (elf->ehdr.e_type != ET_REL ||
	    elf->ehdr.e_ident[EI_CLASS] != ELFCLASS64) {
		kmend_err("%s: not a 64-bit relocatable object", path);
		goto fail;
	}
	if (kmend_read_sections(elf) || kmend_read_symbols(elf) ||
	    kmend_read_relocs(elf) || kmend_index_symbols(elf))
		goto fail;
	return elf;
fail:
	kmend_elf_close(elf);
	return NULL;
}

void kmend_elf_close(struct kmend_elf *elf)
{
	size_t i;

	if (!elf)
		return;
	for (i = 0; i < elf->nr_secs; i++) {
		struct kmend_section *sec = elf->secs[i];

		if (!sec)
			continue;
		if (sec->secsym && !sec->secsym->idx && !elf->created)
			free(sec->secsym);
		if (elf->created)	/* kmend_add_section()'s copy */
			free((char *)sec->name);
		free(sec->data);
		free(sec->relocs);
		free(sec->syms);
		free(sec->kept);
		free(sec->dropped);
		free(sec->cuts);
		free(sec->cut_out);
		free(sec);
	}
	for (i = 0; i < elf->nr_syms; i++) {
		if (elf->created && i)	/* kmend_add_symbol()'s copy */
			free((char *)elf->syms[i]->name);
		free(elf->syms[i]);
	}
	free(elf->secs);
	free(elf->syms);
	kmend_hash_free(&elf->sec_names);
	kmend_hash_free(&elf->sym_names);
	if (elf->elf)
		elf_end(elf->elf);
	if (elf->fd >= 0)
		close(elf->fd);
	free(elf);
}

struct kmend_section *kmend_find_section(const struct kmend_elf *elf,
					 const char *name)
{
	struct kmend_hnode *n = kmend_hash_first(&elf->sec_names, name);

	return n ? kmend_container_of(n, struct kmend_section, hnode) : NULL;
}

/* The first symbol of that name in symbol table order. */
struct kmend_symbol *kmend_find_symbol(const struct kmend_elf *elf,
				       const char *name)
{
	struct kmend_hnode *n = kmend_hash_first(&elf->sym_names, name);

	return n ? kmend_container_of(n, struct kmend_symbol, hnode) : NULL;
}

/*
 * The sized symbol of @sec whose bytes contain @off, else one that ends
 * exactly at @off (a pointer past the end of an array), else NULL.
 */
struct kmend_symbol *kmend_find_sym_at(const struct kmend_section *sec,
				       GElf_Sxword off)
{
	struct kmend_symbol *end = NULL;
	size_t lo = 0, hi = sec->nr_syms;
	struct kmend_symbol *s;
	GElf_Sxword start;

	while (lo < hi) {		/* first symbol starting after off */
		size_t mid = (lo + hi) / 2;

		if ((GElf_Sxword)sec->syms[mid]->sym.st_value <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0) {		/* symbols may nest: look at all below */
		s = sec->syms[lo];
		start = s->sym.st_value;
		if (off < start + (GElf_Sxword)s->sym.st_size)
			return s;
		if (off == start + (GElf_Sxword)s->sym.st_size && !end)
			end = s;
	}
	return end;
}

/* The first relocation whose field starts at or after @off. */
struct kmend_reloc *kmend_first_reloc_at(const struct kmend_section *sec,
					 GElf_Addr off)
{
	size_t lo = 0, hi = sec->nr_relocs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (sec->relocs[mid].offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sec->nr_relocs ? &sec->relocs[lo] : NULL;
}

struct kmend_reloc *kmend_find_reloc(const struct kmend_section *sec,
				     GElf_Addr off)
{
	struct kmend_reloc *r = kmend_first_reloc_at(sec, off);

	return r && r->offset == off ? r : NULL;
}

/* The NUL-terminated string at @off of @sec, or NULL if it runs off. */
const char *kmend_string_at(const struct kmend_section *sec, GElf_Sxword off)
{
	if (!sec->data || off < 0 || (GElf_Xword)off >= sec->sh.sh_size)
		return NULL;
	if (!memchr(sec->data + off, 0, sec->sh.sh_size - off))
		return NULL;
	return (const char *)sec->data + off;
}

/*
 * Resolve what one relocation designates. Assemblers turn references to
 * local symbols into references to their section plus an offset ("call
 * .text.helper-4", "mov .bss.calls.1-4(%rip)"), and string labels (.LC0)
 * stay as NOTYPE symbols; both become the sized symbol that holds the
 * referenced byte, so that two objects can be compared by symbol. The
 * byte may lie outside the section (printk.o's __printk_cpu_sync_put
 * designates byte -4 of .data.printk_cpu_sync_owner): then the section
 * is the target.
 */
static void kmend_normalize_reloc(struct kmend_reloc *r)
{
	struct kmend_symbol *s = r->sym, *covering;
	GElf_Addr off, at;

	r->bias = kmend_arch_reloc_bias(r);
	r->target = s;
	r->taddend = r->addend;
	if (!s->sec || !(kmend_is_section_sym(s) ||
			 (s->type == STT_NOTYPE && kmend_is_local(s))))
		return;
	/* unsigned: a malformed addend wraps instead of overflowing */
	off = (GElf_Addr)r->addend +
	      (kmend_is_section_sym(s) ? 0 : s->sym.st_value);
	at = off + r->bias;
	covering = kmend_find_sym_at(s->sec, at);
	if (covering) {
		r->target = covering;
		r->taddend = off - covering->sym.st_value;
	} else {
		r->target = s->sec->secsym;
		r->taddend = off;
	}
}

int kmend_elf_normalize_relocs(struct kmend_elf *elf)
{
	struct kmend_section *sec;
	struct kmend_reloc *r;
	size_t i;

	kmend_for_each_sec(elf, sec, i)
		kmend_for_each_reloc(sec, r)
			kmend_normalize_reloc(r);
	return 0;
}
