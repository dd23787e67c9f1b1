// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_elf_write.c - building a relocatable object from scratch and
 * writing it.
 *
 * The model's sections become ELF sections in order, followed by one
 * .rela section for each section with relocations, then .symtab, .strtab
 * and .shstrtab. Symbols are written locals first, as ELF requires. The
 * file is written under a temporary name and renamed at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kmend_elf.h"

struct kmend_strtab {
	char *buf;
	size_t len, cap;
};

static long kmend_strtab_add(struct kmend_strtab *t, const char *s)
{
	size_t n = strlen(s) + 1;
	long off;

	if (!*s && t->len)
		return 0;
	if (t->len + n > t->cap) {
		size_t cap = (t->cap + n) * 2;
		char *p = realloc(t->buf, cap);

		if (!p) {
			kmend_err("out of memory building a string table");
			return -1;
		}
		t->buf = p;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	off = t->len;
	t->len += n;
	return off;
}

struct kmend_elf *kmend_elf_create(const char *path,
				   const struct kmend_elf *like)
{
	struct kmend_elf *elf = kmend_zalloc(sizeof(*elf));

	if (!elf)
		return NULL;
	elf->path = path;
	elf->fd = -1;
	elf->created = true;
	elf->ehdr = like->ehdr;
	elf->secs = kmend_zalloc(sizeof(*elf->secs));
	elf->syms = kmend_zalloc(sizeof(*elf->syms));
	if (!elf->secs || !elf->syms)
		goto fail;
	elf->syms[0] = kmend_zalloc(sizeof(**elf->syms));
	if (!elf->syms[0] || kmend_hash_init(&elf->sec_names, 256) ||
	    kmend_hash_init(&elf->sym_names, 1024))
		goto fail;
	elf->syms[0]->elf = elf;
	elf->syms[0]->name = "";
	elf->nr_secs = elf->nr_syms = 1;
	return elf;
fail:
	kmend_elf_close(elf);
	return NULL;
}

static int kmend_push_symbol(struct kmend_elf *elf, struct kmend_symbol *s)
{
	struct kmend_symbol **syms;

	syms = kmend_realloc_array(elf->syms, elf->nr_syms + 1, sizeof(*syms));
	if (!syms)
		return -1;
	elf->syms = syms;
	s->idx = elf->nr_syms;
	elf->syms[elf->nr_syms++] = s;
	return 0;
}

struct kmend_symbol *kmend_add_symbol(struct kmend_elf *elf,
				      const char *name, unsigned char bind,
				      unsigned char type,
				      struct kmend_section *sec,
				      GElf_Addr value, GElf_Xword size)
{
	struct kmend_symbol *s = kmend_zalloc(sizeof(*s));

	if (!s)
		return NULL;
	s->elf = elf;
	s->name = kmend_strdup(name);
	if (!s->name || kmend_push_symbol(elf, s)) {
		free(s);
		return NULL;
	}
	s->bind = bind;
	s->type = type;
	s->sec = sec;
	s->sym.st_info = GELF_ST_INFO(bind, type);
	s->sym.st_shndx = sec ? sec->idx : SHN_UNDEF;
	s->sym.st_value = value;
	s->sym.st_size = size;
	if (*name && type != STT_SECTION)
		kmend_hash_add(&elf->sym_names, &s->hnode, s->name);
	return s;
}

struct kmend_section *kmend_add_section(struct kmend_elf *elf,
					const char *name, GElf_Word type,
					GElf_Xword flags, GElf_Xword align,
					GElf_Xword entsize)
{
	struct kmend_section **secs, *sec;

	secs = kmend_realloc_array(elf->secs, elf->nr_secs + 1, sizeof(*secs));
	if (!secs)
		return NULL;
	elf->secs = secs;
	sec = kmend_zalloc(sizeof(*sec));
	if (!sec)
		return NULL;
	sec->elf = elf;
	sec->name = kmend_strdup(name);
	if (!sec->name)
		return NULL;
	sec->idx = elf->nr_secs;
	elf->secs[elf->nr_secs++] = sec;
	sec->sh.sh_type = type;
	sec->sh.sh_flags = flags;
	sec->sh.sh_addralign = align ? align : 1;
	sec->sh.sh_entsize = entsize;
	kmend_hash_add(&elf->sec_names, &sec->hnode, sec->name);
	sec->secsym = kmend_add_symbol(elf, name, STB_LOCAL, STT_SECTION,
				       sec, 0, 0);
	return sec->secsym ? sec : NULL;
}

/*
 * Append @size bytes (zeros if @data is NULL) at the next multiple of
 * @align. Returns their offset in the section, or -1.
 */
long kmend_section_append(struct kmend_section *sec, const void *data,
			  size_t size, GElf_Xword align)
{
	GElf_Xword off, end;
	unsigned char *p;

	if (!align)
		align = 1;
	off = (sec->sh.sh_size + align - 1) / align * align;
	end = off + size;
	if (align > sec->sh.sh_addralign)
		sec->sh.sh_addralign = align;
	if (sec->sh.sh_type != SHT_NOBITS) {
		p = realloc(sec->data, end ? end : 1);
		if (!p) {
			kmend_err("out of memory growing section %s", sec->name);
			return -1;
		}
		sec->data = p;
		memset(p + sec->sh.sh_size, 0, off - sec->sh.sh_size);
		if (data)
			memcpy(p + off, data, size);
		else
			memset(p + off, 0, size);
	}
	sec->sh.sh_size = end;
	return off;
}

int kmend_add_reloc(struct kmend_section *sec, GElf_Addr offset,
		    unsigned int type, struct kmend_symbol *sym,
		    GElf_Sxword addend)
{
	struct kmend_reloc *r;

	if (sec->nr_relocs == sec->relocs_cap) {
		size_t cap = sec->relocs_cap ? sec->relocs_cap * 2 : 16;

		r = kmend_realloc_array(sec->relocs, cap, sizeof(*r));
		if (!r)
			return -1;
		sec->relocs = r;
		sec->relocs_cap = cap;
	}
	r = &sec->relocs[sec->nr_relocs++];
	memset(r, 0, sizeof(*r));
	r->sec = sec;
	r->offset = offset;
	r->type = type;
	r->sym = r->target = sym;
	r->addend = r->taddend = addend;
	return 0;
}

/* Symbols in file order: the null symbol, locals, then the rest. */
static struct kmend_symbol **kmend_order_symbols(struct kmend_elf *elf,
						 size_t *first_global)
{
	struct kmend_symbol **order;
	size_t i, n = 0;
	int pass;

	order = kmend_zalloc(elf->nr_syms * sizeof(*order));
	if (!order)
		return NULL;
	order[n++] = elf->syms[0];
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			*first_global = n;
		for (i = 1; i < elf->nr_syms; i++)
			if (kmend_is_local(elf->syms[i]) == (pass == 0))
				order[n++] = elf->syms[i];
	}
	for (i = 0; i < n; i++)
		order[i]->idx = i;
	return order;
}

