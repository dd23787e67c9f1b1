/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_compat.h - what differs between the kernel lines kmend build
 * targets, for the tools: the user-space twin of core/kmend_compat.h.
 * Every difference of object layout between kernel versions lives here
 * (and in the tables that name a line's bit), not in #ifs or version
 * tests through the differ.
 */
#ifndef _KMEND_COMPAT_H
#define _KMEND_COMPAT_H

#include <stdbool.h>

/* struct kmend_kernel.bit, and masks of lines in tables */
#define KMEND_LINUX_6_1		(1u << 0)
#define KMEND_LINUX_6_12	(1u << 1)

/**
 * struct kmend_kernel - one supported kernel line
 * @name:	"6.1", "6.12"
 * @bit:	KMEND_LINUX_*, for the tables that differ per line
 *		(kmend_special.c)
 * @runtime_consts: runtime_ptr_* and runtime_shift_* sections exist (6.11+):
 *		vmlinux's code is rewritten at boot from them, a module's
 *		never is
 */
struct kmend_kernel {
	const char *name;
	unsigned int bit;
	bool runtime_consts;
};

/*
 * The line of @version ("6.12", "6.12.117", "6.12.117+deb12-amd64",
 * "6.1.0-57-amd64"), or NULL after a message naming the lines supported.
 */
const struct kmend_kernel *kmend_kernel_find(const char *version);

/* Linux 6.1: kmend-diff's default without --kernel. */
extern const struct kmend_kernel kmend_linux_6_1;

#endif /* _KMEND_COMPAT_H */
