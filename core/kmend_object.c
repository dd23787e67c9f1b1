// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_object.c - one kernel object of a patch: vmlinux or a module.
 *
 * A module object is patched while its module is loaded: at enable when
 * the module is already there, else from the module notifier while the
 * module loads (MODULE_STATE_COMING: after ftrace knows its functions,
 * before its init runs), and unpatched when it goes (MODULE_STATE_GOING:
 * after its exit, before ftrace forgets it). kmend holds no reference on
 * patched modules: they stay removable.
 *
 * Callbacks run around those moments, always in process context, never
 * under stop_machine, and only for an object that is present.
 *
 * Everything here runs under kmend_mutex.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/module.h>
#include "kmend_core.h"
#include "kmend_ftrace.h"
#include "kmend_object.h"
#include "kmend_reloc.h"
#include "kmend_replace.h"
#include "kmend_symbols.h"
#include "kmend_transition.h"

/*
 * The module of @obj if it is loaded. One that is still unformed has no
 * symbols yet and one that is going is as good as gone: their notifiers,
 * which wait for kmend_mutex, take care of them.
 */
static struct module *kmend_find_loaded_module(const char *name)
{
	struct module *mod;

	mutex_lock(kmend_kernel.module_mutex);
	mod = kmend_call(find_module)(name);
	if (mod && (mod->state == MODULE_STATE_UNFORMED ||
		    mod->state == MODULE_STATE_GOING))
		mod = NULL;
	mutex_unlock(kmend_kernel.module_mutex);
	return mod;
}

static int kmend_resolve_one(struct kmend_object *obj, struct kmend_func *func)
{
	unsigned long addr, size;
	int ret;

	ret = kmend_resolve_func(obj->name, func->old_name, func->old_sympos,
				 &addr, &size);
	if (ret)
		return ret;
	if (!kmend_is_ftrace_location(addr)) {
		pr_err("%s cannot be patched: it is not traceable (notrace, or built without __fentry__)\n",
		       func->old_name);
		return -EINVAL;
	}
	if (!kmend_lookup_size((unsigned long)func->new_func,
			       &func->new_size)) {
		pr_err("the replacement of %s is not a function start known to kallsyms\n",
		       func->old_name);
		return -EINVAL;
	}
	func->old_func = (void *)addr;
	func->old_size = size;
	return 0;
}

/**
 * kmend_resolve_object() - find every function of @obj, if it is present
 *
 * Each must resolve, be traceable, and be replaced only once. A module
 * that is not loaded is resolved when it loads. Return: 0 or -errno,
 * logged.
 */
int kmend_resolve_object(struct kmend_object *obj)
{
	struct kmend_func *func, *other;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (obj->name)
		obj->mod = kmend_find_loaded_module(obj->name);
	if (!kmend_object_present(obj))
		return 0;
	kmend_for_each_func(obj, func) {
		ret = kmend_resolve_one(obj, func);
		if (ret)
			return ret;
		for (other = obj->funcs; other != func; other++) {
			if (other->old_func != func->old_func)
				continue;
			pr_err("%s of %s is replaced twice\n", func->old_name,
			       kmend_object_name(obj));
			return -EINVAL;
		}
	}
	return 0;
}

/* Return: 0, or -errno with the functions already pushed taken off again. */
int kmend_patch_object(struct kmend_object *obj)
{
	struct kmend_func *func;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_func(obj, func) {
		ret = kmend_patch_func(func);
		if (ret) {
			kmend_unpatch_object(obj);
			return ret;
		}
	}
	WRITE_ONCE(obj->patched, true);
	return 0;
}

/* The caller waits for the handlers before the functions' memory goes. */
void kmend_unpatch_object(struct kmend_object *obj)
{
	struct kmend_func *func;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_func(obj, func)
		if (func->patched)
			kmend_unpatch_func(func);
	WRITE_ONCE(obj->patched, false);
}

int kmend_pre_patch(struct kmend_object *obj)
{
	int ret = 0;

	lockdep_assert_held(&kmend_mutex);
	if (obj->callbacks.pre_patch)
		ret = obj->callbacks.pre_patch(obj);
	if (ret)
		pr_err("pre-patch callback of %s failed (%d)\n",
		       kmend_object_name(obj), ret);
	obj->callbacks.post_unpatch_enabled = !ret;
	return ret;
}

void kmend_post_patch(struct kmend_object *obj)
{
	lockdep_assert_held(&kmend_mutex);
	if (obj->callbacks.post_patch)
		obj->callbacks.post_patch(obj);
}

void kmend_pre_unpatch(struct kmend_object *obj)
{
	lockdep_assert_held(&kmend_mutex);
	if (obj->callbacks.pre_unpatch)
		obj->callbacks.pre_unpatch(obj);
}

