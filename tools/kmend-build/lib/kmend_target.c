// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_target.c - checking the original object against the kernel the
 * patch is for, and finding which of several same-named symbols is ours.
 *
 * The original object is compiled from the kernel's source and config; if
 * either differs from what the running kernel was built from, replacing
 * its functions would replace them with the wrong code. So, before any
 * module is written, every function to replace must exist in the target
 * with the original object's size and, when the target's code is at hand
 * (vmlinux, or the module's .ko), with the same bytes once the fields that
 * relocations fill are masked. A mismatch stops the build.
 *
 * Sizes from kallsyms run to the next symbol, so they include the padding
 * up to the next function's alignment.
 *
 * A static name may exist many times in the kernel ("show", "__key.0");
 * livepatch names one by its position among them in kallsyms order
 * (sympos). The candidate is the one whose size and bytes fit and whose
 * neighbours in the symbol table are symbols of the same file.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kmend_arch.h"
#include "kmend_diff.h"
#include "kmend_target.h"

static char *kmend_read_file(const char *path)
{
	struct stat st;
	char *buf = NULL;
	ssize_t n;
	size_t len = 0, cap;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		kmend_err_sys(path, "open");
		goto out;
	}
	cap = st.st_size ? st.st_size + 1 : 1 << 20;	/* /proc: size 0 */
	for (;;) {
		char *p = realloc(buf, cap + 1);

		if (!p) {
			kmend_err("%s: out of memory reading it", path);
			free(buf);
			buf = NULL;
			goto out;
		}
		buf = p;
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			kmend_err_sys(path, "read");
			free(buf);
			buf = NULL;
			goto out;
		}
		if (!n)
			break;
		len += n;
		if (len == cap)
			cap *= 2;
	}
	buf[len] = 0;
out:
	if (fd >= 0)
		close(fd);
	return buf;
}

static int kmend_add_tsym(struct kmend_target *t, const char *name,
			  uint64_t addr, uint64_t size, char type, size_t shndx)
{
	struct kmend_tsym *ts;

	if (t->nr_syms == t->syms_cap) {
		size_t cap = t->syms_cap ? t->syms_cap * 2 : 4096;

		ts = kmend_realloc_array(t->syms, cap, sizeof(*ts));
		if (!ts)
			return -1;
		t->syms = ts;
		t->syms_cap = cap;
	}
	ts = &t->syms[t->nr_syms];
	memset(ts, 0, sizeof(*ts));
	ts->name = name;
	ts->addr = addr;
	ts->size = size;
	ts->type = type;
	ts->shndx = shndx;
	ts->order = t->nr_syms++;
	return 0;
}

static int kmend_cmp_tsym_addr(const void *a, const void *b)
{
	const struct kmend_tsym *x = *(void * const *)a;
	const struct kmend_tsym *y = *(void * const *)b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->order < y->order ? -1 : 1;
}

/* kallsyms has no sizes: a symbol runs to the next higher address. */
static int kmend_kallsyms_sizes(struct kmend_target *t)
{
	struct kmend_tsym **by_addr;
	size_t i, j;

	by_addr = kmend_zalloc(t->nr_syms * sizeof(*by_addr));
	if (!by_addr)
		return -1;
	for (i = 0; i < t->nr_syms; i++)
		by_addr[i] = &t->syms[i];
	qsort(by_addr, t->nr_syms, sizeof(*by_addr), kmend_cmp_tsym_addr);
	for (i = 0; i < t->nr_syms; i = j) {
		for (j = i + 1; j < t->nr_syms &&
		     by_addr[j]->addr == by_addr[i]->addr; j++)
			;
		for (size_t k = i; k < j; k++)
			by_addr[k]->size = j < t->nr_syms ?
				by_addr[j]->addr - by_addr[i]->addr : 0;
	}
	free(by_addr);
	return 0;
}

