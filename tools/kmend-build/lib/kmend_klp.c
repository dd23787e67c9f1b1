// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_klp.c - how the patch reaches what it does not contain.
 *
 * The module loader resolves undefined symbols only against exported
 * ones. Everything else the new code uses (static functions and variables
 * of the patched file, unexported globals) is reached through the kernel's
 * livepatch relocation format (Documentation/livepatch/
 * module-elf-format.rst): the reference names ".klp.sym.<obj>.<name>,<pos>",
 * where <obj> is vmlinux or the module, and <pos> tells same-named symbols
 * apart (0: the name is unique).
 *
 * The differ's output keeps these as weak undefined symbols, which kbuild
 * and modpost let through; kmend-klp-convert turns them into SHN_LIVEPATCH
 * symbols and moves their relocations to .klp.rela.<obj>.<section>
 * sections in the linked module.
 *
 * A module's own symbols always go through livepatch relocations, even
 * exported ones, so the patch does not make the module load with it and
 * can wait for it to come.
 */
#include <stdlib.h>
#include <string.h>
#include "kmend_diff.h"
#include "kmend_target.h"

struct kmend_export {
	const char *name;
	const char *owner;		/* "vmlinux" or the module's name */
	struct kmend_hnode hnode;
};

struct kmend_exports {
	struct kmend_hash names;
	char **texts;
	size_t nr_texts;
};

/* "fs/xfs/xfs" -> "xfs"; module names use '_' where files have '-' */
static char *kmend_module_name(char *path)
{
	char *base = strrchr(path, '/'), *p;

	base = base ? base + 1 : path;
	for (p = base; *p; p++)
		if (*p == '-')
			*p = '_';
	return base;
}

/* One line of Module.symvers: crc, symbol, module, export type[, ns] */
static int kmend_parse_symvers_line(struct kmend_exports *e, char *line)
{
	struct kmend_export *x;
	char *f[3], *save = NULL;
	int i;

	for (i = 0; i < 3; i++) {
		f[i] = strtok_r(i ? NULL : line, "\t", &save);
		if (!f[i])
			return 0;
	}
	x = kmend_zalloc(sizeof(*x));
	if (!x)
		return -1;
	x->name = f[1];
	x->owner = kmend_module_name(f[2]);
	kmend_hash_add(&e->names, &x->hnode, x->name);
	return 0;
}

struct kmend_exports *kmend_exports_load(struct kmend_exports *e,
					 const char *path)
{
	char *text, *line, *next;
	FILE *f = fopen(path, "r");
	long len;

	if (!f) {
		kmend_err_sys(path, "fopen");
		return NULL;
	}
	if (!e && (!(e = kmend_zalloc(sizeof(*e))) ||
		   kmend_hash_init(&e->names, 65536)))
		goto fail;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(text = kmend_zalloc(len + 1)) ||
	    fread(text, 1, len, f) != (size_t)len) {
		kmend_err_sys(path, "read");
		goto fail;
	}
	e->texts = kmend_realloc_array(e->texts, e->nr_texts + 1, sizeof(char *));
	if (!e->texts)
		goto fail;
	e->texts[e->nr_texts++] = text;
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? (*next = 0, next + 1) : line + strlen(line);
		if (kmend_parse_symvers_line(e, line))
			goto fail;
	}
	fclose(f);
	return e;
fail:
	fclose(f);
	return NULL;
}

void kmend_exports_free(struct kmend_exports *e)
{
	struct kmend_hnode *n, *next;
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->names.nbuckets; i++)
		for (n = e->names.buckets[i]; n; n = next) {
			next = n->next;
			free(kmend_container_of(n, struct kmend_export, hnode));
		}
	kmend_hash_free(&e->names);
	while (e->nr_texts)
		free(e->texts[--e->nr_texts]);
	free(e->texts);
	free(e);
}

const char *kmend_export_owner(const struct kmend_exports *e, const char *name)
{
	struct kmend_hnode *n = kmend_hash_first(&e->names, name);

	return n ? kmend_container_of(n, struct kmend_export, hnode)->owner :
		   NULL;
}

static bool kmend_is_vmlinux(const struct kmend_diff *d)
{
	return !strcmp(d->objname, "vmlinux");
}

/*
 * Can the module loader resolve @name? Yes if vmlinux or another module
 * exports it; a module's exports of its own are not used (see above).
 * Without export data every global is taken as exported.
 */
