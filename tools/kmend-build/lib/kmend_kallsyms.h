/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_kallsyms.h - the symbols of a stripped vmlinux, from the tables
 * kallsyms keeps in it, printed as /proc/kallsyms lists them.
 */
#ifndef _KMEND_KALLSYMS_H
#define _KMEND_KALLSYMS_H

#include <stdio.h>

/* Writes "ADDR TYPE NAME" lines, in kallsyms order. 0, or -1 after a message. */
int kmend_kallsyms_decode(const char *vmlinux, FILE *out);

#endif /* _KMEND_KALLSYMS_H */
