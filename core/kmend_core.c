// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_core.c - the life of a patch: registration, checks, enabling,
 * disabling, and removal with its module.
 *
 * States of a registered patch (patch->enabled, kmend_transition_patch):
 *
 *	enabled	in transition	meaning
 *	1	yes		switching tasks to the patch
 *	1	no		the patch is the active code; module held
 *	0	yes		switching tasks back off the patch
 *	0	no		disabled; functions off their stacks, module
 *				released and removable; may be enabled again
 *
 * A patch is registered from kmend_enable_patch() until its module goes.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include "kmend_core.h"
#include "kmend_ftrace.h"
#include "kmend_object.h"
#include "kmend_reloc.h"
#include "kmend_replace.h"
#include "kmend_state.h"
#include "kmend_symbols.h"
#include "kmend_sysfs.h"
#include "kmend_transition.h"

/*
 * kmend_mutex serializes every change of a patch, of the patch list and of
 * the function stacks, and every transition step. Lock order: kmend_mutex,
 * then module_mutex (taken by the kallsyms module walk).
 */
DEFINE_MUTEX(kmend_mutex);
LIST_HEAD(kmend_patches);

bool kmend_patch_registered(struct kmend_patch *patch)
{
	return patch->list.next && !list_empty(&patch->list);
}

static bool kmend_has_callbacks(const struct kmend_object *obj)
{
	const struct kmend_callbacks *cb = &obj->callbacks;

	return cb->pre_patch || cb->post_patch || cb->pre_unpatch ||
	       cb->post_unpatch;
}

/* Memory that stays as long as the patch module: not its __init part. */
static bool kmend_in_patch_module(struct kmend_patch *patch, const void *p)
{
	return within_module_core((unsigned long)p, patch->mod);
}

/*
 * The patch and its arrays hold kmend's kobjects, so they must live as long
 * as patch->mod, the module kmend holds and whose removal unregisters the
 * patch: a .mod naming another module leaves them to a module that may go
 * at any time.
 */
static int kmend_check_owner(struct kmend_patch *patch)
{
	if (!patch->mod) {
		pr_err("a patch without .mod: set .mod = THIS_MODULE\n");
		return -EINVAL;
	}
	if (!kmend_in_patch_module(patch, patch)) {
		pr_err("patch '%s': its struct kmend_patch is not in module '%s' but at %ps: set .mod = THIS_MODULE, in static data\n",
		       patch->mod->name, patch->mod->name, patch);
		return -EINVAL;
	}
	if (!patch->objs || !kmend_in_patch_module(patch, patch->objs)) {
		pr_err("patch '%s': .objs is missing or not in the patch module\n",
		       patch->mod->name);
		return -EINVAL;
	}
	return 0;
}

/* Says why @func's replacement is refused; the buffer only on this path. */
static noinline int kmend_refuse_new_func(struct kmend_patch *patch,
					  struct kmend_func *func)
{
	size_t len = strlen(func->old_name);
	char name[KSYM_SYMBOL_LEN];

	/* "name" or "name [module]" */
	snprintf(name, sizeof(name), "%ps", func->new_func);
	if (!strncmp(name, func->old_name, len) &&
	    (name[len] == ' ' || !name[len]))
		pr_err("patch '%s': the replacement of %s is %s itself: its calls would redirect to themselves forever\n",
		       patch->mod->name, func->old_name, func->old_name);
	else if (within_module_init((unsigned long)func->new_func, patch->mod))
		pr_err("patch '%s': the replacement of %s is %pS, which is __init code, freed once the module has loaded\n",
		       patch->mod->name, func->old_name, func->new_func);
	else
		pr_err("patch '%s': the replacement of %s is %pS, outside the patch module: only the patch module is held while the patch is enabled\n",
		       patch->mod->name, func->old_name, func->new_func);
	return -EINVAL;
}

/*
 * The replacement must be code of the patch module, which kmend holds
 * while the patch is enabled, and not its __init code, freed once the
 * module has loaded.
 */
static int kmend_check_new_func(struct kmend_patch *patch,
				struct kmend_func *func)
{
	if (kmend_in_patch_module(patch, func->new_func))
		return 0;
	return kmend_refuse_new_func(patch, func);
}

static bool kmend_same_func(struct kmend_func *a, struct kmend_func *b)
{
	return !strcmp(a->old_name, b->old_name) &&
	       (a->old_sympos ?: 1) == (b->old_sympos ?: 1);
}

