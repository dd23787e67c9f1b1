/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_diff.h - the object differ: from an original and a patched object
 * of one source file, an object with what changed, ready to be linked into
 * a patch module.
 *
 * The phases, in the order kmend-diff.c runs them:
 *
 *	classify	kmend_classify_sections()	kmend_sections.c
 *	directives	kmend_read_directives()		kmend_directives.c
 *	correlate	kmend_correlate()		kmend_correlate.c
 *	compare		kmend_compare()			kmend_compare.c
 *	refuse		kmend_check_refusals()		kmend_refuse.c
 *	layouts		kmend_check_layouts()		kmend_layout.c
 *	include		kmend_include()			kmend_include.c
 *	special		(called by kmend_include)	kmend_special.c
 *	target		kmend_check_target()		kmend_target.c
 *	livepatch	kmend_resolve_externals()	kmend_klp.c
 *	emit		kmend_emit()			kmend_output.c
 *	report		kmend_write_manifest()		kmend_report.c
 *
 * Everything is decided on symbols: a function or object is the range of
 * bytes its symbol covers, whatever section holds it.
 */
#ifndef _KMEND_DIFF_H
#define _KMEND_DIFF_H

#include <stdio.h>
#include "kmend_compat.h"
#include "kmend_elf.h"

/* exit codes of kmend-diff and kmend-build */
enum kmend_exit {
	KMEND_EXIT_BUILT = 0,
	KMEND_EXIT_ERROR = 1,
	KMEND_EXIT_NO_CHANGE = 2,	/* the diff changes no code */
	KMEND_EXIT_REFUSED = 3,		/* not live-patchable */
};

/* struct kmend_section.flags, from kmend_classify_sections() */
#define KMEND_SEC_IGNORE	(1u << 0)	/* debug info, notes, .discard,
						 * .modinfo: neither compared
						 * nor copied */
#define KMEND_SEC_SPECIAL	(1u << 1)	/* a table of entries, one per
						 * site; see kmend_special.c */
#define KMEND_SEC_NOCOMPARE	(1u << 2)	/* data holding line numbers
						 * (__dyndbg): never compared */
#define KMEND_SEC_DIRECTIVE	(1u << 3)	/* .kmend.*: patch author's
						 * directives */
#define KMEND_SEC_INIT		(1u << 4)	/* __init code or data */
#define KMEND_SEC_EXIT		(1u << 5)	/* __exit code */
#define KMEND_SEC_EXPORT	(1u << 6)	/* EXPORT_SYMBOL's tables */
#define KMEND_SEC_AUTHOR_IGNORE	(1u << 7)	/* KMEND_IGNORE_SECTION */

/*
 * One special section: an array of fixed-size entries, each about one
 * place in the code (a WARN, a jump label, an exception fixup...).
 * Entries about included code are kept, the others dropped.
 */
struct kmend_special {
	const char *name;
	unsigned int entry_size;
	/* offset in the entry of the relocation naming the code */
	unsigned int key_offset;
	/* a section whose entries match ours one for one (.orc_unwind) */
	const char *paired;
	/* the function an entry is about, when not simply the key's target */
	struct kmend_symbol *(*owner)(const struct kmend_section *sec,
				      GElf_Addr entry);
	/* the objects a kept entry points to are copied, not shared */
	bool copy_targets;
	/* the kernel lines (KMEND_LINUX_*) with this layout; 0: all */
	unsigned int kernels;
};

/* key_offset of a section whose entries follow another's (paired) */
#define KMEND_NO_KEY ((unsigned int)-1)

enum kmend_callback_kind {
	KMEND_CB_PRE_PATCH,
	KMEND_CB_POST_PATCH,
	KMEND_CB_PRE_UNPATCH,
	KMEND_CB_POST_UNPATCH,
	KMEND_NR_CALLBACKS,
};

extern const char *const kmend_callback_names[KMEND_NR_CALLBACKS];

