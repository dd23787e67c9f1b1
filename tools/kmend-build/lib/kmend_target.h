/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_target.h - the kernel object a patch is for, as it runs: its
 * symbols (from kallsyms, or the module's own symbol table) and, when
 * available, its code (vmlinux, or the module's .ko).
 */
#ifndef _KMEND_TARGET_H
#define _KMEND_TARGET_H

#include <stdbool.h>
#include <stdint.h>
#include "kmend_util.h"

struct kmend_diff;
struct kmend_symbol;
struct kmend_elf;

/**
 * struct kmend_tsym - one symbol of the target
 * @name:	as kallsyms shows it
 * @addr:	address (vmlinux), or value in its section (module)
 * @size:	bytes to the next symbol (kallsyms), or st_size (module)
 * @type:	kallsyms type letter ('t', 'T', 'd', ...)
 * @order:	position in kallsyms order, which sympos counts in
 * @shndx:	module: its section in the .ko
 * @file:	a local's source file (its FILE symbol: "amd.c"), from the
 *		debug image; NULL if not known
 */
struct kmend_tsym {
	const char *name;
	uint64_t addr;
	uint64_t size;
	char type;
	size_t order;
	size_t shndx;
	const char *file;
	struct kmend_hnode hnode;
};

struct kmend_target {
	const char *objname;
	struct kmend_tsym *syms;	/* in kallsyms order */
	size_t nr_syms, syms_cap;
	struct kmend_hash names;
	char *text;			/* the symbols file, names point in */
	const char *image_path;
	int image_fd;
	struct kmend_elf *ko;		/* a module's .ko: symbols and code */
	struct Elf *image;		/* vmlinux */
	int debug_fd;
	struct Elf *debug;		/* vmlinux with its full symbol table:
					 * the files' names point in */
};

struct kmend_target *kmend_target_load(const char *objname,
				       const char *symbols_path,
				       const char *image_path);
/* The FILE symbols of vmlinux's debug image (linux-image-REL-dbg) */
int kmend_target_load_debug(struct kmend_target *t, const char *path);
void kmend_target_free(struct kmend_target *t);

struct kmend_diff;
struct kmend_symbol;

/*
 * Function @f of an object of ours (defined there, or undefined: by its
 * name) in the target, if its size, code and place tell which; or NULL.
 */
const struct kmend_tsym *kmend_func_in_target(struct kmend_diff *d,
					      const struct kmend_symbol *f);

/* kmend_ibt.c: new code must not take the address of a sealed function. */
int kmend_check_sealed_endbr(struct kmend_diff *d);

/* Checks the functions to replace and finds their sympos (kmend_target.c) */
int kmend_check_target(struct kmend_diff *d);
/* sympos of an existing symbol of the file, for a livepatch relocation */
int kmend_target_sympos(struct kmend_diff *d, struct kmend_symbol *s,
			unsigned long *sympos);
/* Does the target define a symbol of that name? */
bool kmend_target_defines(const struct kmend_target *t, const char *name);

/* Module.symvers: which object exports a symbol (kmend_klp.c) */
struct kmend_exports;
struct kmend_exports *kmend_exports_load(struct kmend_exports *e,
					 const char *path);
void kmend_exports_free(struct kmend_exports *e);
const char *kmend_export_owner(const struct kmend_exports *e,
			       const char *name);
const char *kmend_export_namespace(const struct kmend_exports *e,
				   const char *name);

#endif /* _KMEND_TARGET_H */
