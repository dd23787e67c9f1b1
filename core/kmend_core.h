/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_CORE_H
#define _KMEND_CORE_H

#include <kmend.h>
#include <linux/mutex.h>
#include "kmend_transition.h"

extern struct mutex kmend_mutex;
extern struct list_head kmend_patches;

#define kmend_for_each_patch(patch) \
	list_for_each_entry(patch, &kmend_patches, list)

bool kmend_patch_registered(struct kmend_patch *patch);
int __kmend_enable_patch(struct kmend_patch *patch);
int __kmend_disable_patch(struct kmend_patch *patch);
int __kmend_set_patch_enabled(struct kmend_patch *patch, bool enable);
int __kmend_force_patch(struct kmend_patch *patch);
void kmend_unpatch_objects(struct kmend_patch *patch);
void kmend_finish_patch_change(struct kmend_patch *patch,
			       enum kmend_side target);
int kmend_core_init(void);
void kmend_core_exit(void);

#endif /* _KMEND_CORE_H */
