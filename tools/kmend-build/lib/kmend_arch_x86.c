// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_arch_x86.c - x86-64 answers to kmend_arch.h's questions.
 *
 * No instruction decoder: the few questions asked only need the bytes
 * just before a relocated field, or a short known pattern.
 */
#include <string.h>
#include "kmend_arch.h"
#include "kmend_elf.h"

static bool kmend_x86_is_pcrel_code(unsigned int type)
{
	switch (type) {
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
		return true;
	}
	return false;
}

static bool kmend_x86_has_opsize_prefix(const unsigned char *c, GElf_Addr op)
{
	if (op >= 1 && c[op - 1] == 0x66)
		return true;
	/* 66 REX op */
	return op >= 2 && (c[op - 1] & 0xf0) == 0x40 && c[op - 2] == 0x66;
}

/* Immediate bytes after a 0F-escaped opcode with a memory operand. */
static int kmend_x86_imm_0f(unsigned char op)
{
	switch (op) {
	case 0x70 ... 0x73:	/* pshuf*, psrl/psra/psll imm8 */
	case 0xa4: case 0xac:	/* shld/shrd imm8 */
	case 0xba:		/* bt/bts/btr/btc imm8 */
	case 0xc2:		/* cmpps imm8 */
	case 0xc4 ... 0xc6:	/* pinsrw, pextrw, shufps imm8 */
		return 1;
	}
	return 0;
}

/*
 * The size of the immediate that follows a RIP-relative displacement at
 * @off: the ModRM byte precedes the displacement and the opcode precedes
 * the ModRM (prefixes and REX come before the opcode).
 */
static int kmend_x86_imm_after(const unsigned char *c, GElf_Addr off)
{
	unsigned char modrm, op;
	int reg;

	if (off < 2)
		return 0;
	modrm = c[off - 1];
	if ((modrm & 0xc7) != 0x05)	/* not mod=00 rm=101: no ModRM here */
		return 0;
	op = c[off - 2];
	reg = (modrm >> 3) & 7;
	if (off >= 4 && c[off - 4] == 0x0f && c[off - 3] == 0x3a)
		return 1;		/* 0F 3A xx: SSE4 with imm8 */
	if (off >= 3 && c[off - 3] == 0x0f)
		return kmend_x86_imm_0f(op);
	switch (op) {
	case 0x80: case 0x82: case 0x83: case 0xc0: case 0xc1: case 0xc6:
	case 0x6b:
		return 1;
	case 0x81: case 0x69: case 0xc7:
		return kmend_x86_has_opsize_prefix(c, off - 2) ? 2 : 4;
	case 0xf6:
		return reg <= 1 ? 1 : 0;	/* test imm8 */
	case 0xf7:
		if (reg > 1)
			return 0;
		return kmend_x86_has_opsize_prefix(c, off - 2) ? 2 : 4;
	}
	return 0;
}

int kmend_arch_reloc_bias(const struct kmend_reloc *r)
{
	const struct kmend_section *sec = r->sec;

	/* written so that no offset wraps around */
	if (!kmend_is_text_sec(sec) || !sec->data ||
	    !kmend_x86_is_pcrel_code(r->type) || sec->sh.sh_size < 4 ||
	    r->offset > sec->sh.sh_size - 4)
		return 0;
	return 4 + kmend_x86_imm_after(sec->data, r->offset);
}

bool kmend_arch_reloc_is_branch(const struct kmend_reloc *r)
{
	const unsigned char *p = r->sec->data;

	if (r->type == R_X86_64_PLT32)
		return true;
	if (r->type != R_X86_64_PC32 || !p || !kmend_is_text_sec(r->sec) ||
	    r->offset < 1 || r->offset > r->sec->sh.sh_size)
		return false;
	/* call, jmp rel32; jcc rel32 (0f 8x) */
	return p[r->offset - 1] == 0xe8 || p[r->offset - 1] == 0xe9 ||
	       (r->offset >= 2 && p[r->offset - 2] == 0x0f &&
		(p[r->offset - 1] & 0xf0) == 0x80);
}

bool kmend_arch_field_designates(const struct kmend_reloc *r, uint64_t at,
				 const unsigned char *field, uint64_t *addr)
{
	int32_t v32;
	uint64_t v64;

	memcpy(&v32, field, 4);
	if (kmend_x86_is_pcrel_code(r->type) && r->type != R_X86_64_GOTPCREL &&
	    r->type != R_X86_64_GOTPCRELX && r->type != R_X86_64_REX_GOTPCRELX) {
		*addr = at + (int64_t)v32 + r->bias;
		return true;
	}
	switch (r->type) {
	case R_X86_64_32S:
		*addr = (int64_t)v32;
		return true;
	case R_X86_64_64:
		memcpy(&v64, field, 8);
		*addr = v64;
		return true;
	}
	return false;
}