/* "ffffffff81000000 T _text" or "... t show\t[xfs]" */
static int kmend_parse_kallsyms(struct kmend_target *t, const char *path)
{
	bool vmlinux = !strcmp(t->objname, "vmlinux");
	char *line, *next, *name, *mod, type;
	unsigned long long addr;

	for (line = t->text; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? (*next = 0, next + 1) : line + strlen(line);
		addr = strtoull(line, &name, 16);
		if (name == line || name[0] != ' ' || !name[1] || name[2] != ' ') {
			kmend_err("%s: cannot read the line '%s'", path, line);
			return -1;
		}
		type = name[1];
		name += 3;
		mod = strchr(name, '\t');
		if (mod)
			*mod++ = 0;
		if (vmlinux ? mod != NULL :
		    !mod || strncmp(mod, "[", 1) || strncmp(mod + 1, t->objname,
		    strlen(t->objname)) || mod[1 + strlen(t->objname)] != ']')
			continue;
		if (kmend_add_tsym(t, name, addr, 0, type, 0))
			return -1;
	}
	return kmend_kallsyms_sizes(t);
}

/* A module's symbols as module_kallsyms lists them: defined, named,
 * allocated, not __init. */
static int kmend_read_ko_symbols(struct kmend_target *t)
{
	struct kmend_symbol *s;
	size_t i;
	char type;

	kmend_for_each_sym(t->ko, s, i) {
		if (!s->sec || !*s->name || kmend_is_section_sym(s) ||
		    s->type == STT_FILE || !kmend_is_alloc_sec(s->sec) ||
		    kmend_starts_with(s->sec->name, ".init"))
			continue;
		type = kmend_is_text_sec(s->sec) ? 't' : 'd';
		if (!kmend_is_local(s))
			type -= 'a' - 'A';
		if (kmend_add_tsym(t, s->name, s->sym.st_value, s->sym.st_size,
				   type, s->sec->idx))
			return -1;
	}
	return 0;
}

static int kmend_index_target(struct kmend_target *t)
{
	size_t i;

	if (kmend_hash_init(&t->names, t->nr_syms))
		return -1;
	for (i = 0; i < t->nr_syms; i++)
		kmend_hash_add(&t->names, &t->syms[i].hnode, t->syms[i].name);
	return 0;
}

/* vmlinux is an executable; a module's .ko is a relocatable object. */
static int kmend_open_image(struct kmend_target *t, const char *path)
{
	GElf_Ehdr eh;

	t->image_path = path;
	t->image_fd = open(path, O_RDONLY);
	if (t->image_fd < 0) {
		kmend_err_sys(path, "open");
		return -1;
	}
	t->image = elf_begin(t->image_fd, ELF_C_READ_MMAP, NULL);
	if (!t->image || !gelf_getehdr(t->image, &eh)) {
		kmend_err_elf(path, "elf_begin");
		return -1;
	}
	if (eh.e_type != ET_REL)
		return 0;
	elf_end(t->image);
	t->image = NULL;
	t->ko = kmend_elf_open(path);
	return t->ko ? 0 : -1;
}

struct kmend_target *kmend_target_load(const char *objname,
				       const char *symbols_path,
				       const char *image_path)
{
	struct kmend_target *t = kmend_zalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->objname = objname;
	t->image_fd = -1;
	t->debug_fd = -1;
	if (elf_version(EV_CURRENT) == EV_NONE)
		goto fail;
	if (image_path && kmend_open_image(t, image_path))
		goto fail;
	if (symbols_path && t->ko) {
		/* kallsyms lines have no section index into the .ko */
		kmend_err("%s is a module's .ko, whose own symbols are read: "
			  "it takes no --symbols %s", image_path, symbols_path);
		goto fail;
	}
	if (symbols_path) {
		t->text = kmend_read_file(symbols_path);
		if (!t->text || kmend_parse_kallsyms(t, symbols_path))
			goto fail;
	} else if (t->ko) {
		if (kmend_read_ko_symbols(t))
			goto fail;
	} else {
		kmend_err("no symbols for %s: give a kallsyms file or the "
			  "module's .ko", objname);
		goto fail;
	}
	if (kmend_index_target(t))
		goto fail;
	return t;
fail:
	kmend_target_free(t);
	return NULL;
}

void kmend_target_free(struct kmend_target *t)
{
	if (!t)
		return;
	if (t->image)
		elf_end(t->image);
	if (t->image_fd >= 0)
		close(t->image_fd);
	if (t->debug)
		elf_end(t->debug);
	if (t->debug_fd >= 0)
		close(t->debug_fd);
	kmend_elf_close(t->ko);
	kmend_hash_free(&t->names);
	free(t->syms);
	free(t->text);
	free(t);
}