/*
 * One kernel object listed twice, or one function twice in an object,
 * would collide in sysfs and in the module notifier. Return: how many
 * functions @obj has, or -EINVAL.
 */
static int kmend_check_object(struct kmend_patch *patch,
			      struct kmend_object *obj)
{
	const char *name = kmend_object_name(obj);
	struct kmend_object *other;
	struct kmend_func *func, *f;
	int nfuncs = 0, ret;

	for (other = patch->objs; other != obj; other++)
		if (kmend_same_object(other, obj))
			goto err_twice;
	if (obj->funcs && !kmend_in_patch_module(patch, obj->funcs)) {
		pr_err("patch '%s': the functions of %s are not in the patch module\n",
		       patch->mod->name, name);
		return -EINVAL;
	}
	kmend_for_each_func(obj, func) {
		if (!func->old_name || !func->new_func) {
			pr_err("patch '%s': a function lacks old_name or new_func\n",
			       patch->mod->name);
			return -EINVAL;
		}
		for (f = obj->funcs; f != func; f++) {
			if (!kmend_same_func(f, func))
				continue;
			pr_err("patch '%s': %s,%lu of %s is listed twice\n",
			       patch->mod->name, func->old_name,
			       func->old_sympos ?: 1, name);
			return -EINVAL;
		}
		ret = kmend_check_new_func(patch, func);
		if (ret)
			return ret;
		nfuncs++;
	}
	return nfuncs;

err_twice:
	pr_err("patch '%s': object %s is listed twice\n", patch->mod->name,
	       name);
	return -EINVAL;
}

/*
 * A patch needs something to do: functions, or callbacks only (a patch
 * that changes a setting when it is enabled, as the kernel's livepatch
 * allows). A vmlinux object without funcs looks like the end of the list,
 * so one with callbacks would silently drop itself and every object after
 * it: refused.
 */
static int kmend_check_shape(struct kmend_patch *patch)
{
	struct kmend_object *obj;
	int nfuncs = 0, ncallbacks = 0, nobjs = 0, ret;

	if (!patch)
		return -EINVAL;
	ret = kmend_check_owner(patch);
	if (ret)
		return ret;
	if (patch->list.next) {
		pr_err("patch '%s' is already registered\n", patch->mod->name);
		return -EINVAL;
	}
	if (patch->consistency > KMEND_IMMEDIATE) {
		pr_err("patch '%s': unknown consistency model %d\n",
		       patch->mod->name, patch->consistency);
		return -EINVAL;
	}
	kmend_for_each_object(patch, obj) {
		ret = kmend_check_object(patch, obj);
		if (ret < 0)
			return ret;
		nfuncs += ret;
		ncallbacks += kmend_has_callbacks(obj);
		nobjs++;
	}
	if (kmend_has_callbacks(obj)) {
		pr_err("patch '%s': object %d (vmlinux) has callbacks but no funcs, so it ends the list of objects: give it an empty funcs array\n",
		       patch->mod->name, nobjs + 1);
		return -EINVAL;
	}
	if (!nfuncs && !ncallbacks) {
		pr_err("patch '%s' has no functions and no callbacks\n",
		       patch->mod->name);
		return -EINVAL;
	}
	return 0;
}

/*
 * At every enable: the module notifier skips disabled patches, so a module
 * that came while the patch was disabled is found here.
 */
