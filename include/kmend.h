/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend.h - the interface between patch modules and kmend.ko.
 *
 * A patch module describes what it replaces with three nested arrays, each
 * ended by an all-zero entry, and calls kmend_enable_patch() from its init:
 *
 *	static struct kmend_func funcs[] = {
 *		{ .old_name = "cmdline_proc_show", .new_func = my_show },
 *		{ }
 *	};
 *	static struct kmend_object objs[] = {
 *		{ .funcs = funcs },		// .name NULL: vmlinux
 *		{ }
 *	};
 *	static struct kmend_patch patch = { .mod = THIS_MODULE, .objs = objs };
 *
 *	static int __init my_init(void) { return kmend_enable_patch(&patch); }
 *	static void __exit my_exit(void) { }	// nothing to undo
 *	module_init(my_init);
 *	module_exit(my_exit);
 *
 * The exit function is needed even when empty: the kernel never removes a
 * module that has an init function and no exit function. kmend.ko holds
 * the patch module while its patch is enabled, so the exit function runs
 * only once the patch is disabled and its transition over.
 *
 * Fields under "set by the patch author" are the author's; fields under
 * "internal" belong to kmend.ko, must be left zero and may change meaning
 * between releases.
 */
#ifndef _KMEND_H
#define _KMEND_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/kobject.h>
#include <linux/completion.h>
#include <linux/module.h>
#include <linux/gfp.h>

/**
 * enum kmend_consistency - how tasks are switched from old to new code
 * @KMEND_PER_TASK:	each task moves on its own once it is provably outside
 *			every replaced function (default)
 * @KMEND_ATOMIC:	every task at once under stop_machine, after checking
 *			that no stack holds a replaced function
 * @KMEND_IMMEDIATE:	every task at once, with no check
 */
enum kmend_consistency {
	KMEND_PER_TASK = 0,
	KMEND_ATOMIC,
	KMEND_IMMEDIATE,
};

/**
 * struct kmend_func - one function to replace
 * @old_name:	name of the function to replace (set by the patch author)
 * @new_func:	the replacement, with the same prototype: a function of the
 *		patch module itself, not __init (set by the author)
 * @old_sympos:	which of several same-named symbols of the object, counting
 *		from 1 in kallsyms order; 0 means the name must be unique
 *		(set by the author)
 * @old_func:	resolved address of the old function (internal)
 * @old_size:	its size in bytes, from kallsyms (internal)
 * @new_size:	the size of @new_func, from kallsyms (internal)
 * @stack_node:	entry in the per-address stack of replacements (internal)
 * @kobj:	sysfs directory <function>,<sympos> (internal)
 * @patched:	on the function's stack of replacements (internal)
 * @transition:	tasks are being switched to or from this replacement
 *		(internal; read by the ftrace handler)
 * @replaced:	a cumulative patch in transition drops this replacement:
 *		tasks on its new side run the original code (internal; read
 *		by the ftrace handler)
 */
struct kmend_func {
	const char *old_name;
	void *new_func;
	unsigned long old_sympos;

	void *old_func;
	unsigned long old_size;
	unsigned long new_size;
	struct list_head stack_node;
	struct kobject kobj;
	bool patched;
	bool transition;
	bool replaced;
};

struct kmend_object;

/**
 * struct kmend_callbacks - code run around the switch of one object
 * @pre_patch:		before the object's functions are redirected; may
 *			fail, which refuses the patch (or the module's load)
 * @post_patch:		after every task runs the new code
 * @pre_unpatch:	before tasks start going back to the old code
 * @post_unpatch:	after every task runs the old code again
 * @post_unpatch_enabled: pre_patch succeeded, so post_unpatch is owed
 *			(internal)
 *
 * All are set by the patch author and optional; they run in process
 * context and may sleep, never under stop_machine. They run when the
 * object is present: at enable or disable for vmlinux and loaded modules,
 * at the module's load or removal otherwise.
 */
struct kmend_callbacks {
	int (*pre_patch)(struct kmend_object *obj);
	void (*post_patch)(struct kmend_object *obj);
	void (*pre_unpatch)(struct kmend_object *obj);
	void (*post_unpatch)(struct kmend_object *obj);
	bool post_unpatch_enabled;
};

