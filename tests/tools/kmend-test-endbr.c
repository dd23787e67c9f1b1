// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-test-endbr MODULE MODULE.ko PREFIX - check, in the guest, that
 * nothing MODULE may branch to indirectly lands where IBT would fault.
 *
 * On a CPU with IBT the kernel seals at boot the ENDBR64 of every vmlinux
 * function whose address it never takes, and an indirect call or jump to a
 * sealed function raises #CP. QEMU's TCG has no IBT, so the guest cannot
 * fault; this tool checks instead what the hardware would, reading the
 * live kernel's memory through /proc/kcore:
 *
 *  1. every static call trampoline of MODULE (__SCT__<PREFIX><name>, the
 *     way kmend.ko calls private kernel functions) is a direct jmp to the
 *     kernel function <name>, as kallsyms gives it;
 *  2. every word of MODULE's data objects (the OBJECT symbols of MODULE.ko
 *     in its allocated, non-executable sections: data, read-only data,
 *     bss, at the addresses sysfs gives their sections) that points into
 *     vmlinux's text is the start of an exported function (its address
 *     is taken by __ksymtab, so it is never sealed) beginning with
 *     ENDBR64; a pointer to any other kernel function is an error;
 *  3. every such word that is the start of one of MODULE's own functions
 *     points at an ENDBR64 (the compiler puts one in every function whose
 *     address is taken, objtool seals the others).
 * Static call keys (__SCK__*) hold their function and trampolines
 * (__SCT__*) are only called directly, so both are left out of 2 and 3.
 *
 * On a kernel without IBT (6.1), functions have no ENDBR64 and 2 and 3
 * only require exported functions. Exit: 0 all good, 1 a check failed,
 * 2 the tool could not read what it needs. Prints one line per finding.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ENDBR64		0xfa1e0ff3u	/* f3 0f 1e fa, little endian */

struct sym {
	uint64_t addr;
	char type;
	char *name;
	int in_mod;	/* belongs to MODULE */
};

static struct sym *syms;
static size_t nsyms;
static int kcore = -1;
static Elf64_Phdr *phdrs;
static int nphdrs;
static int ibt;

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Reads /proc/kallsyms: every symbol, MODULE's marked. */
static int load_kallsyms(const char *module)
{
	char line[512], name[256], mod[128];
	unsigned long long addr;
	size_t cap = 0;
	char type;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f) {
		fprintf(stderr, "kmend-test-endbr: /proc/kallsyms: %s\n", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		mod[0] = 0;
		if (sscanf(line, "%llx %c %255s [%127[^]]]", &addr, &type, name, mod) < 3)
			continue;
		if (nsyms == cap) {
			cap = cap ? 2 * cap : 65536;
			syms = realloc(syms, cap * sizeof(*syms));
			if (!syms) {
				fprintf(stderr, "kmend-test-endbr: out of memory\n");
				fclose(f);
				return -1;
			}
		}
		syms[nsyms].addr = addr;
		syms[nsyms].type = type;
		syms[nsyms].name = strdup(name);
		syms[nsyms].in_mod = !strcmp(mod, module);
		if (!mod[0])
			syms[nsyms].in_mod = -1;	/* vmlinux */
		nsyms++;
	}
	fclose(f);
	qsort(syms, nsyms, sizeof(*syms), cmp_sym);
	return 0;
}

/* The first vmlinux (in_mod -1) or MODULE (1) symbol named @name. */
static struct sym *find_sym(const char *name, int in_mod)
{
	size_t i;

	for (i = 0; i < nsyms; i++)
		if (syms[i].in_mod == in_mod && !strcmp(syms[i].name, name))
			return &syms[i];
	return NULL;
}

