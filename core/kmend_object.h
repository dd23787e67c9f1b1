/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_OBJECT_H
#define _KMEND_OBJECT_H

#include <kmend.h>
#include <linux/string.h>

static inline bool kmend_object_present(struct kmend_object *obj)
{
	return !obj->name || obj->mod;
}

static inline const char *kmend_object_name(struct kmend_object *obj)
{
	return obj->name ?: "vmlinux";
}

/* Are @a and @b objects for the same kernel object? */
static inline bool kmend_same_object(struct kmend_object *a,
				     struct kmend_object *b)
{
	return a->name == b->name ||
	       (a->name && b->name && !strcmp(a->name, b->name));
}

int kmend_resolve_object(struct kmend_object *obj);
int kmend_patch_object(struct kmend_object *obj);
void kmend_unpatch_object(struct kmend_object *obj);
int kmend_pre_patch(struct kmend_object *obj);
void kmend_post_patch(struct kmend_object *obj);
void kmend_pre_unpatch(struct kmend_object *obj);
void kmend_post_unpatch(struct kmend_object *obj);
int kmend_module_coming(struct module *mod);
void kmend_module_going(struct module *mod);
void kmend_settle_changes(void);

#endif /* _KMEND_OBJECT_H */