/**
 * struct kmend_object - the functions replaced in one kernel object
 * @name:	module name, or NULL for vmlinux (set by the patch author)
 * @funcs:	array of functions, ended by an empty entry (set by the author);
 *		a vmlinux object of callbacks only needs an empty array
 *		here, since one with no @funcs and no @name ends the list
 * @callbacks:	optional callbacks (set by the author)
 * @mod:	the module while it is loaded; NULL for vmlinux (internal)
 * @relocated:	the object's livepatch relocations are applied (internal)
 * @kobj:	sysfs directory named after the object (internal)
 * @patched:	the object's functions are redirected (internal)
 *
 * Relocations that a generated patch needs against symbols of this object
 * that are not exported are carried in the patch module's ELF, in the
 * kernel's livepatch module format: sections .klp.rela.<object>.<section>
 * whose symbols are .klp.sym.<object>.<name>,<sympos> (SHN_LIVEPATCH), in
 * a module with MODULE_INFO(livepatch, "Y"). kmend.ko applies them when the
 * object is patched, also for a module loaded later.
 */
struct kmend_object {
	const char *name;
	struct kmend_func *funcs;
	struct kmend_callbacks callbacks;

	struct module *mod;
	struct kobject kobj;
	bool patched;
	bool relocated;
};

/**
 * struct kmend_state - a change of the system that a patch makes
 * @id:		identifies the change across patches (set by the author)
 * @version:	a cumulative patch may keep or raise it, never lower it
 *		(set by the author)
 * @data:	free for the patch's callbacks
 */
struct kmend_state {
	unsigned long id;
	unsigned int version;
	void *data;
};

/**
 * struct kmend_patch - a patch: what one patch module replaces
 * @mod:		the patch module, THIS_MODULE (set by the patch author)
 * @objs:		array of objects, ended by an empty entry (set by the
 *			author)
 * @consistency:	how tasks are switched (set by the author; default
 *			KMEND_PER_TASK)
 * @replace:		cumulative: supersedes every earlier patch in one
 *			transition (set by the author)
 * @states:		system states the patch sets up, ended by an entry
 *			with id 0 (set by the author; optional)
 * @list:		entry in kmend.ko's list of patches (internal)
 * @kobj:		sysfs directory /sys/kernel/kmend/<module name>
 *			(internal)
 * @enabled:		the patch is, or is becoming, the active code
 *			(internal)
 * @forced:		a transition was forced, so the module may never be
 *			removed (internal)
 * @module_held:	kmend.ko holds a reference on @mod (internal)
 * @replacing:		the patch is superseding the other enabled patches in
 *			the transition under way (internal)
 * @kobj_released:	completed when @kobj is released (internal)
 */
struct kmend_patch {
	struct module *mod;
	struct kmend_object *objs;
	enum kmend_consistency consistency;
	bool replace;
	struct kmend_state *states;

	struct list_head list;
	struct kobject kobj;
	bool enabled;
	bool forced;
	bool module_held;
	bool replacing;
	struct completion kobj_released;
};

#define kmend_for_each_object(patch, obj) \
	for (obj = (patch)->objs; obj->funcs || obj->name; obj++)

#define kmend_for_each_func(obj, func) \
	for (func = (obj)->funcs; func && (func->old_name || func->new_func); \
	     func++)

/**
 * kmend_enable_patch() - register a patch and switch to it
 * @patch:	the patch, which must live as long as its module
 *
 * Called from the patch module's init function. The patch and its arrays
 * must be static data of @patch->mod (THIS_MODULE), each object and each
 * function listed once. Resolves and checks every function first; a patch
 * that cannot be applied is refused with nothing redirected and a kernel
 * log line saying why.
 *
 * Return: 0 once the patch is enabled (its transition may still be
 * running), or a negative errno.
 */
int kmend_enable_patch(struct kmend_patch *patch);

/**
 * kmend_get_state() - @patch's state @id, or NULL
 */
struct kmend_state *kmend_get_state(struct kmend_patch *patch,
				    unsigned long id);

/**
 * kmend_get_prev_state() - state @id of the patches enabled before the one
 * being enabled now, or NULL; for callbacks taking a state over
 */
struct kmend_state *kmend_get_prev_state(unsigned long id);

/*
 * Shadow variables: data attached to an existing object (keyed by its
 * address and an id) without changing the object's layout. Safe from any
 * context the gfp flags allow; lookups take no sleeping lock.
 */
typedef int (*kmend_shadow_ctor_t)(void *obj, void *shadow_data,
				   void *ctor_data);
typedef void (*kmend_shadow_dtor_t)(void *obj, void *shadow_data);

void *kmend_shadow_get(void *obj, unsigned long id);
void *kmend_shadow_alloc(void *obj, unsigned long id, size_t size,
			 gfp_t gfp_flags, kmend_shadow_ctor_t ctor,
			 void *ctor_data);
void *kmend_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
				gfp_t gfp_flags, kmend_shadow_ctor_t ctor,
				void *ctor_data);
void kmend_shadow_free(void *obj, unsigned long id, kmend_shadow_dtor_t dtor);
void kmend_shadow_free_all(unsigned long id, kmend_shadow_dtor_t dtor);

#endif /* _KMEND_H */
