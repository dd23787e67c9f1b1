/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_DEBUGFS_H
#define _KMEND_DEBUGFS_H

void kmend_debugfs_init(void);
void kmend_debugfs_exit(void);

#endif /* _KMEND_DEBUGFS_H */