/* @file is the source file of the target's local @name at @addr. */
static void kmend_set_tsym_file(struct kmend_target *t, const char *name,
				uint64_t addr, const char *file)
{
	struct kmend_tsym *ts;
	struct kmend_hnode *n;

	kmend_hash_for_each_match(&t->names, name, n) {
		ts = kmend_container_of(n, struct kmend_tsym, hnode);
		if (ts->addr == addr)
			ts->file = file;
	}
}

static Elf_Scn *kmend_find_symtab(Elf *e, GElf_Shdr *sh)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, sh) && sh->sh_type == SHT_SYMTAB &&
		    sh->sh_entsize)
			return scn;
	return NULL;
}

/*
 * The debug image's symbol table (Debian's linux-image-REL-dbg keeps it
 * whole; the image's is stripped) lists each object file's FILE symbol,
 * then that file's locals, in link order: it tells which file a static
 * of kallsyms comes from. The names point into the mapped image, kept
 * open with the target.
 */
int kmend_target_load_debug(struct kmend_target *t, const char *path)
{
	const char *file = NULL, *name;
	Elf_Data *data;
	GElf_Shdr sh;
	Elf_Scn *scn;
	GElf_Sym sym;
	size_t i;

	t->debug_fd = open(path, O_RDONLY);
	if (t->debug_fd < 0) {
		kmend_err_sys(path, "open");
		return -1;
	}
	t->debug = elf_begin(t->debug_fd, ELF_C_READ_MMAP, NULL);
	if (!t->debug) {
		kmend_err_elf(path, "elf_begin");
		return -1;
	}
	if (!(scn = kmend_find_symtab(t->debug, &sh)) || !(data = elf_getdata(scn, NULL))) {
		kmend_err("%s: no symbol table (.symtab): not a debug image", path);
		return -1;
	}
	for (i = 1; i < sh.sh_size / sh.sh_entsize; i++) {
		if (!gelf_getsym(data, i, &sym) ||
		    !(name = elf_strptr(t->debug, sh.sh_link, sym.st_name))) {
			kmend_err_elf(path, "gelf_getsym");
			return -1;
		}
		if (GELF_ST_TYPE(sym.st_info) == STT_FILE)
			file = name;
		else if (file && *name && GELF_ST_BIND(sym.st_info) == STB_LOCAL)
			kmend_set_tsym_file(t, name, sym.st_value, file);
	}
	return 0;
}

bool kmend_target_defines(const struct kmend_target *t, const char *name)
{
	return kmend_hash_first(&t->names, name) != NULL;
}

/* Copies the target's bytes of @ts into @buf; -1 if they are not there. */
static int kmend_target_bytes(const struct kmend_target *t,
			      const struct kmend_tsym *ts, unsigned char *buf,
			      size_t len)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (t->ko) {
		const struct kmend_section *sec = t->ko->secs[ts->shndx];

		if (!sec->data || ts->addr + len > sec->sh.sh_size)
			return -1;
		memcpy(buf, sec->data + ts->addr, len);
		return 0;
	}
	while ((scn = elf_nextscn(t->image, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    ts->addr < sh.sh_addr || ts->addr + len > sh.sh_addr + sh.sh_size)
			continue;
		if (pread(t->image_fd, buf, len, sh.sh_offset + ts->addr -
			  sh.sh_addr) == (ssize_t)len)
			return 0;
	}
	return -1;
}

static bool kmend_masked(const struct kmend_section *sec, GElf_Addr start,
			 GElf_Addr off)
{
	struct kmend_reloc *r;
	GElf_Addr at = start + off;

	if (!sec)
		return false;
	kmend_for_each_reloc_in(sec, r, at >= 8 ? at - 8 : 0, 16)
		if (r->offset <= at && at < r->offset +
		    kmend_arch_reloc_size(r->type))
			return true;
	return false;
}

/* A relocated field of @sec starts at @start + @off. */
static bool kmend_reloc_starts(const struct kmend_section *sec,
			       GElf_Addr start, GElf_Addr off)
{
	struct kmend_reloc *r = kmend_find_reloc(sec, start + off);

	return r && r->offset == start + off;
}