static int kmend_resolve_patch(struct kmend_patch *patch)
{
	struct kmend_object *obj;
	int ret;

	kmend_for_each_object(patch, obj) {
		ret = kmend_resolve_object(obj);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * kmend_unpatch_objects() - take every function of @patch off its stack
 *
 * When this returns no handler uses a function of the patch any more, and
 * the post-unpatch callbacks owed have run.
 */
void kmend_unpatch_objects(struct kmend_patch *patch)
{
	struct kmend_object *obj;

	lockdep_assert_held(&kmend_mutex);
	kmend_for_each_object(patch, obj)
		kmend_unpatch_object(obj);
	kmend_sync_handlers();
	kmend_for_each_object(patch, obj)
		kmend_post_unpatch(obj);
}

/* Every present object, after its pre-patch callback; all or nothing. */
static int kmend_patch_objects(struct kmend_patch *patch)
{
	struct kmend_object *obj;
	int ret;

	kmend_for_each_object(patch, obj) {
		if (!kmend_object_present(obj))
			continue;
		ret = kmend_relocate_object(patch, obj);
		if (ret)
			goto err_unpatch;
		ret = kmend_pre_patch(obj);
		if (ret)
			goto err_unpatch;
		ret = kmend_patch_object(obj);
		if (ret)
			goto err_unpatch;
	}
	return 0;

err_unpatch:
	kmend_unpatch_objects(patch);
	return ret;
}

static void kmend_call_post_patch(struct kmend_patch *patch)
{
	struct kmend_object *obj;

	kmend_for_each_object(patch, obj)
		if (obj->patched)
			kmend_post_patch(obj);
}

static void kmend_call_pre_unpatch(struct kmend_patch *patch)
{
	struct kmend_object *obj;

	kmend_for_each_object(patch, obj)
		if (obj->patched)
			kmend_pre_unpatch(obj);
}

/*
 * Called by the transition code once every task is on @target's side. The
 * module of a forced patch stays held: a task may still be inside its code.
 */
void kmend_finish_patch_change(struct kmend_patch *patch,
			       enum kmend_side target)
{
	lockdep_assert_held(&kmend_mutex);
	if (target == KMEND_PATCHED)
		kmend_call_post_patch(patch);
	if (target == KMEND_UNPATCHED && patch->module_held &&
	    !patch->forced) {
		module_put(patch->mod);
		patch->module_held = false;
	}
}

static int kmend_refuse_busy(struct kmend_patch *patch, const char *what)
{
	pr_err("cannot %s '%s': '%s' is in transition\n", what,
	       patch->mod->name, kmend_transition_patch->mod->name);
	return -EBUSY;
}

/* Resolves and enables a registered patch. Called under kmend_mutex. */
int __kmend_enable_patch(struct kmend_patch *patch)
{
	struct list_head *prev = patch->list.prev;
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (kmend_transition_patch)
		return kmend_refuse_busy(patch, "enable");
	ret = kmend_resolve_patch(patch);
	if (ret)
		goto err_log;
	if (!kmend_states_compatible(patch)) {
		ret = -EINVAL;
		goto err_log;
	}
	if (!patch->module_held) {
		ret = -ENODEV;
		if (!try_module_get(patch->mod))
			goto err_log;
		patch->module_held = true;
	}

	pr_info("enabling patch '%s'\n", patch->mod->name);
	/* The newest enabled patch is on top of every stack and of the list. */
	list_move_tail(&patch->list, &kmend_patches);
	if (patch->replace)
		kmend_replace_begin(patch);
	ret = kmend_prepare_transition(patch, KMEND_PATCHED);
	if (ret) {
		kmend_replace_abort(patch);
		goto err_put;
	}
	ret = kmend_patch_objects(patch);
	if (ret)
		goto err_cancel;
	add_taint(TAINT_LIVEPATCH, LOCKDEP_STILL_OK);
	WRITE_ONCE(patch->enabled, true);
	ret = kmend_start_transition();
	if (ret)
		goto err_unpatch;
	return 0;

err_unpatch:
	WRITE_ONCE(patch->enabled, false);
	kmend_unpatch_objects(patch);
err_cancel:
	kmend_cancel_transition();
err_put:
	if (!patch->forced) {
		module_put(patch->mod);
		patch->module_held = false;
	}
	/* Back where it was: the list changes only under kmend_mutex. */
	list_move(&patch->list, prev);
err_log:
	pr_err("patch '%s' not enabled, nothing was changed\n",
	       patch->mod->name);
	return ret;
}

/* Disables an enabled patch. Called under kmend_mutex. */
int __kmend_disable_patch(struct kmend_patch *patch)
{
	int ret;

	lockdep_assert_held(&kmend_mutex);
	if (kmend_transition_patch)
		return kmend_refuse_busy(patch, "disable");
	pr_info("disabling patch '%s'\n", patch->mod->name);
	kmend_call_pre_unpatch(patch);
	ret = kmend_prepare_transition(patch, KMEND_UNPATCHED);
	if (ret)
		goto err_stay;
	WRITE_ONCE(patch->enabled, false);
	ret = kmend_start_transition();
	if (ret) {
		kmend_cancel_transition();
		WRITE_ONCE(patch->enabled, true);
		goto err_stay;
	}
	return 0;

err_stay:
	kmend_call_post_patch(patch);
	pr_err("patch '%s' stays enabled\n", patch->mod->name);
	return ret;
}

/**
 * __kmend_set_patch_enabled() - what writing @enable to enabled does
 *
 * Writing the opposite of the current value during the patch's own per-task
 * transition reverses it. Called under kmend_mutex.
 */
int __kmend_set_patch_enabled(struct kmend_patch *patch, bool enable)
{
	lockdep_assert_held(&kmend_mutex);
	if (!kmend_patch_registered(patch) || patch->enabled == enable)
		return -EINVAL;
	if (kmend_transition_patch == patch) {
		WRITE_ONCE(patch->enabled, enable);
		kmend_reverse_transition();
		return 0;
	}
	return enable ? __kmend_enable_patch(patch) :
			__kmend_disable_patch(patch);
}

/* Completes @patch's transition at once. Called under kmend_mutex. */
int __kmend_force_patch(struct kmend_patch *patch)
{
	lockdep_assert_held(&kmend_mutex);
	if (kmend_transition_patch != patch)
		return -EINVAL;
	kmend_force_transition();
	return 0;
}

/**
 * kmend_enable_patch() - register a patch and switch to it
 * @patch:	the patch, in the calling module's memory
 *
 * See include/kmend.h.
 */
int kmend_enable_patch(struct kmend_patch *patch)
{
	int ret;

	ret = kmend_check_shape(patch);
	if (ret)
		return ret;

	mutex_lock(&kmend_mutex);
	INIT_LIST_HEAD(&patch->list);
	/* Refused at resolution: no directory shows, not even briefly. */
	ret = kmend_resolve_patch(patch);
	if (ret) {
		pr_err("patch '%s' not enabled, nothing was changed\n",
		       patch->mod->name);
		goto err_unlock;
	}
	ret = kmend_sysfs_add_patch(patch);
	if (ret)
		goto err_remove_sysfs;
	list_add_tail(&patch->list, &kmend_patches);
	ret = __kmend_enable_patch(patch);
	if (ret)
		goto err_unregister;
	mutex_unlock(&kmend_mutex);
	return 0;

err_unregister:
	list_del_init(&patch->list);
err_remove_sysfs:
	mutex_unlock(&kmend_mutex);
	kmend_sysfs_remove_patch(patch);
	patch->list.next = NULL;	/* never registered */
	return ret;
err_unlock:
	mutex_unlock(&kmend_mutex);
	patch->list.next = NULL;
	return ret;
}
EXPORT_SYMBOL_GPL(kmend_enable_patch);

static struct kmend_patch *kmend_find_patch(struct module *mod)
{
	struct kmend_patch *patch;

	kmend_for_each_patch(patch)
		if (patch->mod == mod)
			return patch;
	return NULL;
}

/*
 * A patch module that goes while its patch is enabled can only be one whose
 * init failed after kmend_enable_patch() succeeded: the loader frees it
 * whatever references it has, so its code must leave every stack now.
 */
static void kmend_revert_going_patch(struct kmend_patch *patch)
{
	pr_err("patch module '%s' is going while enabled (its init failed?): reverting it immediately\n",
	       patch->mod->name);
	kmend_unpatch_objects(patch);
	if (kmend_transition_patch == patch)
		kmend_cancel_transition();
	WRITE_ONCE(patch->enabled, false);
	if (patch->module_held) {
		module_put(patch->mod);
		patch->module_held = false;
	}
}

static int kmend_module_notify(struct notifier_block *nb, unsigned long action,
			       void *data)
{
	struct module *mod = data;
	struct kmend_patch *patch;
	int ret;

	if (action == MODULE_STATE_COMING) {
		mutex_lock(&kmend_mutex);
		ret = kmend_module_coming(mod);
		mutex_unlock(&kmend_mutex);
		return notifier_from_errno(ret);
	}
	if (action != MODULE_STATE_GOING)
		return NOTIFY_OK;

	mutex_lock(&kmend_mutex);
	kmend_module_going(mod);
	patch = kmend_find_patch(mod);
	if (patch) {
		if (patch->enabled || kmend_transition_patch == patch) {
			kmend_revert_going_patch(patch);
			/* Another patch may be in transition: a replace. */
			kmend_settle_changes();
		}
		list_del_init(&patch->list);
	}
	mutex_unlock(&kmend_mutex);

	if (patch) {
		kmend_sysfs_remove_patch(patch);
		pr_info("patch '%s' removed\n", mod->name);
	}
	return NOTIFY_OK;
}

static struct notifier_block kmend_module_nb = {
	.notifier_call = kmend_module_notify,
};

int kmend_core_init(void)
{
	return register_module_notifier(&kmend_module_nb);
}

void kmend_core_exit(void)
{
	unregister_module_notifier(&kmend_module_nb);
}
