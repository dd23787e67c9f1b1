// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_sysfs.c - /sys/kernel/kmend, the state of every patch.
 *
 *	/sys/kernel/kmend/<patch>/enabled		rw: 1 or 0
 *	/sys/kernel/kmend/<patch>/transition		ro: 1 while switching
 *	/sys/kernel/kmend/<patch>/consistency		ro: per-task, atomic,
 *							    immediate
 *	/sys/kernel/kmend/<patch>/force			wo: 1 completes the
 *							    transition now
 *	/sys/kernel/kmend/<patch>/forced		ro: 1 once the patch
 *							    module is pinned
 *							    for good (forced,
 *							    immediate)
 *	/sys/kernel/kmend/<patch>/blockers		ro: "PID COMM WHAT" for
 *							    each task holding
 *							    up the transition
 *	/sys/kernel/kmend/<patch>/replace		ro: 1 for a cumulative
 *							    patch
 *	/sys/kernel/kmend/<patch>/stack_order		ro: 1 for the oldest
 *							    patch, counting up
 *	/sys/kernel/kmend/<patch>/<object>/patched	ro: 1 or 0
 *	/sys/kernel/kmend/<patch>/<object>/<function,sympos>/old_addr
 *	/sys/kernel/kmend/<patch>/<object>/<function,sympos>/new_addr
 *
 * The kobjects are embedded in the patch module's structures, so the
 * module must not go before they are released: removal drops the function
 * and object kobjects, which drop their references on the patch kobject,
 * whose release completes patch->kobj_released, which removal waits for.
 * Attribute handlers take kmend_mutex; removal therefore runs without it
 * (kobject_del() waits for running handlers).
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "kmend_core.h"
#include "kmend_sysfs.h"

static struct kobject *kmend_root_kobj;

static const char * const kmend_consistency_names[] = {
	[KMEND_PER_TASK] = "per-task",
	[KMEND_ATOMIC] = "atomic",
	[KMEND_IMMEDIATE] = "immediate",
};

static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);
	bool enable;
	int ret;

	ret = kstrtobool(buf, &enable);
	if (ret)
		return ret;

	mutex_lock(&kmend_mutex);
	ret = __kmend_set_patch_enabled(patch, enable);
	mutex_unlock(&kmend_mutex);

	return ret ?: count;
}

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);

	return sysfs_emit(buf, "%d\n", READ_ONCE(patch->enabled));
}

static ssize_t transition_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);

	return sysfs_emit(buf, "%d\n", READ_ONCE(kmend_transition_patch) == patch);
}

static ssize_t consistency_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);

	return sysfs_emit(buf, "%s\n",
			  kmend_consistency_names[patch->consistency]);
}

static ssize_t force_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);
	bool force;
	int ret;

	ret = kstrtobool(buf, &force);
	if (ret)
		return ret;
	if (!force)
		return -EINVAL;

	mutex_lock(&kmend_mutex);
	ret = kmend_patch_registered(patch) ? __kmend_force_patch(patch) :
					      -EINVAL;
	mutex_unlock(&kmend_mutex);

	return ret ?: count;
}

static ssize_t forced_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);

	return sysfs_emit(buf, "%d\n", READ_ONCE(patch->forced));
}

static ssize_t blockers_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);
	ssize_t len;

	mutex_lock(&kmend_mutex);
	len = kmend_show_blockers(patch, buf);
	mutex_unlock(&kmend_mutex);
	return len;
}

static ssize_t replace_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);

	return sysfs_emit(buf, "%d\n", patch->replace);
}

/* 1 for the oldest registered patch; enabling a patch again moves it last. */
static ssize_t stack_order_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);
	struct kmend_patch *p;
	int order = 0, found = 0;

	mutex_lock(&kmend_mutex);
	kmend_for_each_patch(p) {
		order++;
		if (p == patch) {
			found = order;
			break;
		}
	}
	mutex_unlock(&kmend_mutex);
	return found ? sysfs_emit(buf, "%d\n", found) : -EINVAL;
}

static struct kobj_attribute enabled_attr = __ATTR_RW(enabled);
static struct kobj_attribute transition_attr = __ATTR_RO(transition);
static struct kobj_attribute consistency_attr = __ATTR_RO(consistency);
static struct kobj_attribute force_attr = __ATTR_WO(force);
static struct kobj_attribute forced_attr = __ATTR_RO(forced);
static struct kobj_attribute blockers_attr = __ATTR_RO(blockers);
static struct kobj_attribute replace_attr = __ATTR_RO(replace);
static struct kobj_attribute stack_order_attr = __ATTR_RO(stack_order);