/*
 * How many bytes of ours a short jump of theirs at @theirs stands for: the
 * kernel's own build assembled a jump to code nearby in the same section
 * as 2 bytes (eb rel8, 7x rel8); with -ffunction-sections ours is a
 * relocated 5- or 6-byte one (e9 rel32, 0f 8x rel32). 0: not that case.
 */
static size_t kmend_relaxed_jump(const struct kmend_symbol *o, size_t i,
				 size_t len, const unsigned char *theirs,
				 size_t tleft)
{
	const unsigned char *mine = o->sec->data + o->sym.st_value;
	GElf_Addr start = o->sym.st_value;

	if (tleft < 2)
		return 0;
	if (i + 5 <= len && mine[i] == 0xe9 && theirs[0] == 0xeb &&
	    kmend_reloc_starts(o->sec, start, i + 1))
		return 5;
	if (i + 6 <= len && mine[i] == 0x0f && (mine[i + 1] & 0xf0) == 0x80 &&
	    theirs[0] == (0x70 | (mine[i + 1] & 0x0f)) &&
	    kmend_reloc_starts(o->sec, start, i + 2))
		return 6;
	return 0;
}

/* Is byte @off of function @o a jump label's code (a __jump_table entry)? */
static bool kmend_is_jump_label_site(const struct kmend_symbol *o, size_t off)
{
	const struct kmend_section *jt = kmend_find_section(o->elf, "__jump_table");
	struct kmend_reloc *r;

	if (!jt)
		return false;
	kmend_for_each_reloc(jt, r)
		if (r->offset % 16 == 0 && r->target == o &&
		    kmend_reloc_toff(r) == (GElf_Sxword)off)
			return true;
	return false;
}

/*
 * How many bytes of a jump label's jump of ours at @i a nop of theirs
 * stands for: where objtool runs only when the kernel or module is linked
 * (6.12 with IBT), our object still has the assembler's "jmp" (eb rel8 or
 * e9 rel32) at a jump label, which objtool turned into a nop of the same
 * length in the target. 0: not that case.
 */
static size_t kmend_nopped_jump_label(const struct kmend_symbol *o, size_t i,
				      size_t len, const unsigned char *theirs,
				      size_t tleft)
{
	const unsigned char *mine = o->sec->data + o->sym.st_value;
	size_t n = mine[i] == 0xeb ? 2 : mine[i] == 0xe9 ? 5 : 0;

	if (!n || i + n > len || n > tleft || !kmend_arch_is_padding(theirs, n) ||
	    !kmend_is_jump_label_site(o, i))
		return 0;
	return n;
}

/*
 * Do the target's bytes of @ts equal @o's, outside relocated fields (ours,
 * and the .ko's own), short jumps of theirs standing for our long ones?
 * Returns the length of the target's code that matches all of ours, or -1;
 * with @at_j, also where our byte @at_i is in theirs ((size_t)-1: nowhere).
 */
static long kmend_match_code_at(const struct kmend_target *t,
				const struct kmend_tsym *ts,
				const struct kmend_symbol *o,
				size_t at_i, size_t *at_j)
{
	const unsigned char *mine = o->sec->data + o->sym.st_value;
	const struct kmend_section *tsec = t->ko ? t->ko->secs[ts->shndx] : NULL;
	size_t i = 0, j = 0, n, len = o->sym.st_size;
	size_t tlen = t->ko && ts->size < len ? ts->size : len;
	unsigned char *theirs = malloc(len ? len : 1);
	long matched = -1;

	if (!theirs || kmend_target_bytes(t, ts, theirs, tlen))
		goto out;
	if (at_j)
		*at_j = (size_t)-1;
	while (i < len && j < tlen) {
		if (at_j && i == at_i)
			*at_j = j;
		if (mine[i] == theirs[j] || kmend_masked(o->sec, o->sym.st_value, i) ||
		    kmend_masked(tsec, ts->addr, j)) {
			i++, j++;
		} else if ((n = kmend_relaxed_jump(o, i, len, theirs + j,
						   tlen - j))) {
			i += n;
			j += 2;
		} else if ((n = kmend_nopped_jump_label(o, i, len, theirs + j,
							tlen - j))) {
			i += n;
			j += n;
		} else {
			goto out;
		}
	}
	if (i == len)
		matched = j;
out:
	free(theirs);
	return matched;
}

