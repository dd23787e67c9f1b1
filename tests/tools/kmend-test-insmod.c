// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-test-insmod - insert a module exactly once with finit_module(2).
 * busybox insmod retries a failed finit_module() with init_module(), which
 * runs a refusing module's notifiers twice and doubles the kernel log.
 *
 *	kmend-test-insmod FILE [PARAM=VALUE...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char params[4096] = "";
	int fd, i;

	if (argc < 2) {
		fprintf(stderr, "usage: kmend-test-insmod FILE [PARAM=VALUE...]\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		strncat(params, argv[i], sizeof(params) - strlen(params) - 2);
		strcat(params, " ");
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "kmend-test-insmod: %s: open: %m\n", argv[1]);
		return 1;
	}
	if (syscall(SYS_finit_module, fd, params, 0)) {
		fprintf(stderr, "kmend-test-insmod: %s: finit_module: %m\n",
			argv[1]);
		return 1;
	}
	return 0;
}
