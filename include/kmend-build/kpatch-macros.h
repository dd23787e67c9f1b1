/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpatch-macros.h - kpatch's patch-author macros, for patches written for
 * kpatch-build, mapped onto kmend's (kmend-macros.h).
 *
 * Callbacks get a struct kmend_object (patch_object), which has the
 * fields kpatch patches use: name and mod. KPATCH_LOAD_HOOK and
 * KPATCH_UNLOAD_HOOK (kpatch's older hooks) run as post_patch and
 * pre_unpatch callbacks. KPATCH_FORCE_UNSAFE has no kmend equivalent:
 * kmend-diff warns and ignores it.
 */
#ifndef __KPATCH_MACROS_H_
#define __KPATCH_MACROS_H_

#include <linux/printk.h>
#include <linux/static_call.h>
#include "kmend-macros.h"
#include "kpatch-syscall.h"

typedef struct kmend_object patch_object;

typedef int (*kpatch_pre_patch_call_t)(patch_object *obj);
typedef void (*kpatch_post_patch_call_t)(patch_object *obj);
typedef void (*kpatch_pre_unpatch_call_t)(patch_object *obj);
typedef void (*kpatch_post_unpatch_call_t)(patch_object *obj);
typedef void (*kpatch_loadcall_t)(void);
typedef void (*kpatch_unloadcall_t)(void);

#define KPATCH_IGNORE_SECTION(_sec)	KMEND_IGNORE_SECTION(_sec)
#define KPATCH_IGNORE_FUNCTION(_fn)	KMEND_IGNORE_FUNCTION(_fn)

#define KPATCH_PRE_PATCH_CALLBACK(_fn)	KMEND_PRE_PATCH_CALLBACK(_fn)
#define KPATCH_POST_PATCH_CALLBACK(_fn)	KMEND_POST_PATCH_CALLBACK(_fn)
#define KPATCH_PRE_UNPATCH_CALLBACK(_fn) KMEND_PRE_UNPATCH_CALLBACK(_fn)
#define KPATCH_POST_UNPATCH_CALLBACK(_fn) KMEND_POST_UNPATCH_CALLBACK(_fn)

#define KPATCH_LOAD_HOOK(_fn)						\
	static inline kpatch_loadcall_t __kmend_check_load(void) { return _fn; } \
	static struct kmend_callback_record __kmend_load_record		\
	__used __section(".kmend.hooks.load") = { .fn = (void *)(_fn) }

#define KPATCH_UNLOAD_HOOK(_fn)						\
	static inline kpatch_unloadcall_t __kmend_check_unload(void) { return _fn; } \
	static struct kmend_callback_record __kmend_unload_record	\
	__used __section(".kmend.hooks.unload") = { .fn = (void *)(_fn) }

#define KPATCH_FORCE_UNSAFE(_fn)					\
	static void *__kmend_force_##_fn __used				\
	__section(".kmend.force") = (void *)(_fn)

/* kmend keeps statics paired as it finds them; the request is ignored */
#define KPATCH_IGNORE_STATIC(_static)

/*
 * printk is __cold: a path that calls it becomes cold, which can move
 * neighbouring code to .text.unlikely or stop inlining and so change more
 * functions than the patch did. The jiffies test keeps the path warm.
 */
#define KPATCH_PRINTK(_fmt, ...)					\
({									\
	if (jiffies)							\
		printk(_fmt, ## __VA_ARGS__);				\
})

#define KPATCH_PRINTK_DEFERRED(_fmt, ...)				\
({									\
	if (jiffies)							\
		printk_deferred(_fmt, ## __VA_ARGS__);			\
})

/* An indirect call through the key, for a static call of a module. */
#define KPATCH_STATIC_CALL(name) \
	((typeof(STATIC_CALL_TRAMP(name)) *)(STATIC_CALL_KEY(name).func))

#endif /* __KPATCH_MACROS_H_ */
