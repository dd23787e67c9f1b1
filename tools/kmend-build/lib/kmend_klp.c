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
 * can wait for it to come. So do the exports of the modules it depends on
 * (usbnet's for a usbnet driver): the format names any object's symbol,
 * and when kmend patches the module those are loaded, and stay loaded
 * while it is. Such a symbol is written ".klp.sym.<module>..klp.sym.
 * <provider>.<name>,<pos>": kmend-klp-convert puts its relocations in
 * <module>'s .klp.rela sections and names the symbol by the part after
 * "<module>.". An export of a module the patched one does not depend on
 * stays plain: the patch needs that module, which may go at any time.
 */
#include <stdlib.h>
#include <string.h>
#include "kmend_diff.h"
#include "kmend_target.h"

struct kmend_export {
	const char *name;
	const char *owner;		/* "vmlinux" or the module's name */
	const char *ns;			/* its namespace, or NULL */
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
	char *f[5] = { NULL }, *save = NULL;
	int i;

	for (i = 0; i < 5; i++) {
		f[i] = strtok_r(i ? NULL : line, "\t", &save);
		if (!f[i] && i < 3)
			return 0;
		if (!f[i])
			break;
	}
	x = kmend_zalloc(sizeof(*x));
	if (!x)
		return -1;
	x->name = f[1];
	x->owner = kmend_module_name(f[2]);
	x->ns = f[4] && *f[4] ? f[4] : NULL;
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

static const struct kmend_export *kmend_find_export(
		const struct kmend_exports *e, const char *name)
{
	struct kmend_hnode *n = kmend_hash_first(&e->names, name);

	return n ? kmend_container_of(n, struct kmend_export, hnode) : NULL;
}

const char *kmend_export_owner(const struct kmend_exports *e, const char *name)
{
	const struct kmend_export *x = kmend_find_export(e, name);

	return x ? x->owner : NULL;
}

/* The namespace of exported symbol @name, or NULL */
const char *kmend_export_namespace(const struct kmend_exports *e,
				   const char *name)
{
	const struct kmend_export *x = kmend_find_export(e, name);

	return x ? x->ns : NULL;
}

static bool kmend_is_vmlinux(const struct kmend_diff *d)
{
	return !strcmp(d->objname, "vmlinux");
}

/* Is module @mod loaded whenever the patched module is (--depends)? */
static bool kmend_is_dependency(const struct kmend_diff *d, const char *mod)
{
	size_t len = strlen(mod);
	const char *p;

	for (p = d->depends; p && *p; p += strcspn(p, ","), p += !!*p)
		if (!strncmp(p, mod, len) && (p[len] == ',' || !p[len]))
			return true;
	return false;
}

/*
 * The module whose export @name is and whose symbols a livepatch
 * relocation of the patched module may name, or NULL: the patched module
 * itself or one it depends on.
 */
static const char *kmend_export_provider(struct kmend_diff *d,
					 const char *name)
{
	const char *owner;

	if (!d->exports || kmend_is_vmlinux(d))
		return NULL;
	owner = kmend_export_owner(d->exports, name);
	if (owner && (!strcmp(owner, d->objname) || kmend_is_dependency(d, owner)))
		return owner;
	return NULL;
}

/*
 * Can the module loader resolve @name? Yes if vmlinux exports it, or a
 * module the patched one does not depend on; not the exports of the
 * patched module or of its dependencies (see above). Without export data
 * every global is taken as exported.
 */
static bool kmend_loader_resolves(struct kmend_diff *d, const char *name)
{
	if (!d->exports)
		return true;
	return kmend_export_owner(d->exports, name) &&
	       !kmend_export_provider(d, name);
}

/*
 * Which object holds @t: ours, a dependency's whose export it is, or
 * vmlinux for another undefined global.
 */
static const char *kmend_klp_objname(struct kmend_diff *d,
				     const struct kmend_symbol *t)
{
	const char *provider;

	if (kmend_is_vmlinux(d) || t->sec)
		return d->objname;
	if (d->target && kmend_target_defines(d->target, t->name))
		return d->objname;
	provider = kmend_export_provider(d, t->name);
	return provider ? provider : "vmlinux";
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
	if (strcmp(obj, d->objname))	/* a dependency's export: see above */
		name = kmend_asprintf(".klp.sym.%s..klp.sym.%s.%s,%lu",
				      d->objname, obj, kname, pos);
	else
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
 * A plain undefined symbol the module loader resolves. An export of a
 * module other than vmlinux makes the patch need that module (modpost
 * adds it to "depends:"), which kmend build says.
 */
static struct kmend_symbol *kmend_make_extern_symbol(struct kmend_diff *d,
						     struct kmend_symbol *t)
{
	struct kmend_symbol *s = kmend_find_symbol(d->out, t->name);
	const char *owner, *ns;

	if (s && s->sec) {
		kmend_err("%s: %s is both defined by the patch and expected "
			  "from the kernel", d->patched->path, t->name);
		return NULL;
	}
	if (s)
		return s;
	s = kmend_add_symbol(d->out, t->name, STB_GLOBAL, STT_NOTYPE, NULL,
			     0, 0);
	if (!s)
		return NULL;
	kmend_report(d, "extern %s", t->name);
	owner = d->exports ? kmend_export_owner(d->exports, t->name) : NULL;
	if (owner && strcmp(owner, "vmlinux") && !kmend_is_vmlinux(d))
		kmend_warn("%s: %s is exported by module %s, which module %s "
			   "does not depend on: the patch loads only while %s "
			   "is loaded", d->patched->path, t->name, owner,
			   d->objname, owner);
	ns = d->exports ? kmend_export_namespace(d->exports, t->name) : NULL;
	if (ns)
		kmend_report(d, "namespace %s of %s", ns, t->name);
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
	if ((!t->sec || !kmend_is_local(t)) && kmend_loader_resolves(d, t->name))
		s = kmend_make_extern_symbol(d, t);
	else
		s = kmend_make_klp_symbol(d, t);
	t->out = s;
	return s;
}

/*
 * The namespaces of the exports the patch's plain references use, one
 * "namespace NS" line each, for the module's MODULE_IMPORT_NS: modpost
 * refuses a module using a namespaced export it does not import.
 * Livepatch references need none: the module loader does not see them.
 */
/* The namespace of undefined output symbol @s, or NULL */
static const char *kmend_namespace_of(struct kmend_diff *d,
				      const struct kmend_symbol *s)
{
	return s->sec ? NULL : kmend_export_namespace(d->exports, s->name);
}

void kmend_manifest_namespaces(struct kmend_diff *d, FILE *f)
{
	const char *ns, *other;
	size_t i, j;

	if (!d->exports || !d->out)
		return;
	for (i = 1; i < d->out->nr_syms; i++) {
		ns = kmend_namespace_of(d, d->out->syms[i]);
		for (j = 1; ns && j < i; j++) {
			other = kmend_namespace_of(d, d->out->syms[j]);
			if (other && !strcmp(other, ns))
				break;
		}
		if (ns && j == i)
			fprintf(f, "namespace %s\n", ns);
	}
}

/* Is @s a livepatch symbol of a module (not vmlinux)? */
bool kmend_is_module_klp_symbol(const struct kmend_symbol *s)
{
	return kmend_starts_with(s->name, ".klp.sym.") &&
	       !kmend_starts_with(s->name, ".klp.sym.vmlinux.");
}

/*
 * Will a reference to @t (not included in the patch) be a livepatch
 * relocation of the patched module (to its own symbol or a dependency's),
 * applied only when that module is there, after the patch module's own
 * jump labels and static calls were set up?
 */
bool kmend_is_module_private(struct kmend_diff *d, const struct kmend_symbol *t)
{
	if (kmend_is_vmlinux(d) || kmend_is_section_sym(t))
		return false;
	if ((!t->sec || !kmend_is_local(t)) && kmend_loader_resolves(d, t->name))
		return false;
	return strcmp(kmend_klp_objname(d, t), "vmlinux");
}