struct kmend_writer {
	struct kmend_elf *elf;
	Elf *out;
	struct kmend_strtab shstr, str;
	size_t symtab_idx, strtab_idx;
	void **bufs;		/* tables libelf writes from; freed after */
	size_t nr_bufs;
};

/* @buf lives until the ELF handle is written, then kmend_write_file frees it. */
static int kmend_writer_keep(struct kmend_writer *w, void *buf)
{
	void **bufs = kmend_realloc_array(w->bufs, w->nr_bufs + 1,
					  sizeof(*bufs));

	if (!bufs) {
		free(buf);
		return -1;
	}
	w->bufs = bufs;
	w->bufs[w->nr_bufs++] = buf;
	return 0;
}

/* @name_off: the name's offset in .shstrtab, from kmend_strtab_add() */
static Elf_Scn *kmend_new_scn(struct kmend_writer *w, long name_off,
			      GElf_Shdr *sh, void *buf, size_t size,
			      Elf_Type type)
{
	Elf_Scn *scn;
	Elf_Data *d;

	if (name_off < 0)
		return NULL;
	scn = elf_newscn(w->out);
	if (!scn)
		goto fail;
	d = elf_newdata(scn);
	if (!d)
		goto fail;
	d->d_buf = buf;
	d->d_size = size;
	d->d_type = type;
	d->d_align = sh->sh_addralign ? sh->sh_addralign : 1;
	sh->sh_name = name_off;
	sh->sh_size = size;
	sh->sh_offset = 0;
	if (!gelf_update_shdr(scn, sh))
		goto fail;
	return scn;
fail:
	kmend_err_elf(w->elf->path, "elf_newscn");
	return NULL;
}

