// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_sections.c - what each section of an object is to the differ, and
 * the names compilers give symbols.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "kmend_diff.h"

/*
 * Sections by name prefix. The first match wins; special sections (tables
 * of entries about code) come from kmend_special.c's table instead.
 */
static const struct {
	const char *prefix;
	unsigned int flags;
} kmend_section_classes[] = {
	{ ".debug",			KMEND_SEC_IGNORE },
	{ ".comment",			KMEND_SEC_IGNORE },
	{ ".note",			KMEND_SEC_IGNORE },
	{ ".discard",			KMEND_SEC_IGNORE },	/* objtool's */
	/*
	 * ENDBRs to seal: a file's objtool run cannot know what the patch
	 * module takes the address of (kmend_patch.c's callback table), so
	 * the module's own objtool pass at link time makes the list.
	 */
	{ ".ibt_endbr_seal",		KMEND_SEC_IGNORE },
	{ ".modinfo",			KMEND_SEC_IGNORE },
	{ ".BTF",			KMEND_SEC_IGNORE },
	{ ".llvm",			KMEND_SEC_IGNORE },
	{ ".initcall",			KMEND_SEC_IGNORE },
	{ ".con_initcall",		KMEND_SEC_IGNORE },
	{ "__syscalls_metadata",	KMEND_SEC_IGNORE },
	{ "_ftrace_events",		KMEND_SEC_IGNORE },
	{ "_ftrace_eval_map",		KMEND_SEC_IGNORE },
	{ "__tracepoints_ptrs",		KMEND_SEC_IGNORE },
	{ "_error_injection_whitelist",	KMEND_SEC_IGNORE },
	{ "_kprobe_blacklist",		KMEND_SEC_IGNORE },
	{ "___ksymtab",			KMEND_SEC_EXPORT },
	{ "__ksymtab",			KMEND_SEC_EXPORT },
	{ "___kcrctab",			KMEND_SEC_EXPORT },
	{ "__kcrctab",			KMEND_SEC_EXPORT },
	{ "__kstrtab",			KMEND_SEC_EXPORT },
	{ ".export_symbol",		KMEND_SEC_EXPORT },	/* 6.12 */
	/* descriptors that carry __LINE__ (dynamic debug) */
	{ "__dyndbg",			KMEND_SEC_NOCOMPARE },
	{ ".init.",			KMEND_SEC_INIT },
	{ ".init_array",		KMEND_SEC_INIT },
	{ ".head.text",			KMEND_SEC_INIT },
	{ ".exit.",			KMEND_SEC_EXIT },
	{ ".kmend.",			KMEND_SEC_DIRECTIVE },
	{ ".kpatch.",			KMEND_SEC_DIRECTIVE },
};

static unsigned int kmend_section_flags(const struct kmend_diff *d,
					struct kmend_section *sec)
{
	size_t i;

	switch (sec->sh.sh_type) {
	case SHT_RELA:
	case SHT_REL:
	case SHT_SYMTAB:
	case SHT_STRTAB:
	case SHT_GROUP:
	case SHT_SYMTAB_SHNDX:
		return KMEND_SEC_IGNORE;
	}
	sec->special = kmend_find_special(d->kernel, sec->name);
	if (sec->special)
		return KMEND_SEC_SPECIAL;
	/* tables about code, which modules never apply: kmend_refuse.c */
	if (kmend_is_runtime_const_sec(sec))
		return KMEND_SEC_IGNORE;
	for (i = 0; i < KMEND_ARRAY_SIZE(kmend_section_classes); i++)
		if (kmend_starts_with(sec->name,
				      kmend_section_classes[i].prefix))
			return kmend_section_classes[i].flags;
	if (!kmend_is_alloc_sec(sec))
		return KMEND_SEC_IGNORE;
	return 0;
}

int kmend_classify_sections(struct kmend_diff *d, struct kmend_elf *elf)
{
	struct kmend_section *sec;
	size_t i;

	kmend_for_each_sec(elf, sec, i)
		sec->flags |= kmend_section_flags(d, sec);
	return 0;
}

