// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_layout.c - refuse changes to the layout of structs and unions.
 *
 * A patch replaces code, never data: the running kernel's objects of a
 * type keep the layout they were made with, and its unchanged code keeps
 * the offsets it was compiled with. A patch that adds, removes, moves or
 * retypes a member of a struct both versions of the file know (a changed
 * header of include/, or a struct of the file itself) would have the new
 * code read the old objects with the new layout, which no comparison of
 * code catches. The layouts come from the DWARF of the two objects (the
 * kernel's config builds with debug info): every named struct and union
 * defined in both is compared member by member, members of anonymous
 * structs and unions as members of the one holding them. A type only the
 * patched object defines is new, and fine.
 *
 * The objects are relocatable: libdwfl applies their .rela.debug_*
 * sections (string offsets), which plain libdw would not.
 */
#include <elfutils/libdwfl.h>
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>
#include "kmend_diff.h"

/* A member, flattened: its offset counts from the start of the outer type. */
struct kmend_member {
	const char *name;
	Dwarf_Word bit_offset;
	Dwarf_Word size;	/* bytes, or bits for a bit field */
	char type[128];
};

struct kmend_layout {
	const char *tag;	/* "struct", "union" */
	const char *name;
	Dwarf_Die die;
	bool clash;		/* two different types of that name: not compared */
	struct kmend_hnode hnode;
};

struct kmend_layouts {
	const char *path;
	Dwfl *dwfl;
	Dwarf *dwarf;
	struct kmend_hash names;
	struct kmend_layout **all;
	size_t nr, cap;
};

/* Room in *@arr, @nr of *@cap entries of @size bytes used, for one more */
static int kmend_reserve(void **arr, size_t nr, size_t *cap, size_t size)
{
	size_t n = *cap ? 2 * *cap : 16;
	void *p;

	if (nr < *cap)
		return 0;
	p = kmend_realloc_array(*arr, n, size);
	if (!p)
		return -1;
	*arr = p;
	*cap = n;
	return 0;
}

/* The elements of an array's first dimension; 0: flexible or unknown */
static Dwarf_Word kmend_array_count(Dwarf_Die *array)
{
	Dwarf_Attribute attr;
	Dwarf_Word n;
	Dwarf_Die sub;

	if (dwarf_child(array, &sub))
		return 0;
	if (!dwarf_formudata(dwarf_attr(&sub, DW_AT_count, &attr), &n))
		return n;
	if (!dwarf_formudata(dwarf_attr(&sub, DW_AT_upper_bound, &attr), &n))
		return n + 1;
	return 0;
}

/* How a type reads, enough to tell two members' types apart */
static void kmend_type_desc(Dwarf_Die *type, char *buf, size_t len, int depth)
{
	Dwarf_Attribute attr;
	Dwarf_Die inner;
	const char *name = dwarf_diename(type);
	bool has_inner = dwarf_formref_die(dwarf_attr(type, DW_AT_type, &attr),
					   &inner) != NULL;
	char sub[128] = "void";

	if (depth < 4 && has_inner)
		kmend_type_desc(&inner, sub, sizeof(sub), depth + 1);
	switch (dwarf_tag(type)) {
	case DW_TAG_pointer_type:
		snprintf(buf, len, "%s *", sub);
		break;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
		snprintf(buf, len, "%s", sub);	/* no layout of their own */
		break;
	case DW_TAG_array_type:
		snprintf(buf, len, "%s[%llu]", sub,
			 (unsigned long long)kmend_array_count(type));
		break;
	case DW_TAG_structure_type:
		snprintf(buf, len, "struct %s", name ? name : "<anonymous>");
		break;
	case DW_TAG_union_type:
		snprintf(buf, len, "union %s", name ? name : "<anonymous>");
		break;
	case DW_TAG_enumeration_type:
		snprintf(buf, len, "enum %s", name ? name : "<anonymous>");
		break;
	case DW_TAG_subroutine_type:
		snprintf(buf, len, "function");
		break;
	default:			/* base types, typedefs */
		snprintf(buf, len, "%s", name ? name : "?");
	}
}

/* Bytes of @die's type (bits for a bit field); 0 if unknown */
static Dwarf_Word kmend_member_size(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute attr;
	Dwarf_Word size;

	if (!dwarf_formudata(dwarf_attr(die, DW_AT_bit_size, &attr), &size))
		return size;
	return type && !dwarf_aggregate_size(type, &size) ? size : 0;
}

/* The member's offset in bits from the start of its type */
static Dwarf_Word kmend_member_offset(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	Dwarf_Word off;

	if (!dwarf_formudata(dwarf_attr(die, DW_AT_data_bit_offset, &attr), &off))
		return off;
	if (!dwarf_formudata(dwarf_attr(die, DW_AT_data_member_location, &attr),
			     &off))
		return off * 8;
	return 0;	/* a union's members */
}

struct kmend_members {
	struct kmend_member *m;
	size_t nr, cap;
};

static bool kmend_is_aggregate(Dwarf_Die *type)
{
	int tag = dwarf_tag(type);

	return tag == DW_TAG_structure_type || tag == DW_TAG_union_type;
}

/*
 * The members of @type at @base bits, those of an anonymous struct or
 * union member as its holder's (how C names them).
 */
static int kmend_flatten(Dwarf_Die *type, Dwarf_Word base,
			 struct kmend_members *ms, int depth)
{
	Dwarf_Attribute attr;
	Dwarf_Die child, mtype;
	struct kmend_member *m;
	bool typed;

	if (dwarf_child(type, &child))
		return 0;
	do {
		if (dwarf_tag(&child) != DW_TAG_member)
			continue;
		typed = dwarf_formref_die(dwarf_attr(&child, DW_AT_type, &attr),
					  &mtype) != NULL;
		if (!dwarf_diename(&child) && typed && depth < 8 &&
		    kmend_is_aggregate(&mtype)) {
			if (kmend_flatten(&mtype, base + kmend_member_offset(&child),
					  ms, depth + 1))
				return -1;
			continue;
		}
		if (kmend_reserve((void **)&ms->m, ms->nr, &ms->cap, sizeof(*m)))
			return -1;
		m = &ms->m[ms->nr++];
		m->name = dwarf_diename(&child) ?: "<unnamed>";
		m->bit_offset = base + kmend_member_offset(&child);
		m->size = kmend_member_size(&child, typed ? &mtype : NULL);
		strcpy(m->type, "void");
		if (typed)
			kmend_type_desc(&mtype, m->type, sizeof(m->type), 0);
	} while (!dwarf_siblingof(&child, &child));
	return 0;
}

/* "byte 8", or "bit 3" for a bit field's */
static const char *kmend_offset_str(Dwarf_Word bits, char *buf, size_t len)
{
	snprintf(buf, len, bits % 8 ? "bit %llu" : "byte %llu",
		 (unsigned long long)(bits % 8 ? bits : bits / 8));
	return buf;
}

static struct kmend_member *kmend_find_member(struct kmend_members *ms,
					      const char *name)
{
	size_t i;

	for (i = 0; i < ms->nr; i++)
		if (!strcmp(ms->m[i].name, name))
			return &ms->m[i];
	return NULL;
}

/*
 * The first difference between members @a (original) and @b (patched),
 * written to @buf, or false.
 */
static bool kmend_members_differ(struct kmend_members *a,
				 struct kmend_members *b, char *buf, size_t len)
{
	struct kmend_member *x, *y;
	char o1[32], o2[32];
	size_t i;

	for (i = 0; i < a->nr; i++) {
		x = &a->m[i];
		y = kmend_find_member(b, x->name);
		if (!y)
			snprintf(buf, len, "member %s removed", x->name);
		else if (x->bit_offset != y->bit_offset)
			snprintf(buf, len, "member %s moved from %s to %s",
				 x->name, kmend_offset_str(x->bit_offset, o1, 32),
				 kmend_offset_str(y->bit_offset, o2, 32));
		else if (x->size != y->size || strcmp(x->type, y->type))
			snprintf(buf, len, "member %s changed from %s to %s",
				 x->name, x->type, y->type);
		else
			continue;
		return true;
	}
	for (i = 0; i < b->nr; i++)
		if (!kmend_find_member(a, b->m[i].name)) {
			snprintf(buf, len, "member %s added at %s",
				 b->m[i].name,
				 kmend_offset_str(b->m[i].bit_offset, o1, 32));
			return true;
		}
	return false;
}

/* Do @a and @b (the same name) differ? The difference in @buf. */
static int kmend_layouts_differ(Dwarf_Die *a, Dwarf_Die *b, char *buf,
				size_t len, bool *differ)
{
	struct kmend_members ma = { 0 }, mb = { 0 };
	Dwarf_Word sa = 0, sb = 0;
	int ret = -1;

	*differ = false;
	if (kmend_flatten(a, 0, &ma, 0) || kmend_flatten(b, 0, &mb, 0)) {
		kmend_err("out of memory");
		goto out;
	}
	dwarf_aggregate_size(a, &sa);
	dwarf_aggregate_size(b, &sb);
	*differ = kmend_members_differ(&ma, &mb, buf, len);
	if (!*differ && sa != sb) {
		snprintf(buf, len, "size %llu bytes, was %llu",
			 (unsigned long long)sb, (unsigned long long)sa);
		*differ = true;
	}
	ret = 0;
out:
	free(ma.m);
	free(mb.m);
	return ret;
}

static const char *kmend_aggregate_tag(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	bool flag = false;

	if (!kmend_is_aggregate(die) || !dwarf_diename(die) ||
	    (dwarf_formflag(dwarf_attr(die, DW_AT_declaration, &attr), &flag),
	     flag))
		return NULL;
	return dwarf_tag(die) == DW_TAG_structure_type ? "struct" : "union";
}

/*
 * Records the named struct or union @die. One defined twice differently
 * (in two scopes) is marked and not compared: which one a use means is
 * not known here.
 */
static int kmend_add_layout(struct kmend_layouts *ls, Dwarf_Die *die,
			    const char *tag)
{
	const char *name = dwarf_diename(die);
	struct kmend_hnode *n;
	struct kmend_layout *l;
	char diff[256];
	bool differ;

	kmend_hash_for_each_match(&ls->names, name, n) {
		l = kmend_container_of(n, struct kmend_layout, hnode);
		if (strcmp(l->tag, tag))
			continue;
		if (kmend_layouts_differ(&l->die, die, diff, sizeof(diff),
					 &differ))
			return -1;
		l->clash |= differ;
		return 0;
	}
	if (kmend_reserve((void **)&ls->all, ls->nr, &ls->cap, sizeof(*ls->all)))
		return -1;
	l = kmend_zalloc(sizeof(*l));
	if (!l)
		return -1;
	l->tag = tag;
	l->name = name;
	l->die = *die;
	ls->all[ls->nr++] = l;
	kmend_hash_add(&ls->names, &l->hnode, name);
	return 0;
}

/* The named types among @parent's children, and those nested in them */
static int kmend_collect_layouts(struct kmend_layouts *ls, Dwarf_Die *parent,
				 int depth)
{
	const char *tag;
	Dwarf_Die die;

	if (dwarf_child(parent, &die))
		return 0;
	do {
		if (!kmend_is_aggregate(&die))
			continue;
		tag = kmend_aggregate_tag(&die);
		if ((tag && kmend_add_layout(ls, &die, tag)) ||
		    (depth < 8 && kmend_collect_layouts(ls, &die, depth + 1)))
			return -1;
	} while (!dwarf_siblingof(&die, &die));
	return 0;
}

static const Dwfl_Callbacks kmend_dwfl_callbacks = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/* The types of object @path; ls->dwarf NULL when it has no DWARF. */
static int kmend_load_layouts(struct kmend_layouts *ls, const char *path)
{
	Dwarf_Die *cu = NULL;
	Dwfl_Module *mod;
	Dwarf_Addr bias;

	ls->path = path;
	if (kmend_hash_init(&ls->names, 4096))
		return -1;
	ls->dwfl = dwfl_begin(&kmend_dwfl_callbacks);
	mod = ls->dwfl ? dwfl_report_offline(ls->dwfl, "", path, -1) : NULL;
	if (!mod || dwfl_report_end(ls->dwfl, NULL, NULL)) {
		kmend_err("%s: dwfl_report_offline: %s", path, dwfl_errmsg(-1));
		return -1;
	}
	ls->dwarf = dwfl_module_getdwarf(mod, &bias);
	while (ls->dwarf && (cu = dwfl_module_nextcu(mod, cu, &bias)))
		if (kmend_collect_layouts(ls, cu, 0)) {
			kmend_err("%s: out of memory", path);
			return -1;
		}
	return 0;
}

static void kmend_free_layouts(struct kmend_layouts *ls)
{
	while (ls->nr)
		free(ls->all[--ls->nr]);
	free(ls->all);
	kmend_hash_free(&ls->names);
	if (ls->dwfl)
		dwfl_end(ls->dwfl);
}

static struct kmend_layout *kmend_find_layout(struct kmend_layouts *ls,
					      const struct kmend_layout *like)
{
	struct kmend_hnode *n;
	struct kmend_layout *l;

	kmend_hash_for_each_match(&ls->names, like->name, n) {
		l = kmend_container_of(n, struct kmend_layout, hnode);
		if (!strcmp(l->tag, like->tag))
			return l;
	}
	return NULL;
}

/* Each type both objects define, compared; a difference is refused. */
static int kmend_compare_layouts(struct kmend_diff *d,
				 struct kmend_layouts *orig,
				 struct kmend_layouts *patched)
{
	struct kmend_layout *o, *p;
	size_t i, compared = 0;
	char diff[256];
	bool differ;

	for (i = 0; i < orig->nr; i++) {
		o = orig->all[i];
		p = kmend_find_layout(patched, o);
		if (!p || o->clash || p->clash)
			continue;
		compared++;
		if (kmend_layouts_differ(&o->die, &p->die, diff, sizeof(diff),
					 &differ))
			return -1;
		if (differ)
			kmend_refuse(d, "%s %s changes layout: %s; the running "
				     "kernel's code and objects keep the old one "
				     "(add a shadow variable instead)", o->tag,
				     o->name, diff);
	}
	kmend_report(d, "layouts: %zu structs and unions compared", compared);
	return 0;
}

/**
 * kmend_check_layouts() - refuse changed struct and union layouts
 *
 * Objects without DWARF are not checked (a warning says so).
 * Return: 0 (refusals counted in @d), or -1 on error.
 */
int kmend_check_layouts(struct kmend_diff *d)
{
	struct kmend_layouts orig = { 0 }, patched = { 0 };
	int ret = -1;

	if (kmend_load_layouts(&orig, d->orig->path) ||
	    kmend_load_layouts(&patched, d->patched->path))
		goto out;
	if (!orig.dwarf || !patched.dwarf) {
		kmend_warn("%s: no DWARF: struct layouts not checked",
			   orig.dwarf ? d->patched->path : d->orig->path);
		kmend_report(d, "layouts not checked: no DWARF");
		ret = 0;
		goto out;
	}
	ret = kmend_compare_layouts(d, &orig, &patched);
out:
	kmend_free_layouts(&patched);
	kmend_free_layouts(&orig);
	return ret;
}