static long kmend_match_code(const struct kmend_target *t,
			     const struct kmend_tsym *ts,
			     const struct kmend_symbol *o)
{
	return kmend_match_code_at(t, ts, o, 0, NULL);
}

static bool kmend_has_code(const struct kmend_target *t)
{
	return t->ko || t->image;
}

/*
 * Is the target's size of @ts what the original object's @o implies? A
 * .ko has exact sizes. kallsyms sizes run to the next symbol: past the
 * padding to the next 16-byte boundary, and sometimes past code without
 * a symbol (a __weak function another file overrides). With the code at
 * hand, the function must end where ours does, followed by padding to the
 * next 16-byte boundary. That padding may begin a longer run: Debian 13's
 * toolchain fills the gap and the next function's 16-byte prefix with one
 * run of 10-byte nops ("cs nopw"), so the gap's last nop runs past the
 * boundary; whole nops are read up to two alignments.
 *
 * A function of a section aligned to less (a cold one, __cold or
 * .text.unlikely: GCC aligns those to 1) is padded only as far as the
 * next symbol's alignment needs, often not at all (mm/slub.c's slab_err
 * in 6.1.0-50's vmlinux ends where restore_bytes begins): its gap to the
 * next symbol must be shorter than that alignment and all padding.
 */
static bool kmend_size_fits(const struct kmend_target *t,
			    const struct kmend_tsym *ts,
			    const struct kmend_symbol *o, uint64_t want)
{
	uint64_t pad_len, gap_len;
	struct kmend_tsym gap = *ts;
	unsigned char pad[2 * KMEND_ARCH_FUNC_ALIGN];

	if (t->ko)
		return ts->size == want;
	if (!kmend_is_func(o) || ts->size < want)
		return ts->size >= want;
	if (!t->image)
		return ts->size - want < KMEND_ARCH_FUNC_ALIGN;
	gap.addr += want;
	if (o->sec->sh.sh_addralign < KMEND_ARCH_FUNC_ALIGN) {
		gap_len = ts->size - want;
		return gap_len < KMEND_ARCH_FUNC_ALIGN &&
		       (!gap_len || (!kmend_target_bytes(t, &gap, pad, gap_len) &&
				     kmend_arch_is_padding(pad, gap_len)));
	}
	pad_len = (KMEND_ARCH_FUNC_ALIGN - want % KMEND_ARCH_FUNC_ALIGN) %
		  KMEND_ARCH_FUNC_ALIGN;
	if (pad_len > ts->size - want)
		return false;
	gap_len = ts->size - want < sizeof(pad) ? ts->size - want : sizeof(pad);
	return !kmend_target_bytes(t, &gap, pad, gap_len) &&
	       kmend_arch_padding_len(pad, gap_len) >= pad_len;
}

static bool kmend_is_code_type(char type)
{
	return type == 't' || type == 'T' || type == 'w' || type == 'W';
}

/* How many of @ts's neighbours in the symbol table are ours? */
static int kmend_locality(struct kmend_diff *d, const struct kmend_target *t,
			  const struct kmend_tsym *ts)
{
	size_t lo = ts->order >= 8 ? ts->order - 8 : 0, i;
	struct kmend_symbol *s;
	int score = 0;

	for (i = lo; i < t->nr_syms && i <= ts->order + 8; i++) {
		if (i == ts->order)
			continue;
		s = kmend_find_symbol(d->orig, t->syms[i].name);
		if (s && s->sec)
			score++;
	}
	return score;
}

struct kmend_pick {
	const struct kmend_tsym *best;
	unsigned long sympos;
	int nr, nr_fit, best_score;
	bool tie;
};

/*
 * @replaced: @o is a function the patch replaces, whose size and code
 * must match even when its name alone would find it.
 */
