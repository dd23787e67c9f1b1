/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_module.h - inserting and removing kernel modules.
 */
#ifndef _KMEND_MODULE_H
#define _KMEND_MODULE_H

int kmend_insert_module(const char *path, const char *params);
int kmend_try_delete_module(const char *name);

#endif /* _KMEND_MODULE_H */
