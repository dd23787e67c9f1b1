/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_RELOC_H
#define _KMEND_RELOC_H

#include <kmend.h>

int kmend_relocate_object(struct kmend_patch *patch, struct kmend_object *obj);
void kmend_unrelocate_object(struct kmend_patch *patch,
			     struct kmend_object *obj);

#endif /* _KMEND_RELOC_H */
