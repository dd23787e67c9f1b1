// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-kmend-diff.c - libFuzzer harness for kmend-diff's ELF input.
 *
 * An input is two objects: a 4-byte little-endian length, the original
 * object of that length, then the patched object (tests/fuzz/seed packs
 * the unit tests' pairs that way). Both are written to memory files and
 * kmend-diff's own main() runs on them, as kmend-build runs it but without
 * a target kernel: reading, correlation, comparison, inclusion, the output
 * object and the manifest. A crash or a sanitizer report is a bug; an
 * error message and exit 1 are the expected answer to a malformed object.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int kmend_diff_main(int argc, char **argv);	/* kmend-diff.c's main */

static char dir[] = "/dev/shm/fuzz-kmend-diff.XXXXXX";
static char out[sizeof(dir) + 16], manifest[sizeof(dir) + 16];

static void fuzz_cleanup(void)
{
	unlink(manifest);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (!mkdtemp(dir)) {
		perror("fuzz-kmend-diff: mkdtemp");
		exit(1);
	}
	snprintf(out, sizeof(out), "%s/out.o", dir);
	snprintf(manifest, sizeof(manifest), "%s/manifest", dir);
	atexit(fuzz_cleanup);
	return 0;
}

/* A memory file holding @len bytes, or -1. */
static int fuzz_memfile(const char *name, const uint8_t *p, size_t len)
{
	int fd = memfd_create(name, 0);

	if (fd < 0)
		return -1;
	if (write(fd, p, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char orig[32], patched[32];
	char *argv[] = { "kmend-diff", "-r", "/dev/null", "-m", manifest,
			 orig, patched, out, NULL };
	int fo, fp;
	uint32_t n;

	if (size < 4)
		return 0;
	memcpy(&n, data, 4);
	if (n > size - 4)
		return 0;
	fo = fuzz_memfile("orig.o", data + 4, n);
	fp = fuzz_memfile("patched.o", data + 4 + n, size - 4 - n);
	if (fo >= 0 && fp >= 0) {
		snprintf(orig, sizeof(orig), "/proc/self/fd/%d", fo);
		snprintf(patched, sizeof(patched), "/proc/self/fd/%d", fp);
		optind = 0;		/* getopt starts over */
		kmend_diff_main(8, argv);
	}
	if (fo >= 0)
		close(fo);
	if (fp >= 0)
		close(fp);
	unlink(out);
	return 0;
}
