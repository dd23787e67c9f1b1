// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-kmend-klp-convert.c - libFuzzer harness for kmend-klp-convert's
 * ELF input.
 *
 * An input is one module (or object) with references to .klp.sym.*
 * symbols; kmend-klp-convert's own main() rewrites it in place, as
 * kmend-build runs it on the linked patch module. A crash or a sanitizer
 * report is a bug; an error message and exit 1 are the expected answer
 * to a malformed module.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int kmend_klp_convert_main(int argc, char **argv);

static char dir[] = "/dev/shm/fuzz-kmend-klp-convert.XXXXXX";
static char path[sizeof(dir) + 16];

static void fuzz_cleanup(void)
{
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (!mkdtemp(dir)) {
		perror("fuzz-kmend-klp-convert: mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/patch.ko", dir);
	atexit(fuzz_cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "kmend-klp-convert", path, NULL };
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		close(fd);
		kmend_klp_convert_main(2, argv);
	} else {
		close(fd);
	}
	unlink(path);
	return 0;
}