struct kmend_target;
struct kmend_exports;

/**
 * struct kmend_diff - one run of the differ
 * @orig, @patched:	the two objects of one source file
 * @out:		the object being built
 * @kernel:		the target's kernel line: its object layouts
 * @objname:		"vmlinux" or the name of the module the file is in
 * @tag:		makes the names kmend gives symbols unique in a patch
 *			of several files
 * @target:		symbols (and code) of the running kernel or module;
 *			NULL skips the checks against it
 * @exports:		exported symbols (Module.symvers); NULL: every
 *			undefined global is taken as exported
 * @depends:		"mod1,mod2": the modules loaded whenever the patched
 *			module is (its dependencies), or NULL
 * @report:		where the decisions are written, one per line
 * @callbacks:		the callback directives found
 * @nr_changed, @nr_new: functions replaced, functions added
 * @nr_refused:		reasons found not to build
 */
struct kmend_diff {
	struct kmend_elf *orig, *patched, *out;
	const struct kmend_kernel *kernel;
	const char *objname;
	const char *tag;
	struct kmend_target *target;
	struct kmend_exports *exports;
	const char *depends;
	FILE *report;
	struct kmend_symbol *callbacks[KMEND_NR_CALLBACKS];
	unsigned int nr_changed, nr_new, nr_refused;
	unsigned int nr_aliases;
};

/* kmend_sections.c */
int kmend_classify_sections(struct kmend_diff *d, struct kmend_elf *elf);
bool kmend_sec_is_compared(const struct kmend_section *sec);
bool kmend_sym_is_compared(const struct kmend_symbol *s);
void kmend_find_cold_parents(struct kmend_elf *elf);
bool kmend_is_static_local(const struct kmend_symbol *s);
bool kmend_is_pure_constant(const struct kmend_symbol *s);
char *kmend_name_stem(const char *name);
bool kmend_same_stem(const char *a, const char *b);

/* kmend_directives.c */
int kmend_read_directives(struct kmend_diff *d);

/* kmend_correlate.c */
int kmend_correlate(struct kmend_diff *d);

/* kmend_compare.c */
int kmend_compare(struct kmend_diff *d);

/* kmend_refuse.c */
int kmend_check_refusals(struct kmend_diff *d);
bool kmend_is_runtime_const_sec(const struct kmend_section *sec);

/* kmend_layout.c */
int kmend_check_layouts(struct kmend_diff *d);
void kmend_refuse(struct kmend_diff *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* kmend_include.c */
int kmend_include(struct kmend_diff *d);
int kmend_include_symbol(struct kmend_diff *d, struct kmend_symbol *s);
int kmend_include_target(struct kmend_diff *d, struct kmend_reloc *r);
bool kmend_target_is_included(const struct kmend_reloc *r);
bool kmend_is_cut_section(const struct kmend_section *sec);
int kmend_cut_section(struct kmend_section *sec);
size_t kmend_cut_piece(const struct kmend_section *sec, GElf_Addr off);

/* kmend_special.c */
const struct kmend_special *kmend_find_special(const struct kmend_kernel *k,
					       const char *name);
int kmend_include_special_entries(struct kmend_diff *d, bool *added);

/* kmend_klp.c */
struct kmend_symbol *kmend_external_symbol(struct kmend_diff *d,
					   struct kmend_symbol *t);
bool kmend_is_module_klp_symbol(const struct kmend_symbol *s);
bool kmend_is_module_private(struct kmend_diff *d, const struct kmend_symbol *t);
void kmend_manifest_namespaces(struct kmend_diff *d, FILE *f);

/* kmend_output.c */
int kmend_emit(struct kmend_diff *d, const char *path);

/* kmend_report.c */
void kmend_report(struct kmend_diff *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int kmend_write_manifest(struct kmend_diff *d, const char *path);

#endif /* _KMEND_DIFF_H */