/* Is this section's content code or data the patched kernel runs with? */
bool kmend_sec_is_compared(const struct kmend_section *sec)
{
	return !(sec->flags & (KMEND_SEC_IGNORE | KMEND_SEC_SPECIAL |
			       KMEND_SEC_DIRECTIVE | KMEND_SEC_EXPORT |
			       KMEND_SEC_AUTHOR_IGNORE));
}

bool kmend_sym_is_compared(const struct kmend_symbol *s)
{
	return kmend_is_sized(s) && kmend_sec_is_compared(s->sec);
}

/*
 * GCC's names for parts of a function: "foo.cold" is the unlikely part of
 * foo (GCC 10+), "foo.cold.12" of older compilers; "foo.part.0.cold" is
 * the unlikely part of foo.part.0.
 */
void kmend_find_cold_parents(struct kmend_elf *elf)
{
	struct kmend_symbol *s;
	char *name, *cold;
	size_t i;

	kmend_for_each_sym(elf, s, i) {
		if (!kmend_is_func(s) || !(cold = strstr(s->name, ".cold")))
			continue;
		if (cold[5] && cold[5] != '.')
			continue;
		name = strndup(s->name, cold - s->name);
		if (!name)
			continue;
		s->parent = kmend_find_symbol(elf, name);
		free(name);
	}
}

static bool kmend_is_number(const char *s, size_t len)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/*
 * A function-scope static: GCC names it "<name>.<number>" ("calls.1",
 * "__func__.0", "__already_done.12"), numbered across the file, so its
 * number changes whenever a patch adds one above it.
 */
bool kmend_is_static_local(const struct kmend_symbol *s)
{
	const char *dot = strrchr(s->name, '.');

	return kmend_is_local(s) && kmend_is_object(s) && dot &&
	       dot != s->name && kmend_is_number(dot + 1, strlen(dot + 1));
}

/* Constant bytes that mean the same wherever they live. */
bool kmend_is_pure_constant(const struct kmend_symbol *s)
{
	struct kmend_reloc *r;

	if (!kmend_is_object(s) || !kmend_is_local(s) ||
	    !kmend_is_readonly_sec(s->sec))
		return false;
	r = kmend_first_reloc_at(s->sec, s->sym.st_value);
	return !r || r->offset >= s->sym.st_value + s->sym.st_size;
}

/*
 * A name without its numbers: "foo.isra.0" -> "foo.isra",
 * "foo.constprop.3" -> "foo.constprop", "count.12" -> "count",
 * "__UNIQUE_ID_ddebug1598.36" -> "__UNIQUE_ID_ddebug",
 * "__BTF_ID__func__foo__4567" -> "__BTF_ID__func__foo__",
 * "foo.part.0.cold" -> "foo.part.cold". Returns a new string or NULL.
 */
char *kmend_name_stem(const char *name)
{
	char *stem = kmend_zalloc(strlen(name) + 1), *o = stem;
	const char *p = name, *dot;
	size_t len;

	if (!stem)
		return NULL;
	for (;;) {
		dot = strchr(p, '.');
		len = dot ? (size_t)(dot - p) : strlen(p);
		/*
		 * Counters (and lines) macros paste in: __UNIQUE_ID_ddebug1598,
		 * __BTF_ID__struct__netlink_sock__8082856
		 */
		if (p == name && (kmend_starts_with(p, "__UNIQUE_ID_") ||
				  kmend_starts_with(p, "__BTF_ID__")))
			while (len && isdigit((unsigned char)p[len - 1]))
				len--;
		if (p == name || !kmend_is_number(p, len)) {
			if (p != name)
				*o++ = '.';
			memcpy(o, p, len);
			o += len;
		}
		if (!dot)
			break;
		p = dot + 1;
	}
	*o = 0;
	return stem;
}

/* "calls.1" and "calls.4" are the same static renumbered. */
bool kmend_same_stem(const char *a, const char *b)
{
	char *sa = kmend_name_stem(a), *sb = kmend_name_stem(b);
	bool same = sa && sb && !strcmp(sa, sb);

	free(sa);
	free(sb);
	return same;
}
