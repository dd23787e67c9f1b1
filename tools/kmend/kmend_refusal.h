/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_refusal.h - why the kernel refused a module file, when its errno
 * alone would mislead: a signature it does not accept, a file cut short.
 */
#ifndef _KMEND_REFUSAL_H
#define _KMEND_REFUSAL_H

#include <stdbool.h>

bool kmend_explain_refusal(const char *path, int err);
void kmend_explain_core_refusal(const char *rel);

#endif /* _KMEND_REFUSAL_H */
