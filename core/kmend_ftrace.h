/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_FTRACE_H
#define _KMEND_FTRACE_H

#include <kmend.h>

int kmend_patch_func(struct kmend_func *func);
void kmend_unpatch_func(struct kmend_func *func);
struct kmend_func *kmend_func_below(struct kmend_func *func);

#endif /* _KMEND_FTRACE_H */