static struct attribute *kmend_patch_attrs[] = {
	&enabled_attr.attr,
	&transition_attr.attr,
	&consistency_attr.attr,
	&force_attr.attr,
	&forced_attr.attr,
	&blockers_attr.attr,
	&replace_attr.attr,
	&stack_order_attr.attr,
	NULL
};
ATTRIBUTE_GROUPS(kmend_patch);

static ssize_t patched_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	struct kmend_object *obj = container_of(kobj, struct kmend_object, kobj);

	return sysfs_emit(buf, "%d\n", READ_ONCE(obj->patched));
}

static struct kobj_attribute patched_attr = __ATTR_RO(patched);

static struct attribute *kmend_object_attrs[] = {
	&patched_attr.attr,
	NULL
};
ATTRIBUTE_GROUPS(kmend_object);

static ssize_t old_addr_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct kmend_func *func = container_of(kobj, struct kmend_func, kobj);

	return sysfs_emit(buf, "0x%lx\n", (unsigned long)func->old_func);
}

static ssize_t new_addr_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct kmend_func *func = container_of(kobj, struct kmend_func, kobj);

	return sysfs_emit(buf, "0x%lx\n", (unsigned long)func->new_func);
}

static struct kobj_attribute old_addr_attr = __ATTR_RO(old_addr);
static struct kobj_attribute new_addr_attr = __ATTR_RO(new_addr);

static struct attribute *kmend_func_attrs[] = {
	&old_addr_attr.attr,
	&new_addr_attr.attr,
	NULL
};
ATTRIBUTE_GROUPS(kmend_func);

static void kmend_patch_release(struct kobject *kobj)
{
	struct kmend_patch *patch = container_of(kobj, struct kmend_patch, kobj);

	complete(&patch->kobj_released);
}

/* Objects and functions live in the patch module; nothing to free. */
static void kmend_nop_release(struct kobject *kobj)
{
}

static struct kobj_type kmend_patch_ktype = {
	.release = kmend_patch_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = kmend_patch_groups,
};

static struct kobj_type kmend_object_ktype = {
	.release = kmend_nop_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = kmend_object_groups,
};

static struct kobj_type kmend_func_ktype = {
	.release = kmend_nop_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = kmend_func_groups,
};

static int kmend_sysfs_add_object(struct kmend_patch *patch,
				  struct kmend_object *obj)
{
	struct kmend_func *func;
	int ret;

	kobject_init(&obj->kobj, &kmend_object_ktype);
	ret = kobject_add(&obj->kobj, &patch->kobj, "%s",
			  obj->name ?: "vmlinux");
	if (ret)
		return ret;
	kmend_for_each_func(obj, func) {
		kobject_init(&func->kobj, &kmend_func_ktype);
		ret = kobject_add(&func->kobj, &obj->kobj, "%s,%lu",
				  func->old_name, func->old_sympos ?: 1);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * kmend_sysfs_add_patch() - create the patch's directory tree
 *
 * On failure the partial tree must still be removed with
 * kmend_sysfs_remove_patch(), which handles kobjects never added.
 */
int kmend_sysfs_add_patch(struct kmend_patch *patch)
{
	struct kmend_object *obj;
	int ret;

	init_completion(&patch->kobj_released);
	kobject_init(&patch->kobj, &kmend_patch_ktype);
	ret = kobject_add(&patch->kobj, kmend_root_kobj, "%s",
			  patch->mod->name);
	if (ret)
		return ret;
	kmend_for_each_object(patch, obj) {
		ret = kmend_sysfs_add_object(patch, obj);
		if (ret)
			return ret;
	}
	return 0;
}

/* Drops a kobject that kobject_init() set up, added or not. */
static void kmend_put_kobj(struct kobject *kobj)
{
	if (kobj->state_initialized)
		kobject_put(kobj);
}

void kmend_sysfs_remove_patch(struct kmend_patch *patch)
{
	struct kmend_object *obj;
	struct kmend_func *func;

	kmend_for_each_object(patch, obj) {
		kmend_for_each_func(obj, func)
			kmend_put_kobj(&func->kobj);
		kmend_put_kobj(&obj->kobj);
	}
	kobject_put(&patch->kobj);
	wait_for_completion(&patch->kobj_released);
}

int kmend_sysfs_init(void)
{
	kmend_root_kobj = kobject_create_and_add("kmend", kernel_kobj);
	return kmend_root_kobj ? 0 : -ENOMEM;
}

void kmend_sysfs_exit(void)
{
	kobject_put(kmend_root_kobj);
}
