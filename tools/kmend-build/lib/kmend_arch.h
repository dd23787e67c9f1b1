/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_arch.h - what the differ needs to know about the instruction set.
 * Generic code asks these questions; only kmend_arch_x86.c knows the
 * answers (x86-64).
 */
#ifndef _KMEND_ARCH_H
#define _KMEND_ARCH_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>

struct kmend_reloc;
struct kmend_section;
struct kmend_symbol;

/*
 * Bytes between the addend of @r and the byte it designates: for a
 * PC-relative field in code, the distance from the field's end to the
 * instruction's end plus the field's size ("mov foo-4(%rip)" designates
 * foo, "cmpb $0,foo-5(%rip)" too); 0 for absolute relocations and data.
 */
int kmend_arch_reloc_bias(const struct kmend_reloc *r);

/* Size in bytes of the field @type patches, 0 if unknown or none. */
unsigned int kmend_arch_reloc_size(unsigned int type);

/* Is @r the target of a direct call or jump (which needs no ENDBR)? */
bool kmend_arch_reloc_is_branch(const struct kmend_reloc *r);

/* R_*_NONE: a placeholder (objtool leaves them behind NOPed jumps). */
bool kmend_arch_reloc_is_none(unsigned int type);

/*
 * The address the linked field @field (at address @at, relocated by
 * @r's type) designates, @r's bias included; false for a type this does
 * not know.
 */
bool kmend_arch_field_designates(const struct kmend_reloc *r, uint64_t at,
				 const unsigned char *field, uint64_t *addr);

/* the type of a 64-bit absolute relocation (pointers in data) */
unsigned int kmend_arch_abs64_type(void);

/*
 * Is byte @off of function @func inside a line number that the code only
 * passes to a function that reports it ("mov $123,%esi; call
 * __might_sleep")? Lets a change that only moves lines pass unnoticed.
 */
bool kmend_arch_is_line_number(const struct kmend_symbol *func, GElf_Addr off);

/* Does function @func call the ftrace hook at its entry? */
bool kmend_arch_has_fentry(const struct kmend_symbol *func);

/* Are these bytes what the compiler and linker pad functions with? */
bool kmend_arch_is_padding(const unsigned char *p, size_t len);

/* How many of the @len bytes at @p are whole padding instructions? */
size_t kmend_arch_padding_len(const unsigned char *p, size_t len);

/*
 * The bytes of padding the compiler put before function @func
 * (CONFIG_CALL_PADDING: -fpatchable-function-entry=16,16, 16 one-byte
 * nops, which call-depth tracking and FineIBT rewrite at boot), or 0.
 */
size_t kmend_arch_call_padding(const struct kmend_symbol *func);

/* The alignment the kernel's functions start at. */
#define KMEND_ARCH_FUNC_ALIGN 16

#endif /* _KMEND_ARCH_H */