static void kmend_consider(struct kmend_diff *d, struct kmend_pick *p,
			   const struct kmend_tsym *ts,
			   const struct kmend_symbol *o, bool replaced)
{
	const struct kmend_target *t = d->target;
	uint64_t want;
	int score;

	p->nr++;
	if (!o->sec || o->bind == STB_WEAK ||
	    (o->bind == STB_GLOBAL && !replaced)) {
		/*
		 * Defined in another file, weak here (another file may
		 * override it), or a global this file defines that the patch
		 * only refers to: known by its name only. (A referred global
		 * needs no fitting: its name is unique, and an assembly one
		 * like a static call trampoline, 8-byte aligned in
		 * .static_call.text, would not fit a C function's padding.)
		 */
		score = ts->type >= 'A' && ts->type <= 'Z';
	} else {
		if (kmend_is_func(o) != kmend_is_code_type(ts->type))
			return;
		/* with the code at hand, its size is what ours matched */
		want = o->sym.st_size;
		if (kmend_is_func(o) && kmend_has_code(t) &&
		    (want = kmend_match_code(t, ts, o)) == (uint64_t)-1)
			return;
		if (kmend_is_sized(o) && !kmend_size_fits(t, ts, o, want))
			return;
		score = kmend_locality(d, t, ts);
	}
	p->nr_fit++;
	if (!p->best || score > p->best_score) {
		p->best = ts;
		p->best_score = score;
		p->sympos = p->nr;
		p->tie = false;
	} else if (score == p->best_score) {
		p->tie = true;
	}
}

const struct kmend_tsym *kmend_func_in_target(struct kmend_diff *d,
					      const struct kmend_symbol *f)
{
	struct kmend_pick p = { 0 };
	struct kmend_hnode *n;

	kmend_hash_for_each_match(&d->target->names, f->name, n)
		kmend_consider(d, &p, kmend_container_of(n, struct kmend_tsym,
							 hnode), f, false);
	return p.tie ? NULL : p.best;
}

/*
 * Where in vmlinux the code of our function @f refers to what @r of @f
 * designates: that symbol's address there, or 0. The code check matches
 * f's bytes, so the field is where ours is, give or take the short jumps
 * before it.
 */
static uint64_t kmend_referenced_addr(struct kmend_diff *d,
				      const struct kmend_symbol *f,
				      const struct kmend_reloc *r)
{
	const struct kmend_target *t = d->target;
	const struct kmend_tsym *tf = kmend_func_in_target(d, f);
	struct kmend_tsym field;
	unsigned char buf[8];
	size_t j;
	uint64_t addr;

	if (!tf || kmend_match_code_at(t, tf, f, r->offset - f->sym.st_value, &j) < 0 ||
	    j == (size_t)-1)
		return 0;
	field = *tf;
	field.addr += j;
	if (kmend_target_bytes(t, &field, buf, kmend_arch_reloc_size(r->type)) ||
	    !kmend_arch_field_designates(r, field.addr, buf, &addr))
		return 0;
	return addr - kmend_reloc_toff(r);
}

/*
 * Same-named statics all alike (__already_done.3 of WARN_ONCE: every
 * file's sit together in .data..once, so each has neighbours of our
 * names): the one our functions' code in vmlinux refers to is ours (the
 * first function of ours found there that refers to @o). Sets
 * @p's pick and returns true if a function's reference tells.
 */
static bool kmend_pick_by_reference(struct kmend_diff *d, struct kmend_pick *p,
				    const struct kmend_symbol *o)
{
	const struct kmend_target *t = d->target;
	const struct kmend_tsym *ts;
	struct kmend_symbol *f;
	struct kmend_reloc *r;
	struct kmend_hnode *n;
	uint64_t addr = 0;
	unsigned long k;
	size_t i;

	if (!t->image)
		return false;
	kmend_for_each_sym(d->orig, f, i) {
		if (!kmend_is_func(f) || !kmend_is_sized(f) || !f->sec)
			continue;
		kmend_for_each_reloc_in(f->sec, r, f->sym.st_value, f->sym.st_size)
			if (r->target == o && (addr = kmend_referenced_addr(d, f, r)))
				goto found;
	}
	return false;
found:
	k = 0;
	kmend_hash_for_each_match(&t->names, o->name, n) {
		ts = kmend_container_of(n, struct kmend_tsym, hnode);
		k++;
		if (ts->addr != addr)
			continue;
		p->best = ts;
		p->sympos = k;
		p->tie = false;
		return true;
	}
	return false;
}

/* The source file an object was compiled from: its FILE symbol. */
static const char *kmend_source_file(const struct kmend_elf *elf)
{
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(elf, s, i)
		if (s->type == STT_FILE)
			return s->name;
	return NULL;
}