static int kmend_write_content(struct kmend_writer *w)
{
	struct kmend_section *sec;
	GElf_Shdr sh;
	size_t i;

	kmend_for_each_sec(w->elf, sec, i) {
		sh = sec->sh;
		sh.sh_link = sh.sh_info = 0;
		if (!kmend_new_scn(w, kmend_strtab_add(&w->shstr, sec->name),
				   &sh, sec->data,
				   sec->sh.sh_size, ELF_T_BYTE))
			return -1;
	}
	return 0;
}

static int kmend_write_rela(struct kmend_writer *w, struct kmend_section *sec)
{
	Elf64_Rela *buf;
	GElf_Shdr sh = {
		.sh_type = SHT_RELA,
		.sh_flags = SHF_INFO_LINK,
		.sh_addralign = 8,
		.sh_entsize = sizeof(Elf64_Rela),
		.sh_link = w->symtab_idx,
		.sh_info = sec->idx,
	};
	char *name;
	long off;
	size_t i;

	buf = kmend_zalloc(sec->nr_relocs * sizeof(*buf));
	if (!buf || kmend_writer_keep(w, buf))
		return -1;
	name = kmend_asprintf(".rela%s", sec->name);
	if (!name)
		return -1;
	for (i = 0; i < sec->nr_relocs; i++) {
		struct kmend_reloc *r = &sec->relocs[i];

		buf[i].r_offset = r->offset;
		buf[i].r_info = GELF_R_INFO(r->sym->idx, r->type);
		buf[i].r_addend = r->addend;
	}
	off = kmend_strtab_add(&w->shstr, name);
	free(name);
	return kmend_new_scn(w, off, &sh, buf, sec->nr_relocs * sizeof(*buf),
			     ELF_T_RELA) ? 0 : -1;
}

static int kmend_write_symtab(struct kmend_writer *w,
			      struct kmend_symbol **order, size_t first_global)
{
	Elf64_Sym *buf;
	size_t i;
	GElf_Shdr sh = {
		.sh_type = SHT_SYMTAB,
		.sh_addralign = 8,
		.sh_entsize = sizeof(Elf64_Sym),
		.sh_link = w->strtab_idx,
	};

	buf = kmend_zalloc(w->elf->nr_syms * sizeof(*buf));
	if (!buf || kmend_writer_keep(w, buf))
		return -1;
	for (i = 1; i < w->elf->nr_syms; i++) {
		struct kmend_symbol *s = order[i];
		long off = kmend_is_section_sym(s) ? 0 :
			   kmend_strtab_add(&w->str, s->name);

		if (off < 0)
			return -1;
		buf[i].st_name = off;
		buf[i].st_info = GELF_ST_INFO(s->bind, s->type);
		buf[i].st_other = s->sym.st_other;
		buf[i].st_shndx = s->sec ? s->sec->idx : s->sym.st_shndx;
		buf[i].st_value = s->sym.st_value;
		buf[i].st_size = s->sym.st_size;
	}
	sh.sh_info = first_global;
	return kmend_new_scn(w, kmend_strtab_add(&w->shstr, ".symtab"), &sh, buf,
			     w->elf->nr_syms * sizeof(*buf), ELF_T_SYM) ? 0 : -1;
}

