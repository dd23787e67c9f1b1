/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_print.h - showing patches to people.
 */
#ifndef _KMEND_PRINT_H
#define _KMEND_PRINT_H

#include <stdio.h>
#include "kmend_sysfs.h"

void kmend_print_patch(FILE *out, const struct kmend_patch *patch);
void kmend_print_patch_info(FILE *out, const struct kmend_patch *patch);
void kmend_report_blockers(const char *patch);

#endif /* _KMEND_PRINT_H */