void kmend_post_unpatch(struct kmend_object *obj)
{
	lockdep_assert_held(&kmend_mutex);
	if (obj->callbacks.post_unpatch_enabled && obj->callbacks.post_unpatch)
		obj->callbacks.post_unpatch(obj);
	obj->callbacks.post_unpatch_enabled = false;
}

/**
 * kmend_settle_changes() - after functions came or went outside a step of
 * the transition code
 *
 * A transition under way checks the new set of functions; without one,
 * the changed addresses take the fast path again.
 */
void kmend_settle_changes(void)
{
	lockdep_assert_held(&kmend_mutex);
	if (kmend_transition_patch)
		kmend_refresh_transition();
	else
		kmend_fast_all();
}

/* Patches that redirect code now, or switch tasks to or from it. */
static bool kmend_patch_active(struct kmend_patch *patch)
{
	return patch->enabled || kmend_transition_patch == patch;
}

/*
 * pre_unpatch has already run for an object of the patch in transition
 * (or it is patching, and post_patch has not run yet), and for one that
 * a cumulative patch in transition drops (kmend_replace_begin()).
 */
static void kmend_object_leave(struct kmend_patch *patch,
			       struct kmend_object *obj)
{
	if (kmend_transition_patch != patch && !kmend_replace_drops(patch, obj))
		kmend_pre_unpatch(obj);
	pr_notice("reverting patch '%s' on unloading module '%s'\n",
		  patch->mod->name, obj->name);
	kmend_unpatch_object(obj);
	kmend_sync_handlers();
	kmend_post_unpatch(obj);
}

/*
 * @obj's module goes, or its load is refused: nothing of the patch may
 * point into it any more, so that the next instance of the module is
 * resolved and relocated afresh.
 */
static void kmend_object_detach(struct kmend_patch *patch,
				struct kmend_object *obj)
{
	struct kmend_func *func;

	if (obj->patched)
		kmend_object_leave(patch, obj);
	kmend_unrelocate_object(patch, obj);
	obj->mod = NULL;
	kmend_for_each_func(obj, func) {
		/*
		 * One kmend_keep_func() left redirected keeps its address: it
		 * is how its ftrace ops is found when the patch is disabled.
		 */
		if (func->patched)
			continue;
		func->old_func = NULL;
		func->old_size = 0;
	}
}

/* Every object of every patch, active or not, that is in @mod. */
static void kmend_detach_module(struct module *mod)
{
	struct kmend_patch *patch;
	struct kmend_object *obj;

	kmend_for_each_patch(patch)
		kmend_for_each_object(patch, obj)
			if (obj->mod == mod)
				kmend_object_detach(patch, obj);
}

/*
 * An object arriving during its patch's transition, or during a replace
 * that drops it, gets post_patch only if that transition is reversed.
 * On failure the caller detaches @obj (kmend_detach_module()).
 */
static int kmend_object_arrive(struct kmend_patch *patch,
			       struct kmend_object *obj, struct module *mod)
{
	int ret;

	obj->mod = mod;
	ret = kmend_resolve_object(obj);
	if (!ret)
		ret = kmend_relocate_object(patch, obj);
	if (!ret)
		ret = kmend_pre_patch(obj);
	if (ret)
		goto err_log;
	pr_notice("applying patch '%s' to loading module '%s'\n",
		  patch->mod->name, obj->name);
	ret = kmend_patch_object(obj);
	if (ret) {
		kmend_post_unpatch(obj);
		goto err_log;
	}
	if (kmend_transition_patch != patch && !kmend_replace_drops(patch, obj))
		kmend_post_patch(obj);
	return 0;
err_log:
	pr_err("patch '%s' cannot patch module '%s': refusing to load it\n",
	       patch->mod->name, obj->name);
	return ret;
}

/**
 * kmend_module_coming() - patch a module as it loads
 *
 * Return: 0, or -errno to refuse the module's load (a callback failed or
 * a function cannot be patched), with nothing of any patch left in it:
 * the loader does not tell the notifier that refused a module that the
 * module goes.
 */
int kmend_module_coming(struct module *mod)
{
	struct kmend_patch *patch;
	struct kmend_object *obj;
	int ret = 0;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_patch(patch) {
		if (!kmend_patch_active(patch))
			continue;
		kmend_for_each_object(patch, obj) {
			if (!obj->name || strcmp(obj->name, mod->name) ||
			    obj->patched)
				continue;
			ret = kmend_object_arrive(patch, obj, mod);
			if (ret)
				goto err_detach;
		}
	}
	kmend_settle_changes();
	return 0;

err_detach:
	kmend_detach_module(mod);
	kmend_settle_changes();
	return ret;
}

/* Unpatch a module as it goes; its functions must leave every stack. */
void kmend_module_going(struct module *mod)
{
	lockdep_assert_held(&kmend_mutex);
	kmend_detach_module(mod);
	kmend_settle_changes();
}
