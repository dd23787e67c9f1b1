/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_installed.h - installed patches: the patch modules kept in
 * /var/lib/kmend/REL/NAME.ko, which kmend.service loads at every boot of
 * kernel REL.
 */
#ifndef _KMEND_INSTALLED_H
#define _KMEND_INSTALLED_H

#include <stddef.h>

/* A kernel release is at most __NEW_UTS_LEN (64) characters. */
#define KMEND_RELEASE_MAX 65

int kmend_running_release(char *rel, size_t size);
int kmend_installed_dir(const char *rel, char *dir, size_t size);
int kmend_installed_path(const char *rel, const char *name, char *path,
			 size_t size);
int kmend_list_installed(const char *rel, char ***names, size_t *nr);
int kmend_check_installable(const char *path, const char *rel);
int kmend_copy_installed(const char *src, const char *dir, const char *name);

#endif /* _KMEND_INSTALLED_H */
