/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_STATE_H
#define _KMEND_STATE_H

#include <kmend.h>

bool kmend_states_compatible(struct kmend_patch *patch);

#endif /* _KMEND_STATE_H */
