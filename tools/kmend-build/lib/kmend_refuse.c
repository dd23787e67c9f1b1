// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_refuse.c - changes a live patch cannot make.
 *
 * Redirecting functions replaces code only. A patch is refused (exit 3)
 * when it changes:
 *  - the initial value or size of data that exists: the running kernel's
 *    copy was initialized long ago and is not touched by a patch;
 *  - __init code or data: it ran at boot and is gone;
 *  - a function without an fentry call (notrace, noinstr, inline-only):
 *    nothing can redirect it; patch its callers instead;
 *  - the set of exported symbols;
 *  - (6.11 and later) a function that uses a runtime constant
 *    (runtime_const_ptr(), runtime_const_shift_right_32(): the sections
 *    runtime_ptr_NAME, runtime_shift_NAME list the instructions): the
 *    kernel patches the constant into vmlinux's code at boot, and never
 *    into a module's, so the patch's copy would run with the placeholder.
 * Every refusal names the function, object or section.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "kmend_arch.h"
#include "kmend_diff.h"

void kmend_refuse(struct kmend_diff *d, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	fprintf(stderr, "%s: refused: %s\n", kmend_prog, msg ? msg : fmt);
	kmend_report(d, "refuse: %s", msg ? msg : fmt);
	free(msg);
	d->nr_refused++;
}

/* Can the running code see this object (not only tables about code)? */
static bool kmend_is_observable(const struct kmend_elf *elf,
				const struct kmend_symbol *s)
{
	struct kmend_section *sec;
	struct kmend_reloc *r;
	size_t i;

	if (!kmend_is_local(s))
		return true;
	kmend_for_each_sec(elf, sec, i) {
		if (!kmend_sec_is_compared(sec))
			continue;
		kmend_for_each_reloc(sec, r)
			if (r->target == s)
				return true;
	}
	return false;
}

static void kmend_check_function(struct kmend_diff *d, struct kmend_symbol *s)
{
	const char *sec = s->sec->name;

	if (s->status == KMEND_NEW && (s->sec->flags & KMEND_SEC_INIT)) {
		kmend_report(d, "new __init function %s is left out: it could "
			     "never run", s->name);
		return;
	}
	if (s->status != KMEND_CHANGED || s->parent)
		return;
	if (s->sec->flags & KMEND_SEC_INIT)
		kmend_refuse(d, "changed __init function %s (section %s): it "
			     "ran at boot", s->name, sec);
	else if (!kmend_arch_has_fentry(s->twin))
		kmend_refuse(d, "changed function %s (section %s) has no fentry "
			     "call, so it cannot be redirected (notrace or "
			     "noinstr); patch its callers instead", s->name, sec);
}

static void kmend_check_object(struct kmend_diff *d, struct kmend_symbol *s)
{
	if (s->status != KMEND_CHANGED)
		return;
	if (s->sec->flags & KMEND_SEC_INIT)
		kmend_refuse(d, "changed __init data %s (section %s)", s->name,
			     s->sec->name);
	else if (s->sym.st_size != s->twin->sym.st_size)
		kmend_refuse(d, "changed size of existing data %s (section %s, "
			     "%lu to %lu bytes)", s->name, s->sec->name,
			     (unsigned long)s->twin->sym.st_size,
			     (unsigned long)s->sym.st_size);
	else if (kmend_is_observable(d->patched, s))
		kmend_refuse(d, "changed initializer of existing data %s "
			     "(section %s)", s->name, s->sec->name);
}

/*
 * 6.12's EXPORT_SYMBOL puts __export_symbol_NAME into one .export_symbol
 * section (modpost makes the tables from it): a new export is a new
 * symbol there, not a new section.
 */
static void kmend_check_export_symbols(struct kmend_diff *d,
				       const struct kmend_section *sec)
{
	static const char prefix[] = "__export_symbol_";
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(d->patched, s, i)
		if (s->sec == sec && kmend_starts_with(s->name, prefix) &&
		    !kmend_find_symbol(d->orig, s->name))
			kmend_refuse(d, "new exported symbol %s",
				     s->name + strlen(prefix));
}

static void kmend_check_exports(struct kmend_diff *d)
{
	struct kmend_section *sec;
	size_t i;

	kmend_for_each_sec(d->patched, sec, i) {
		if (!(sec->flags & KMEND_SEC_EXPORT))
			continue;
		if (!strcmp(sec->name, ".export_symbol")) {
			kmend_check_export_symbols(d, sec);
			continue;
		}
		if (kmend_find_section(d->orig, sec->name))
			continue;
		if (strchr(sec->name, '+'))
			kmend_refuse(d, "new exported symbol %s",
				     strchr(sec->name, '+') + 1);
		else if (sec->sh.sh_size && !kmend_starts_with(sec->name,
							       "__ksymtab_strings"))
			kmend_refuse(d, "new export table %s", sec->name);
	}
}

/* Is @sec a table of the instructions that use a runtime constant? */
bool kmend_is_runtime_const_sec(const struct kmend_section *sec)
{
	return kmend_starts_with(sec->name, "runtime_ptr_") ||
	       kmend_starts_with(sec->name, "runtime_shift_");
}

static void kmend_check_runtime_consts(struct kmend_diff *d)
{
	struct kmend_section *sec;
	struct kmend_reloc *r;
	struct kmend_symbol *f;
	size_t i;

	if (!d->kernel->runtime_consts)
		return;
	kmend_for_each_sec(d->patched, sec, i) {
		if (!kmend_is_runtime_const_sec(sec))
			continue;
		kmend_for_each_reloc(sec, r) {
			f = r->target;
			if (!kmend_is_func(f) || f->ignore ||
			    (f->status != KMEND_CHANGED && f->status != KMEND_NEW))
				continue;
			kmend_refuse(d, "%s function %s uses runtime constant %s "
				     "(section %s): the kernel sets it in "
				     "vmlinux's code at boot, never in a module's",
				     f->status == KMEND_NEW ? "new" : "changed",
				     f->parent ? f->parent->name : f->name,
				     strchr(sec->name + strlen("runtime_"), '_') + 1,
				     sec->name);
		}
	}
}

int kmend_check_refusals(struct kmend_diff *d)
{
	struct kmend_symbol *s;
	size_t i;

	kmend_for_each_sym(d->patched, s, i) {
		if (!kmend_sym_is_compared(s) || s->ignore)
			continue;
		if (kmend_is_func(s))
			kmend_check_function(d, s);
		else
			kmend_check_object(d, s);
	}
	kmend_check_exports(d);
	kmend_check_runtime_consts(d);
	return 0;
}
