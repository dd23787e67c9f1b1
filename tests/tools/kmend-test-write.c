// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-test-write - write VALUE to FILE again and again until STOPFILE
 * exists: a hammer on a kernel interface (e.g. a test module's parameter
 * whose setter calls patched functions).
 *
 *	kmend-test-write FILE VALUE STOPFILE
 *
 * Prints "writes=N" and exits 0, or exits 1 on the first failed write.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long writes = 0;
	size_t len;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: kmend-test-write FILE VALUE STOPFILE\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "kmend-test-write: %s: open: %m\n", argv[1]);
		return 1;
	}
	len = strlen(argv[2]);
	while (access(argv[3], F_OK)) {
		if (pwrite(fd, argv[2], len, 0) != (ssize_t)len) {
			fprintf(stderr, "kmend-test-write: %s: write: %m\n",
				argv[1]);
			return 1;
		}
		writes++;
	}
	printf("writes=%lu\n", writes);
	return 0;
}
