/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend-macros.h - what a patch given to `kmend build` may ask for.
 *
 * kmend build puts this directory on the include path of the patched
 * files, so a patch adds "#include <kmend-macros.h>" (or "kpatch-macros.h"
 * for patches written for kpatch) and uses:
 *
 *	KMEND_PRE_PATCH_CALLBACK(fn)	int fn(struct kmend_object *obj)
 *	KMEND_POST_PATCH_CALLBACK(fn)	void fn(struct kmend_object *obj)
 *	KMEND_PRE_UNPATCH_CALLBACK(fn)	void fn(struct kmend_object *obj)
 *	KMEND_POST_UNPATCH_CALLBACK(fn)	void fn(struct kmend_object *obj)
 *		run fn around the switch of the object (vmlinux, or the
 *		module) the patched file belongs to; see struct
 *		kmend_callbacks in kmend.h for when. At most one of each kind
 *		per object.
 *
 *	KMEND_IGNORE_FUNCTION(fn)	fn changed only as a side effect of the
 *					patch: do not replace it
 *	KMEND_IGNORE_SECTION(".name")	do not look at that section at all
 *
 *	kmend_shadow_alloc(), kmend_shadow_get(), ... (kmend.h): data
 *		attached to existing objects. The kernel's klp_shadow_*()
 *		work too.
 *
 * Each macro leaves a record in a .kmend.* section; kmend-diff reads them
 * (tools/kmend-build/lib/kmend_directives.c) and leaves them out of the module.
 */
#ifndef _KMEND_MACROS_H
#define _KMEND_MACROS_H

#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <kmend.h>

/* read by kmend-diff: 16 bytes, the function first */
struct kmend_callback_record {
	void *fn;
	const char *objname;	/* unused: kmend build knows the object */
};

typedef int (*kmend_pre_patch_t)(struct kmend_object *obj);
typedef void (*kmend_post_patch_t)(struct kmend_object *obj);
typedef void (*kmend_pre_unpatch_t)(struct kmend_object *obj);
typedef void (*kmend_post_unpatch_t)(struct kmend_object *obj);

/*
 * The inline function only checks fn's prototype at compile time; the
 * record names fn for kmend-diff and keeps it from being optimized away.
 */
#define __KMEND_CALLBACK(kind, type, _fn)				\
	static inline type __kmend_check_##kind(void) { return _fn; }	\
	static struct kmend_callback_record __kmend_##kind##_record	\
	__used __section(".kmend.callbacks." #kind) = {			\
		.fn = (void *)(_fn),					\
	}

#define KMEND_PRE_PATCH_CALLBACK(_fn) \
	__KMEND_CALLBACK(pre_patch, kmend_pre_patch_t, _fn)
#define KMEND_POST_PATCH_CALLBACK(_fn) \
	__KMEND_CALLBACK(post_patch, kmend_post_patch_t, _fn)
#define KMEND_PRE_UNPATCH_CALLBACK(_fn) \
	__KMEND_CALLBACK(pre_unpatch, kmend_pre_unpatch_t, _fn)
#define KMEND_POST_UNPATCH_CALLBACK(_fn) \
	__KMEND_CALLBACK(post_unpatch, kmend_post_unpatch_t, _fn)

#define KMEND_IGNORE_FUNCTION(_fn)					\
	static void *__UNIQUE_ID(kmend_ignore_function_) __used	\
	__section(".kmend.ignore.functions") = (void *)(_fn)

#define KMEND_IGNORE_SECTION(_sec)					\
	static const char *__UNIQUE_ID(kmend_ignore_section_) __used	\
	__section(".kmend.ignore.sections") = (_sec)

#endif /* _KMEND_MACROS_H */
