// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-kallsyms - print the symbols of a vmlinux, even a stripped one, in
 * /proc/kallsyms format, from the kernel's own kallsyms tables.
 *
 *	kmend-kallsyms VMLINUX > symbols
 */
#include <stdio.h>
#include "kmend_kallsyms.h"
#include "kmend_util.h"

int main(int argc, char **argv)
{
	kmend_prog = "kmend-kallsyms";
	if (argc != 2) {
		fprintf(stderr, "usage: kmend-kallsyms VMLINUX\n");
		return 1;
	}
	if (kmend_kallsyms_decode(argv[1], stdout))
		return 1;
	if (fflush(stdout) || ferror(stdout)) {
		kmend_err_sys("stdout", "write");
		return 1;
	}
	return 0;
}
