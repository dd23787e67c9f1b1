// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_kallsyms.c - reading the kallsyms tables out of a stripped vmlinux.
 *
 * Debian ships vmlinuz without a symbol table and a stub System.map, but
 * the kernel carries its own symbol table for /proc/kallsyms in .rodata,
 * written by scripts/kallsyms as consecutive 8-byte-aligned arrays:
 *
 *	kallsyms_offsets	s32[N]
 *	kallsyms_relative_base	u64
 *	kallsyms_num_syms	u32	N
 *	kallsyms_names		per symbol: length (1 or 2 bytes, ULEB128)
 *				and that many token numbers; the first
 *				character of the expansion is the type
 *	kallsyms_markers	u32[(N + 255) / 256]: offsets in names
 *	kallsyms_seqs_of_names	3 bytes[N], big-endian symbol numbers
 *	kallsyms_token_table	256 NUL-terminated strings
 *	kallsyms_token_index	u16[256]: offsets in the token table
 *
 * That is Linux 6.1's order. Since 6.2 (scripts/kallsyms "change the
 * output order", 6.12 included) it is num_syms, names, markers,
 * token_table, token_index, offsets, relative_base, seqs_of_names: the
 * token table follows the markers, and the offsets follow its index.
 *
 * No labels survive stripping, so the tables are found by their shape:
 * the token table holds the digits "0".."9" as tokens 0x30..0x39 (digits
 * appear in symbols, so they are never reused for pairs), its index
 * follows it, and N is the one value for which markers, (in 6.1)
 * sequence numbers, and names all fit before the token table, behind a
 * kallsyms_num_syms of N.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kmend_kallsyms.h"
#include "kmend_util.h"

struct kmend_ksyms {
	const char *path;
	const unsigned char *ro;	/* .rodata */
	size_t ro_size;
	uint64_t ro_addr;
	size_t token_table, token_index[256];
	size_t token_index_at;		/* kallsyms_token_index itself */
	size_t names, markers, offsets;
	uint32_t nr;
	uint64_t relative_base;
};

#define KMEND_ALIGN8(x) (((x) + 7) & ~(size_t)7)

static uint32_t kmend_u32(const struct kmend_ksyms *k, size_t off)
{
	uint32_t v;

	memcpy(&v, k->ro + off, 4);
	return v;
}

/* The end of the NUL-terminated string at @off, or 0 past .rodata. */
static size_t kmend_str_end(const struct kmend_ksyms *k, size_t off)
{
	const unsigned char *nul;

	if (off >= k->ro_size)
		return 0;
	nul = memchr(k->ro + off, 0, k->ro_size - off);
	return nul ? (size_t)(nul - k->ro) + 1 : 0;
}

/*
 * Is there a token table whose token 0x30 ("0") is at @digits, followed
 * by its index? Fills in both if so.
 */
static bool kmend_try_token_table(struct kmend_ksyms *k, size_t digits)
{
	size_t end = digits, idx, start;
	uint16_t v[256];
	int i;

	for (i = 0x30; i < 256; i++)
		if (!(end = kmend_str_end(k, end)))
			return false;
	idx = KMEND_ALIGN8(end);
	if (idx + sizeof(v) > k->ro_size)
		return false;
	memcpy(v, k->ro + idx, sizeof(v));
	if (v[0] != 0 || v[0x30] > digits)
		return false;
	start = digits - v[0x30];
	for (i = 0; i < 256; i++)
		if (kmend_str_end(k, start + v[i]) !=
		    (i < 255 ? start + v[i + 1] : end))
			return false;
	k->token_table = start;
	k->token_index_at = idx;
	for (i = 0; i < 256; i++)
		k->token_index[i] = start + v[i];
	return true;
}

static int kmend_find_tokens(struct kmend_ksyms *k)
{
	static const char digits[] = "0\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0"
				     "7\0" "8\0" "9";
	const unsigned char *p = k->ro;

	while ((p = memmem(p, k->ro + k->ro_size - p, digits, sizeof(digits)))) {
		if (kmend_try_token_table(k, p - k->ro))
			return 0;
		p++;
	}
	kmend_err("%s: no kallsyms token table in .rodata (CONFIG_KALLSYMS off, "
		  "or not a Linux 6.x kernel?)", k->path);
	return -1;
}