/*
 * Same-named statics that neither locality nor code tells apart
 * (nodes_per_socket of arch/x86/kernel/cpu/amd.c and hygon.c, both in
 * .data among symbols of other names): the one the debug image places
 * in a file of our source's name is ours, when it is the only one.
 * Sets @p's pick and returns true if that tells.
 */
static bool kmend_pick_by_file(struct kmend_diff *d, struct kmend_pick *p,
			       const struct kmend_symbol *o)
{
	const char *file = kmend_source_file(d->orig);
	const struct kmend_tsym *ts, *best = NULL;
	struct kmend_hnode *n;
	unsigned long k = 0, pos = 0;

	if (!d->target->debug || !file)
		return false;
	kmend_hash_for_each_match(&d->target->names, o->name, n) {
		ts = kmend_container_of(n, struct kmend_tsym, hnode);
		k++;
		if (!ts->file || strcmp(ts->file, file))
			continue;
		if (best)
			return false;	/* two files of that name */
		best = ts;
		pos = k;
	}
	if (!best)
		return false;
	p->best = best;
	p->sympos = pos;
	p->tie = false;
	return true;
}

/*
 * Finds @o (a symbol of the original object) in the target. Returns 0 and
 * sets *sympos (0 when the name is unique) and *found, or -1 after saying
 * why.
 */
static int kmend_find_in_target(struct kmend_diff *d,
				const struct kmend_symbol *o, bool replaced,
				unsigned long *sympos,
				const struct kmend_tsym **found)
{
	struct kmend_pick p = { 0 };
	struct kmend_hnode *n;

	kmend_hash_for_each_match(&d->target->names, o->name, n)
		kmend_consider(d, &p, kmend_container_of(n, struct kmend_tsym,
							 hnode), o, replaced);
	if (!p.nr) {
		kmend_err("%s: %s is not in %s of the target kernel",
			  d->orig->path, o->name, d->objname);
		return -1;
	}
	if (!p.best) {
		kmend_err("%s: %s: none of the %d symbols of that name in %s of "
			  "the target kernel has the original object's size "
			  "and code: the source or config does not match the "
			  "target", d->orig->path, o->name, p.nr, d->objname);
		return -1;
	}
	if (p.tie && !kmend_pick_by_reference(d, &p, o) &&
	    !kmend_pick_by_file(d, &p, o)) {
		kmend_err("%s: %s: cannot tell which of the %d symbols of that "
			  "name in %s is this file's%s", d->orig->path, o->name,
			  p.nr, d->objname, d->target->debug ?
			  " (the debug image has no single one of this file's)" :
			  !strcmp(d->objname, "vmlinux") ?
			  ": its debug image (--debug-image) tells" : "");
		return -1;
	}
	*sympos = p.nr == 1 ? 0 : p.sympos;
	*found = p.best;
	return 0;
}

int kmend_target_sympos(struct kmend_diff *d, struct kmend_symbol *s,
			unsigned long *sympos)
{
	const struct kmend_tsym *ts;

	*sympos = 0;
	if (!d->target)
		return 0;
	if (s->elf == d->patched && s->twin)
		s = s->twin;
	return kmend_find_in_target(d, s, false, sympos, &ts);
}

static int kmend_check_function(struct kmend_diff *d, struct kmend_symbol *s)
{
	struct kmend_symbol *o = s->twin;
	const struct kmend_tsym *ts;
	unsigned long pos;

	if (kmend_find_in_target(d, o, true, &pos, &ts))
		return -1;
	s->sympos = o->sympos = pos;
	kmend_report(d, "target %s sympos %lu size %lu%s", o->name, pos,
		     (unsigned long)o->sym.st_size,
		     kmend_has_code(d->target) ? " code matches" : "");
	return 0;
}

int kmend_check_target(struct kmend_diff *d)
{
	struct kmend_symbol *s;
	size_t i;

	if (!d->target)
		return 0;
	kmend_for_each_sym(d->patched, s, i) {
		if (!kmend_is_func(s) || !s->include || s->status != KMEND_CHANGED ||
		    s->parent)
			continue;
		if (kmend_check_function(d, s))
			return -1;
	}
	return 0;
}