unsigned int kmend_arch_reloc_size(unsigned int type)
{
	switch (type) {
	case R_X86_64_64:
	case R_X86_64_PC64:
		return 8;
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_32:
	case R_X86_64_32S:
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
		return 4;
	case R_X86_64_16:
	case R_X86_64_PC16:
		return 2;
	case R_X86_64_8:
	case R_X86_64_PC8:
		return 1;
	}
	return 0;
}

bool kmend_arch_reloc_is_none(unsigned int type)
{
	return type == R_X86_64_NONE;
}

unsigned int kmend_arch_abs64_type(void)
{
	return R_X86_64_64;
}

/*
 * Functions that take a line number only to print it, and the opcode of
 * "mov $imm32, <reg>" for the register that carries it.
 */
static const struct {
	const char *name;
	unsigned char mov_opcode;
} kmend_x86_line_takers[] = {
	{ "__might_sleep", 0xbe },		/* (file, line): %esi */
	{ "__might_resched", 0xbe },		/* (file, line, offsets) */
	{ "__might_fault", 0xbe },
	{ "lockdep_rcu_suspicious", 0xbe },	/* (file, line, s) */
	{ "warn_slowpath_fmt", 0xbe },		/* (file, line, taint, fmt) */
	{ "__warn_printk", 0xba },		/* KPATCH_WARN_*_LINE users */
};

/* The function the first call at or after @from (within 32 bytes) calls. */
static const char *kmend_x86_next_call(const struct kmend_section *sec,
				       GElf_Addr from)
{
	struct kmend_reloc *r;

	kmend_for_each_reloc_in(sec, r, from, 32) {
		if (r->offset >= 1 && r->offset <= sec->sh.sh_size &&
		    sec->data[r->offset - 1] == 0xe8 &&
		    kmend_x86_is_pcrel_code(r->type))
			return r->target->name;
	}
	return NULL;
}

bool kmend_arch_is_line_number(const struct kmend_symbol *func, GElf_Addr off)
{
	const struct kmend_section *sec = func->sec;
	GElf_Addr at = func->sym.st_value + off, p;
	const char *callee;
	size_t i;

	for (p = at >= 4 ? at - 4 : 0; p < at; p++) {
		if (p < func->sym.st_value || at > p + 4)
			continue;
		callee = kmend_x86_next_call(sec, p + 5);
		if (!callee)
			continue;
		for (i = 0; i < KMEND_ARRAY_SIZE(kmend_x86_line_takers); i++)
			if (sec->data[p] == kmend_x86_line_takers[i].mov_opcode &&
			    !strcmp(callee, kmend_x86_line_takers[i].name))
				return true;
	}
	return false;
}

/*
 * "call __fentry__" is the first instruction, or the second after
 * endbr64 (f3 0f 1e fa) with IBT.
 */
bool kmend_arch_has_fentry(const struct kmend_symbol *func)
{
	struct kmend_reloc *r;

	kmend_for_each_reloc_in(func->sec, r, func->sym.st_value, 10) {
		GElf_Addr rel = r->offset - func->sym.st_value;

		if ((rel == 1 || rel == 5) &&
		    !strcmp(r->target->name, "__fentry__"))
			return true;
	}
	return false;
}

size_t kmend_arch_call_padding(const struct kmend_symbol *func)
{
	const size_t pad = 16;	/* CONFIG_FUNCTION_PADDING_BYTES */
	const unsigned char *p;
	struct kmend_reloc *r;
	size_t i;

	if (!kmend_is_func(func) || !func->sec->data || func->sym.st_value < pad)
		return 0;
	r = kmend_first_reloc_at(func->sec, func->sym.st_value - pad);
	if (r && r->offset < func->sym.st_value)
		return 0;
	p = func->sec->data + func->sym.st_value - pad;
	for (i = 0; i < pad; i++)
		if (p[i] != 0x90)
			return 0;
	return pad;
}

/* Length of the NOP at @p (at most @len bytes), or 0 if it is none. */
static size_t kmend_x86_nop_len(const unsigned char *p, size_t len)
{
	size_t i = 0, need;

	if (p[0] == 0x90 || p[0] == 0xcc || p[0] == 0x00)
		return 1;
	while (i < len && (p[i] == 0x66 || p[i] == 0x2e))
		i++;
	if (i < len && p[i] == 0x90)
		return i + 1;
	if (i + 3 > len || p[i] != 0x0f || p[i + 1] != 0x1f)
		return 0;
	switch (p[i + 2]) {
	case 0x00: need = 3; break;
	case 0x40: need = 4; break;
	case 0x44: need = 5; break;
	case 0x80: need = 7; break;
	case 0x84: need = 8; break;
	default: return 0;
	}
	return i + need <= len ? i + need : 0;
}

size_t kmend_arch_padding_len(const unsigned char *p, size_t len)
{
	size_t i = 0, n;

	while (i < len && (n = kmend_x86_nop_len(p + i, len - i)))
		i += n;
	return i;
}

bool kmend_arch_is_padding(const unsigned char *p, size_t len)
{
	return kmend_arch_padding_len(p, len) == len;
}