/* The length of the symbol at @off in the names table, and its header. */
static size_t kmend_name_len(const struct kmend_ksyms *k, size_t off,
			     size_t *hdr)
{
	size_t len = k->ro[off];

	*hdr = 1;
	if (len & 0x80) {
		len = (len & 0x7f) | ((size_t)k->ro[off + 1] << 7);
		*hdr = 2;
	}
	return len;
}

/* Do @nr names starting at @names end where the markers begin? */
static bool kmend_names_fit(struct kmend_ksyms *k, size_t names, uint32_t nr,
			    size_t markers)
{
	size_t off = names, hdr, i;

	for (i = 0; i < nr; i++) {
		if (i % 256 == 0 && kmend_u32(k, markers + i / 256 * 4) !=
		    off - names)
			return false;
		off += kmend_name_len(k, off, &hdr) + hdr;
		if (off > markers)
			return false;
	}
	return KMEND_ALIGN8(off) == markers;
}

/* Do @nr_markers markers at @markers start at 0 and rise? */
static bool kmend_markers_rise(const struct kmend_ksyms *k, size_t markers,
			       size_t nr_markers)
{
	size_t i;

	if (kmend_u32(k, markers) != 0)
		return false;
	for (i = 1; i < nr_markers; i++)
		if (kmend_u32(k, markers + i * 4) <= kmend_u32(k, markers + (i - 1) * 4))
			return false;
	return true;
}

/*
 * kallsyms_num_syms (a u32 padded to 8 bytes), then names that end where
 * the markers begin: searched down from @from. With @nr 0, any count
 * that @nr_markers markers fit.
 */
static bool kmend_find_names(struct kmend_ksyms *k, size_t from,
			     size_t markers, size_t nr_markers, uint32_t nr)
{
	uint32_t n;
	size_t s;

	for (s = from & ~(size_t)7; s >= 8; s -= 8) {
		n = kmend_u32(k, s - 8);
		if (kmend_u32(k, s - 4) != 0 || (nr ? n != nr : (n + 255) / 256 != nr_markers))
			continue;
		if (!kmend_names_fit(k, s, n, markers))
			continue;
		k->names = s;
		k->markers = markers;
		k->nr = n;
		return true;
	}
	return false;
}

/* Linux 6.1: with @nr symbols, do the tables before the token table line up? */
static bool kmend_try_count(struct kmend_ksyms *k, uint32_t nr)
{
	size_t nr_markers = (nr + 255) / 256, seqs, markers;

	if ((size_t)nr * 3 + nr_markers * 4 + 64 > k->token_table)
		return false;
	seqs = (k->token_table - (size_t)nr * 3) & ~(size_t)7;
	if (KMEND_ALIGN8(seqs + (size_t)nr * 3) != k->token_table)
		return false;
	markers = (seqs - nr_markers * 4) & ~(size_t)7;
	if (KMEND_ALIGN8(markers + nr_markers * 4) != seqs ||
	    !kmend_markers_rise(k, markers, nr_markers))
		return false;
	return kmend_find_names(k, markers, markers, nr_markers, nr);
}

/*
 * Linux 6.2 and later: with @nr_markers markers ending at the token
 * table, is there a kallsyms_num_syms before names that fit them?
 */
static bool kmend_try_markers(struct kmend_ksyms *k, size_t nr_markers)
{
	size_t markers, shortest;

	if (nr_markers * 4 + 64 > k->token_table)
		return false;
	markers = (k->token_table - nr_markers * 4) & ~(size_t)7;
	if (KMEND_ALIGN8(markers + nr_markers * 4) != k->token_table ||
	    !kmend_markers_rise(k, markers, nr_markers))
		return false;
	/* the names are at least as long as the last marker says */
	shortest = kmend_u32(k, markers + (nr_markers - 1) * 4);
	if (shortest + 8 > markers)
		return false;
	return kmend_find_names(k, markers - shortest, markers, nr_markers, 0);
}

/* Linux 6.2 and later: the offsets and base follow the token index. */
static int kmend_find_tables_6_2(struct kmend_ksyms *k)
{
	size_t nr_markers, base;

	for (nr_markers = 1; nr_markers < 16384; nr_markers++)
		if (kmend_try_markers(k, nr_markers))
			break;
	if (!k->nr)
		return -1;
	k->offsets = KMEND_ALIGN8(k->token_index_at + 256 * 2);
	base = KMEND_ALIGN8(k->offsets + (size_t)k->nr * 4);
	if (base + 8 + (size_t)k->nr * 3 > k->ro_size) {
		kmend_err("%s: the kallsyms offsets of %u symbols run past .rodata",
			  k->path, k->nr);
		return -1;
	}
	memcpy(&k->relative_base, k->ro + base, 8);
	return 0;
}