static int kmend_write_tables(struct kmend_writer *w)
{
	struct kmend_section *sec;
	GElf_Shdr str = { .sh_type = SHT_STRTAB, .sh_addralign = 1 };
	size_t i, nr_rela = 0, first_global = 0;
	struct kmend_symbol **order;
	GElf_Ehdr eh;
	long off;
	int ret;

	/* relocations name symbols by their index in the written table */
	order = kmend_order_symbols(w->elf, &first_global);
	if (!order)
		return -1;
	kmend_for_each_sec(w->elf, sec, i)
		nr_rela += sec->nr_relocs != 0;
	w->symtab_idx = w->elf->nr_secs + nr_rela;
	w->strtab_idx = w->symtab_idx + 1;
	kmend_for_each_sec(w->elf, sec, i)
		if (sec->nr_relocs && kmend_write_rela(w, sec))
			goto fail;
	ret = kmend_write_symtab(w, order, first_global);
	free(order);
	if (ret)
		return -1;
	if (!kmend_new_scn(w, kmend_strtab_add(&w->shstr, ".strtab"), &str,
			   w->str.buf, w->str.len, ELF_T_BYTE))
		return -1;
	off = kmend_strtab_add(&w->shstr, ".shstrtab");
	if (off < 0 || !gelf_getehdr(w->out, &eh))
		return -1;
	eh.e_shstrndx = w->strtab_idx + 1;
	return kmend_new_scn(w, off, &str, w->shstr.buf, w->shstr.len,
			     ELF_T_BYTE) && gelf_update_ehdr(w->out, &eh) ? 0 : -1;
fail:
	free(order);
	return -1;
}

static int kmend_write_ehdr(struct kmend_writer *w)
{
	GElf_Ehdr eh;

	if (!gelf_newehdr(w->out, ELFCLASS64) || !gelf_getehdr(w->out, &eh)) {
		kmend_err_elf(w->elf->path, "gelf_newehdr");
		return -1;
	}
	eh.e_ident[EI_DATA] = w->elf->ehdr.e_ident[EI_DATA];
	eh.e_ident[EI_OSABI] = w->elf->ehdr.e_ident[EI_OSABI];
	eh.e_type = ET_REL;
	eh.e_machine = w->elf->ehdr.e_machine;
	eh.e_version = EV_CURRENT;
	eh.e_flags = w->elf->ehdr.e_flags;
	if (!gelf_update_ehdr(w->out, &eh)) {
		kmend_err_elf(w->elf->path, "gelf_update_ehdr");
		return -1;
	}
	return 0;
}

static int kmend_write_file(struct kmend_elf *elf, int fd)
{
	struct kmend_writer w = { .elf = elf };
	int ret = -1;

	kmend_strtab_add(&w.shstr, "");
	kmend_strtab_add(&w.str, "");
	w.out = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!w.out) {
		kmend_err_elf(elf->path, "elf_begin");
		goto out;
	}
	if (kmend_write_ehdr(&w) || kmend_write_content(&w) ||
	    kmend_write_tables(&w))
		goto out;
	if (elf_update(w.out, ELF_C_WRITE) < 0) {
		kmend_err_elf(elf->path, "elf_update");
		goto out;
	}
	ret = 0;
out:
	if (w.out)
		elf_end(w.out);
	while (w.nr_bufs)
		free(w.bufs[--w.nr_bufs]);
	free(w.bufs);
	free(w.shstr.buf);
	free(w.str.buf);
	return ret;
}

int kmend_elf_write(struct kmend_elf *elf)
{
	char *tmp = kmend_asprintf("%s.tmp.XXXXXX", elf->path);
	int fd, ret = -1;

	if (!tmp)
		return -1;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		kmend_err("libelf: elf_version: %s", elf_errmsg(-1));
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		kmend_err_sys(tmp, "mkstemp");
		goto out;
	}
	fchmod(fd, 0644);
	ret = kmend_write_file(elf, fd);
	ret = kmend_file_commit(fd, tmp, elf->path, ret);
out:
	free(tmp);
	return ret;
}
