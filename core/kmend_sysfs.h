/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_SYSFS_H
#define _KMEND_SYSFS_H

#include <kmend.h>

int kmend_sysfs_init(void);
void kmend_sysfs_exit(void);
int kmend_sysfs_add_patch(struct kmend_patch *patch);
void kmend_sysfs_remove_patch(struct kmend_patch *patch);

#endif /* _KMEND_SYSFS_H */