/* Linux 6.1: everything but the token table and its index comes before. */
static int kmend_find_tables_6_1(struct kmend_ksyms *k)
{
	size_t num, base;
	uint32_t nr;

	for (nr = 1000; nr < 4000000; nr++)
		if (kmend_try_count(k, nr))
			break;
	if (!k->nr)
		return -1;
	num = k->names - 8;
	base = num - 8;
	memcpy(&k->relative_base, k->ro + base, 8);
	k->offsets = (base - (size_t)k->nr * 4) & ~(size_t)7;
	if (KMEND_ALIGN8(k->offsets + (size_t)k->nr * 4) != base) {
		kmend_err("%s: the kallsyms offsets do not fit before the base",
			  k->path);
		return -1;
	}
	return 0;
}

static int kmend_find_tables(struct kmend_ksyms *k)
{
	if (!kmend_find_tables_6_2(k) || (!k->nr && !kmend_find_tables_6_1(k)))
		return 0;
	if (!k->nr)
		kmend_err("%s: found the kallsyms token table but not the "
			  "symbol names before it (neither Linux 6.1's nor "
			  "6.2's table order)", k->path);
	return -1;
}

/*
 * CONFIG_KALLSYMS_ABSOLUTE_PERCPU: non-negative offsets are absolute
 * (per-CPU symbols), negative ones count down from the base. Without it
 * every offset counts up from the base. Most symbols are code, so the
 * sign of most offsets tells.
 */
static bool kmend_absolute_percpu(const struct kmend_ksyms *k)
{
	size_t i, negative = 0;

	for (i = 0; i < k->nr; i++)
		negative += (int32_t)kmend_u32(k, k->offsets + i * 4) < 0;
	return negative > k->nr / 2;
}

static size_t kmend_expand(const struct kmend_ksyms *k, size_t off,
			   char *buf, size_t size)
{
	size_t hdr, len = kmend_name_len(k, off, &hdr), i, n = 0;
	const char *tok;

	for (i = 0; i < len; i++) {
		tok = (const char *)k->ro + k->token_index[k->ro[off + hdr + i]];
		while (*tok && n + 1 < size)
			buf[n++] = *tok++;
	}
	buf[n] = 0;
	return off + hdr + len;
}

static void kmend_print_symbols(const struct kmend_ksyms *k, FILE *out)
{
	bool abs_percpu = kmend_absolute_percpu(k);
	size_t i, off = k->names;
	uint64_t addr;
	int32_t rel;
	char buf[1024];

	for (i = 0; i < k->nr; i++) {
		off = kmend_expand(k, off, buf, sizeof(buf));
		rel = (int32_t)kmend_u32(k, k->offsets + i * 4);
		if (!abs_percpu)
			addr = k->relative_base + (uint32_t)rel;
		else if (rel >= 0)
			addr = rel;
		else
			addr = k->relative_base - 1 - rel;
		fprintf(out, "%016llx %c %s\n", (unsigned long long)addr,
			buf[0], buf + 1);
	}
}

static int kmend_read_rodata(struct kmend_ksyms *k, Elf *elf)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	Elf_Data *data;
	GElf_Shdr sh;
	const char *name;

	if (elf_getshdrstrndx(elf, &shstrndx)) {
		kmend_err_elf(k->path, "elf_getshdrstrndx");
		return -1;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, ".rodata"))
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || data->d_size != sh.sh_size) {
			kmend_err_elf(k->path, "elf_getdata(.rodata)");
			return -1;
		}
		k->ro = data->d_buf;
		k->ro_size = data->d_size;
		k->ro_addr = sh.sh_addr;
		return 0;
	}
	kmend_err("%s: no .rodata section: is this a vmlinux?", k->path);
	return -1;
}

int kmend_kallsyms_decode(const char *path, FILE *out)
{
	struct kmend_ksyms k = { .path = path };
	int fd, ret = -1;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -1;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		kmend_err_sys(path, "open");
		return -1;
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf) {
		kmend_err_elf(path, "elf_begin");
		close(fd);
		return -1;
	}
	if (!kmend_read_rodata(&k, elf) && !kmend_find_tokens(&k) &&
	    !kmend_find_tables(&k)) {
		kmend_print_symbols(&k, out);
		ret = 0;
	}
	elf_end(elf);
	close(fd);
	return ret;
}
