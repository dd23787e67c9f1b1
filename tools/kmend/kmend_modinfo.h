/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_modinfo.h - what a module file tells before it is loaded: the name
 * it will have, which is also the name of its patch under /sys/kernel/kmend,
 * and whether it can ever be removed.
 */
#ifndef _KMEND_MODINFO_H
#define _KMEND_MODINFO_H

#include <stdbool.h>
#include <stddef.h>

/* MODULE_NAME_LEN is 56 on 64-bit kernels; leave room for 32-bit ones. */
#define KMEND_NAME_MAX 64

int kmend_read_module_name(const char *path, char *name, size_t size);
bool kmend_is_module_path(const char *arg);
int kmend_resolve_module_name(const char *arg, char *name, size_t size);
int kmend_read_module_exit(const char *path);
int kmend_read_module_runtime(const char *path, const char **runtime);
int kmend_read_modinfo(const char *path, const char *key, char *value,
		       size_t size);

#endif /* _KMEND_MODINFO_H */