static bool kmend_loader_resolves(struct kmend_diff *d, const char *name)
{
	const char *owner;

	if (!d->exports)
		return true;
	owner = kmend_export_owner(d->exports, name);
	return owner && (kmend_is_vmlinux(d) || strcmp(owner, d->objname));
}

/* Which object holds @t: ours, unless an undefined global lives in vmlinux. */
static const char *kmend_klp_objname(struct kmend_diff *d,
				     const struct kmend_symbol *t)
{
	if (kmend_is_vmlinux(d) || t->sec)
		return d->objname;
	if (d->target && kmend_target_defines(d->target, t->name))
		return d->objname;
	if (d->exports && kmend_export_owner(d->exports, t->name))
		return d->objname;	/* exported by the module itself */
	return "vmlinux";
}

static struct kmend_symbol *kmend_make_klp_symbol(struct kmend_diff *d,
						  struct kmend_symbol *t)
{
	const char *obj = kmend_klp_objname(d, t);
	/* the name in the running kernel: a static's number may differ */
	const char *kname = t->twin ? t->twin->name : t->name;
	struct kmend_symbol *s;
	unsigned long pos = 0;
	char *name;

	if ((t->sec || !strcmp(obj, d->objname)) &&
	    kmend_target_sympos(d, t, &pos))
		return NULL;
	if (!kmend_is_vmlinux(d) && !strcmp(obj, "vmlinux")) {
		kmend_err("%s: %s is neither exported nor part of module %s",
			  d->patched->path, t->name, d->objname);
		return NULL;
	}
	name = kmend_asprintf(".klp.sym.%s.%s,%lu", obj, kname, pos);
	if (!name)
		return NULL;
	s = kmend_find_symbol(d->out, name);
	if (!s)
		s = kmend_add_symbol(d->out, name, STB_WEAK, STT_NOTYPE, NULL,
				     0, 0);
	if (s)
		kmend_report(d, "klp %s %s %lu", obj, kname, pos);
	free(name);
	return s;
}

/*
 * The output symbol a reference to @t (not included in the patch) goes
 * through, created on first use.
 */
struct kmend_symbol *kmend_external_symbol(struct kmend_diff *d,
					   struct kmend_symbol *t)
{
	struct kmend_symbol *s;

	if (t->out)
		return t->out;
	if (kmend_is_section_sym(t) || (t->sec && !kmend_is_sized(t))) {
		kmend_err("%s: included code refers to %s, which is not part "
			  "of the patch and has no name to find it by",
			  d->patched->path, t->name);
		return NULL;
	}
	if (t->sec && (t->sec->flags & KMEND_SEC_INIT)) {
		kmend_refuse(d, "included code refers to __init symbol %s, which "
			     "is gone after boot", t->name);
		return NULL;
	}
	if ((!t->sec || !kmend_is_local(t)) && kmend_loader_resolves(d, t->name)) {
		s = kmend_find_symbol(d->out, t->name);
		if (!s)
			s = kmend_add_symbol(d->out, t->name, STB_GLOBAL,
					     STT_NOTYPE, NULL, 0, 0);
		if (s && !s->sec && t->out != s)
			kmend_report(d, "extern %s", t->name);
		if (s && s->sec) {
			kmend_err("%s: %s is both defined by the patch and "
				  "expected from the kernel", d->patched->path,
				  t->name);
			return NULL;
		}
	} else {
		s = kmend_make_klp_symbol(d, t);
	}
	t->out = s;
	return s;
}

/* Is @s a livepatch symbol of a module (not vmlinux)? */
bool kmend_is_module_klp_symbol(const struct kmend_symbol *s)
{
	return kmend_starts_with(s->name, ".klp.sym.") &&
	       !kmend_starts_with(s->name, ".klp.sym.vmlinux.");
}

/*
 * Will a reference to @t (not included in the patch) be a livepatch
 * relocation of the patched module, applied only when that module is
 * there, after the patch module's own jump labels and static calls were
 * set up?
 */
bool kmend_is_module_private(struct kmend_diff *d, const struct kmend_symbol *t)
{
	if (kmend_is_vmlinux(d) || kmend_is_section_sym(t))
		return false;
	if ((!t->sec || !kmend_is_local(t)) && kmend_loader_resolves(d, t->name))
		return false;
	return !strcmp(kmend_klp_objname(d, t), d->objname);
}
