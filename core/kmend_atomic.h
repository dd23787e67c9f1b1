/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_ATOMIC_H
#define _KMEND_ATOMIC_H

int kmend_atomic_switch(const char *name, int target);

#endif /* _KMEND_ATOMIC_H */
