/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_REPLACE_H
#define _KMEND_REPLACE_H

#include <kmend.h>

/* The enabled patches a cumulative @patch supersedes. Under kmend_mutex. */
#define kmend_for_each_replaced(patch, old)				\
	kmend_for_each_patch(old)					\
		if (old == (patch) || !old->enabled) {} else

bool kmend_replace_drops(struct kmend_patch *patch, struct kmend_object *obj);
void kmend_replace_begin(struct kmend_patch *patch);
void kmend_replace_mark(struct kmend_patch *patch);
void kmend_replace_complete(struct kmend_patch *patch);
void kmend_replace_abort(struct kmend_patch *patch);

#endif /* _KMEND_REPLACE_H */
