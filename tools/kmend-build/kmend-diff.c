// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-diff - compare the original and patched objects of one source file
 * and write an object with what changed, for a kmend patch module.
 *
 *	kmend-diff [options] ORIG.o PATCHED.o OUT.o
 *
 * Exit: 0 written, 1 error, 2 no code changed, 3 not live-patchable.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "kmend_diff.h"
#include "kmend_target.h"

struct kmend_options {
	const char *orig, *patched, *out;
	const char *objname, *tag;
	const struct kmend_kernel *kernel;
	const char *symbols, *image, *debug_image;
	const char *report, *manifest;
	const char *depends;
	const char *exports[8];
	int nr_exports;
};

static void kmend_usage(FILE *f)
{
	fprintf(f,
"usage: kmend-diff [options] ORIG.o PATCHED.o OUT.o\n"
"  -n, --objname NAME    the object the file is part of: vmlinux (default)\n"
"                        or a module's name\n"
"  -t, --tag TAG         makes generated names unique in the patch (0)\n"
"  -k, --kernel VERSION  the target's kernel version (6.1, 6.12...; 6.1):\n"
"                        which layouts its objects have\n"
"  -s, --symbols FILE    the target's symbols, in /proc/kallsyms format\n"
"  -i, --image FILE      the target's code: vmlinux, or the module's .ko\n"
"  -g, --debug-image FILE  vmlinux with its full symbol table (Debian's\n"
"                        linux-image-REL-dbg): which file each static is of\n"
"  -e, --exports FILE    Module.symvers listing exported symbols (repeat)\n"
"  -d, --depends M1,M2   the modules loaded whenever the patched one is: their\n"
"                        exports become livepatch relocations\n"
"  -r, --report FILE     write every decision there (- for stdout)\n"
"  -m, --manifest FILE   write what the patch module's C file needs\n"
"  -v, --verbose\n"
"exit: 0 written, 1 error, 2 no code changed, 3 not live-patchable\n");
}

static int kmend_parse_options(int argc, char **argv, struct kmend_options *o)
{
	static const struct option longopts[] = {
		{ "objname", required_argument, NULL, 'n' },
		{ "tag", required_argument, NULL, 't' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "symbols", required_argument, NULL, 's' },
		{ "image", required_argument, NULL, 'i' },
		{ "debug-image", required_argument, NULL, 'g' },
		{ "exports", required_argument, NULL, 'e' },
		{ "depends", required_argument, NULL, 'd' },
		{ "report", required_argument, NULL, 'r' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int c;

	o->objname = "vmlinux";
	o->tag = "0";
	o->kernel = &kmend_linux_6_1;
	while ((c = getopt_long(argc, argv, "n:t:k:s:i:g:e:d:r:m:vh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'n': o->objname = optarg; break;
		case 't': o->tag = optarg; break;
		case 'k':
			if (!(o->kernel = kmend_kernel_find(optarg)))
				return -1;
			break;
		case 's': o->symbols = optarg; break;
		case 'i': o->image = optarg; break;
		case 'g': o->debug_image = optarg; break;
		case 'r': o->report = optarg; break;
		case 'm': o->manifest = optarg; break;
		case 'd': o->depends = optarg; break;
		case 'v': kmend_verbose = true; break;
		case 'e':
			if (o->nr_exports == KMEND_ARRAY_SIZE(o->exports))
				return -1;
			o->exports[o->nr_exports++] = optarg;
			break;
		case 'h': kmend_usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (argc - optind != 3)
		return -1;
	o->orig = argv[optind];
	o->patched = argv[optind + 1];
	o->out = argv[optind + 2];
	return 0;
}

/* Opens the objects, the target's data and the report. */
static int kmend_setup(struct kmend_diff *d, const struct kmend_options *o)
{
	int i;

	d->objname = o->objname;
	d->tag = o->tag;
	d->kernel = o->kernel;
	d->depends = o->depends;
	d->orig = kmend_elf_open(o->orig);
	d->patched = kmend_elf_open(o->patched);
	if (!d->orig || !d->patched)
		return -1;
	for (i = 0; i < o->nr_exports; i++)
		if (!(d->exports = kmend_exports_load(d->exports, o->exports[i])))
			return -1;
	if ((o->symbols || o->image) &&
	    !(d->target = kmend_target_load(o->objname, o->symbols, o->image)))
		return -1;
	if (o->debug_image && !d->target) {
		kmend_err("--debug-image %s: give the target's --symbols too",
			  o->debug_image);
		return -1;
	}
	if (o->debug_image && kmend_target_load_debug(d->target, o->debug_image))
		return -1;
	if (o->report) {
		d->report = strcmp(o->report, "-") ? fopen(o->report, "w") : stdout;
		if (!d->report) {
			kmend_err_sys(o->report, "fopen");
			return -1;
		}
	}
	return 0;
}

/* Each object on its own: what its sections are, what relocations mean. */
static int kmend_understand(struct kmend_diff *d, struct kmend_elf *elf)
{
	if (kmend_classify_sections(d, elf) || kmend_elf_normalize_relocs(elf))
		return -1;
	kmend_find_cold_parents(elf);
	return 0;
}

static int kmend_run(struct kmend_diff *d, const struct kmend_options *o)
{
	if (kmend_setup(d, o) || kmend_understand(d, d->orig) ||
	    kmend_understand(d, d->patched))
		return KMEND_EXIT_ERROR;

	/* what the patch author asked for, then what changed */
	if (kmend_read_directives(d) || kmend_correlate(d) || kmend_compare(d) ||
	    kmend_check_refusals(d) || kmend_check_layouts(d))
		return KMEND_EXIT_ERROR;
	if (d->nr_refused)
		return KMEND_EXIT_REFUSED;
	if (!d->nr_changed && !d->nr_new) {
		kmend_report(d, "no code changed");
		return KMEND_EXIT_NO_CHANGE;
	}

	/* what the patch must contain, checked against the running kernel */
	if (kmend_include(d) || kmend_check_target(d) ||
	    kmend_check_sealed_endbr(d))
		return KMEND_EXIT_ERROR;
	if (d->nr_refused)
		return KMEND_EXIT_REFUSED;

	/* the object, then what the module's C file needs */
	if (kmend_emit(d, o->out))
		return d->nr_refused ? KMEND_EXIT_REFUSED : KMEND_EXIT_ERROR;
	if (d->nr_refused)
		return KMEND_EXIT_REFUSED;
	if (kmend_elf_write(d->out) ||
	    (o->manifest && kmend_write_manifest(d, o->manifest)))
		return KMEND_EXIT_ERROR;
	kmend_report(d, "result: %u changed, %u new", d->nr_changed, d->nr_new);
	return KMEND_EXIT_BUILT;
}

int main(int argc, char **argv)
{
	struct kmend_options o = { 0 };
	struct kmend_diff d = { 0 };
	int ret;

	kmend_prog = "kmend-diff";
	if (kmend_parse_options(argc, argv, &o)) {
		kmend_usage(stderr);
		return KMEND_EXIT_ERROR;
	}
	ret = kmend_run(&d, &o);
	if (d.report) {
		kmend_report(&d, "exit %d", ret);
		if (d.report != stdout)
			fclose(d.report);
	}
	kmend_target_free(d.target);
	kmend_exports_free(d.exports);
	kmend_elf_close(d.out);
	kmend_elf_close(d.orig);
	kmend_elf_close(d.patched);
	return ret;
}
