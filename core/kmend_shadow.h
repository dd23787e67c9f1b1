/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_SHADOW_H
#define _KMEND_SHADOW_H

void kmend_shadow_exit(void);

#endif /* _KMEND_SHADOW_H */