/* A text symbol of vmlinux (-1) or MODULE (1) starting exactly at @addr. */
static struct sym *func_at(uint64_t addr, int in_mod)
{
	size_t lo = 0, hi = nsyms;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (syms[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* __pfx_ symbols name the padding before a function, not an entry. */
	for (; lo < nsyms && syms[lo].addr == addr; lo++)
		if (syms[lo].in_mod == in_mod &&
		    (syms[lo].type == 't' || syms[lo].type == 'T') &&
		    strncmp(syms[lo].name, "__pfx_", 6))
			return &syms[lo];
	return NULL;
}

static int open_kcore(void)
{
	Elf64_Ehdr eh;

	kcore = open("/proc/kcore", O_RDONLY);
	if (kcore < 0 || pread(kcore, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_phentsize != sizeof(Elf64_Phdr)) {
		fprintf(stderr, "kmend-test-endbr: /proc/kcore: cannot read its ELF header\n");
		return -1;
	}
	nphdrs = eh.e_phnum;
	phdrs = calloc(nphdrs, sizeof(*phdrs));
	if (!phdrs || pread(kcore, phdrs, nphdrs * sizeof(*phdrs), eh.e_phoff) !=
		      (ssize_t)(nphdrs * sizeof(*phdrs))) {
		fprintf(stderr, "kmend-test-endbr: /proc/kcore: cannot read its program headers\n");
		return -1;
	}
	return 0;
}

/* Reads @len bytes of kernel memory at @addr; 0 or -1. */
static int kread(uint64_t addr, void *buf, size_t len)
{
	int i;

	for (i = 0; i < nphdrs; i++) {
		Elf64_Phdr *p = &phdrs[i];

		if (p->p_type != PT_LOAD || addr < p->p_vaddr ||
		    addr + len > p->p_vaddr + p->p_memsz)
			continue;
		if (pread(kcore, buf, len, p->p_offset + (addr - p->p_vaddr)) == (ssize_t)len)
			return 0;
	}
	return -1;
}

static int starts_with_endbr(uint64_t addr)
{
	uint32_t insn;

	return !kread(addr, &insn, sizeof(insn)) && insn == ENDBR64;
}

/* 1: every __SCT__<prefix>NAME trampoline jumps straight to NAME. */
static int check_static_calls(const char *prefix, int *count)
{
	size_t plen = strlen("__SCT__") + strlen(prefix), i;
	char want[128];
	int bad = 0;

	snprintf(want, sizeof(want), "__SCT__%s", prefix);
	for (i = 0; i < nsyms; i++) {
		struct sym *t = &syms[i], *fn;
		unsigned char insn[5];
		int32_t rel;
		uint64_t dest;

		if (t->in_mod != 1 || strncmp(t->name, want, plen))
			continue;
		++*count;
		fn = find_sym(t->name + plen, -1);
		if (!fn) {
			printf("FAIL static call %s: no kernel function %s\n", t->name, t->name + plen);
			bad = 1;
			continue;
		}
		if (kread(t->addr, insn, sizeof(insn))) {
			printf("FAIL static call %s: cannot read it\n", t->name);
			bad = 1;
			continue;
		}
		memcpy(&rel, insn + 1, sizeof(rel));
		dest = t->addr + 5 + rel;
		if (insn[0] != 0xe9 || dest != fn->addr) {
			printf("FAIL static call %s: %02x %02x %02x %02x %02x is not a jmp to %s (%llx)\n",
			       t->name, insn[0], insn[1], insn[2], insn[3], insn[4], fn->name,
			       (unsigned long long)fn->addr);
			bad = 1;
			continue;
		}
		printf("ok static call %s: direct jmp to %s\n", t->name, fn->name);
	}
	return bad;
}

/* 2 and 3 for one word of MODULE's data at @where, holding @val. */
static int check_pointer(const char *owner, uint64_t off, uint64_t val,
			 uint64_t stext, uint64_t etext)
{
	struct sym *fn;
	char ksymtab[300];

	if (val >= stext && val < etext) {
		fn = func_at(val, -1);
		snprintf(ksymtab, sizeof(ksymtab), "__ksymtab_%s", fn ? fn->name : "");
		if (!fn || !find_sym(ksymtab, -1)) {
			printf("FAIL %s+%#llx points to %s (%llx), a kernel function that is not exported: IBT may seal it\n",
			       owner, (unsigned long long)off,
			       fn ? fn->name : "kernel text", (unsigned long long)val);
			return 1;
		}
	} else {
		fn = func_at(val, 1);
		if (!fn || !strncmp(fn->name, "__SCT__", 7))
			return 0;
	}
	if (ibt && !starts_with_endbr(val)) {
		printf("FAIL %s+%#llx points to %s, which does not start with ENDBR64\n",
		       owner, (unsigned long long)off, fn->name);
		return 1;
	}
	printf("ok %s+%#llx: %s%s\n", owner, (unsigned long long)off,
	       fn->name, ibt ? " starts with ENDBR64" : "");
	return 0;
}

/* The load address of MODULE's section @name, from sysfs; 0 if none. */
static uint64_t section_base(const char *module, const char *name)
{
	unsigned long long addr = 0;
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/sections/%s", module, name);
	f = fopen(path, "r");
	if (!f)
		return 0;	/* not loaded (.modinfo) or freed (.init.*) */
	if (fscanf(f, "%llx", &addr) != 1)
		addr = 0;
	fclose(f);
	return addr;
}

struct elf_file {
	unsigned char *data;
	size_t size;
	Elf64_Shdr *shdrs;
	unsigned int nsec;
	const char *shstr;
};

static int load_elf(const char *path, struct elf_file *ef)
{
	Elf64_Ehdr *eh;
	FILE *f = fopen(path, "rb");
	long size;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < (long)sizeof(*eh) ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "kmend-test-endbr: %s: cannot read it\n", path);
		return -1;
	}
	ef->size = size;
	ef->data = malloc(size);
	if (!ef->data || fread(ef->data, 1, size, f) != (size_t)size) {
		fprintf(stderr, "kmend-test-endbr: %s: cannot read it\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	eh = (Elf64_Ehdr *)ef->data;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shstrndx >= eh->e_shnum ||
	    eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > ef->size) {
		fprintf(stderr, "kmend-test-endbr: %s: not a 64-bit ELF object\n", path);
		return -1;
	}
	ef->shdrs = (Elf64_Shdr *)(ef->data + eh->e_shoff);
	ef->nsec = eh->e_shnum;
	if (ef->shdrs[eh->e_shstrndx].sh_offset >= ef->size) {
		fprintf(stderr, "kmend-test-endbr: %s: bad section name table\n", path);
		return -1;
	}
	ef->shstr = (const char *)ef->data + ef->shdrs[eh->e_shstrndx].sh_offset;
	return 0;
}

/* 2 and 3 over one data object of MODULE, @size bytes at @addr. */
static int check_object(const char *name, uint64_t addr, uint64_t size, int *words)
{
	struct sym *st = find_sym("_stext", -1), *et = find_sym("_etext", -1);
	uint64_t val, off;
	int bad = 0;

	for (off = 0; off + 8 <= size; off += 8) {
		if (kread(addr + off, &val, sizeof(val))) {
			printf("FAIL %s: cannot read it at %llx\n", name, (unsigned long long)addr);
			return 1;
		}
		if (val < 0xffff800000000000ull)
			continue;
		++*words;
		bad |= check_pointer(name, off, val, st->addr, et->addr);
	}
	return bad;
}

/*
 * 2 and 3 over every data object of MODULE: its symbols of type OBJECT in
 * the allocated, non-executable sections of KO, each at its section's
 * load address (sysfs) plus its value, for its size.
 */
static int check_data(const char *module, const char *ko, int *words)
{
	struct elf_file ef;
	unsigned int i;
	int bad = 0;

	if (!find_sym("_stext", -1) || !find_sym("_etext", -1)) {
		fprintf(stderr, "kmend-test-endbr: no _stext or _etext in /proc/kallsyms\n");
		return -1;
	}
	if (load_elf(ko, &ef))
		return -1;
	for (i = 0; i < ef.nsec; i++) {
		Elf64_Shdr *symtab = &ef.shdrs[i], *strtab;
		Elf64_Sym *sym;
		size_t n, j;

		if (symtab->sh_type != SHT_SYMTAB || symtab->sh_link >= ef.nsec ||
		    symtab->sh_offset + symtab->sh_size > ef.size)
			continue;
		strtab = &ef.shdrs[symtab->sh_link];
		sym = (Elf64_Sym *)(ef.data + symtab->sh_offset);
		n = symtab->sh_size / sizeof(*sym);
		for (j = 0; j < n; j++) {
			const char *name = (const char *)ef.data + strtab->sh_offset + sym[j].st_name;
			Elf64_Shdr *sec;
			uint64_t base;

			if (ELF64_ST_TYPE(sym[j].st_info) != STT_OBJECT || !sym[j].st_size ||
			    sym[j].st_shndx == SHN_UNDEF || sym[j].st_shndx >= ef.nsec ||
			    !strncmp(name, "__SCK__", 7))
				continue;
			sec = &ef.shdrs[sym[j].st_shndx];
			if (!(sec->sh_flags & SHF_ALLOC) || (sec->sh_flags & SHF_EXECINSTR))
				continue;
			base = section_base(module, ef.shstr + sec->sh_name);
			if (!base)
				continue;
			bad |= check_object(name, base + sym[j].st_value, sym[j].st_size, words);
		}
	}
	return bad;
}

int main(int argc, char **argv)
{
	struct sym *probe;
	int calls = 0, words = 0, bad;

	if (argc != 4) {
		fprintf(stderr, "usage: kmend-test-endbr MODULE MODULE.ko STATIC_CALL_PREFIX\n");
		return 2;
	}
	if (load_kallsyms(argv[1]) || open_kcore())
		return 2;
	probe = find_sym("_stext", -1);
	if (!probe || !probe->addr) {
		fprintf(stderr, "kmend-test-endbr: /proc/kallsyms shows no addresses (run as root)\n");
		return 2;
	}
	/* An IBT kernel puts ENDBR64 at the start of its exported functions. */
	probe = find_sym("_printk", -1);
	ibt = probe && starts_with_endbr(probe->addr);
	printf("kernel built with IBT: %s\n", ibt ? "yes" : "no");

	bad = check_static_calls(argv[3], &calls);
	if (!calls) {
		printf("FAIL no static call trampoline __SCT__%s* in %s\n", argv[3], argv[1]);
		bad = 1;
	}
	switch (check_data(argv[1], argv[2], &words)) {
	case -1:
		return 2;
	case 1:
		bad = 1;
	}
	printf("%d static calls, %d kernel pointers in %s's data: %s\n", calls, words,
	       argv[1], bad ? "FAIL" : "ok");
	return bad;
}
