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
#include "kmend_symbols.h"
#include "kmend_transition.h"

static const char *kmend_object_name(struct kmend_object *obj)
{
	return obj->name ?: "vmlinux";
}

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

	kmend_for_each_func(obj, func) {
		ret = kmend_patch_func(func);
		if (ret) {
			kmend_unpatch_object(obj);
			return ret;
		}
	}
	obj->patched = true;
	return 0;
}

/* The caller waits for the handlers before the functions' memory goes. */
void kmend_unpatch_object(struct kmend_object *obj)
{
	struct kmend_func *func;

	kmend_for_each_func(obj, func)
		if (func->patched)
			kmend_unpatch_func(func);
	obj->patched = false;
}

int kmend_pre_patch(struct kmend_object *obj)
{
	int ret = 0;

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
	if (obj->callbacks.post_patch)
		obj->callbacks.post_patch(obj);
}

void kmend_pre_unpatch(struct kmend_object *obj)
{
	if (obj->callbacks.pre_unpatch)
		obj->callbacks.pre_unpatch(obj);
}

void kmend_post_unpatch(struct kmend_object *obj)
{
	if (obj->callbacks.post_unpatch_enabled && obj->callbacks.post_unpatch)
		obj->callbacks.post_unpatch(obj);
	obj->callbacks.post_unpatch_enabled = false;
}

/*
 * After an object came or went: a transition under way checks the new set
 * of functions; without one, the changed addresses take the fast path.
 */
static void kmend_settle(void)
{
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

static void kmend_object_leave(struct kmend_patch *patch,
			       struct kmend_object *obj)
{
	if (kmend_transition_patch != patch)
		kmend_pre_unpatch(obj);
	pr_notice("reverting patch '%s' on unloading module '%s'\n",
		  patch->mod->name, obj->name);
	kmend_unpatch_object(obj);
	kmend_sync_handlers();
	kmend_post_unpatch(obj);
}

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
		goto err_unrelocate;
	pr_notice("applying patch '%s' to loading module '%s'\n",
		  patch->mod->name, obj->name);
	ret = kmend_patch_object(obj);
	if (ret) {
		kmend_post_unpatch(obj);
		goto err_unrelocate;
	}
	if (kmend_transition_patch != patch)
		kmend_post_patch(obj);
	return 0;
err_unrelocate:
	kmend_unrelocate_object(patch, obj);
	pr_err("patch '%s' cannot patch module '%s': refusing to load it\n",
	       patch->mod->name, obj->name);
	obj->mod = NULL;
	return ret;
}

/* Undoes the objects of @mod patched by the patches before @last. */
static void kmend_module_coming_undo(struct module *mod,
				     struct kmend_patch *last)
{
	struct kmend_patch *patch;
	struct kmend_object *obj;

	kmend_for_each_patch(patch) {
		if (patch == last)
			break;
		kmend_for_each_object(patch, obj)
			if (obj->mod == mod && obj->patched)
				kmend_object_leave(patch, obj);
	}
}

/**
 * kmend_module_coming() - patch a module as it loads
 *
 * Return: 0, or -errno to refuse the module's load (a callback failed or
 * a function cannot be patched), with nothing left patched in it.
 */
int kmend_module_coming(struct module *mod)
{
	struct kmend_patch *patch;
	struct kmend_object *obj;
	int ret;

	kmend_for_each_patch(patch) {
		if (!kmend_patch_active(patch))
			continue;
		kmend_for_each_object(patch, obj) {
			if (!obj->name || strcmp(obj->name, mod->name) ||
			    obj->patched)
				continue;
			ret = kmend_object_arrive(patch, obj, mod);
			if (ret) {
				kmend_module_coming_undo(mod, patch);
				kmend_settle();
				return ret;
			}
		}
	}
	kmend_settle();
	return 0;
}

/* Unpatch a module as it goes; its functions must leave every stack. */
void kmend_module_going(struct module *mod)
{
	struct kmend_patch *patch;
	struct kmend_object *obj;

	kmend_for_each_patch(patch) {
		kmend_for_each_object(patch, obj) {
			if (obj->mod != mod)
				continue;
			if (obj->patched)
				kmend_object_leave(patch, obj);
			kmend_unrelocate_object(patch, obj);
			obj->mod = NULL;
		}
	}
	kmend_settle();
}
