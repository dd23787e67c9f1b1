/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_test_soak_patch.h - a patch of the soak, included by
 * kmend_test_soak_patch1..4.c with their KMEND_SOAK_VERSION: replaces
 * produce(), consume() and pair() of the soak's targets (see
 * kmend_test_soak.h) with versions that answer KMEND_SOAK_VERSION.
 *
 *	consistency=0|1|2	KMEND_PER_TASK, KMEND_ATOMIC, KMEND_IMMEDIATE
 *	replace=1		a cumulative patch
 *	objs=1|2|3		which targets it patches (a bit each)
 *	pre_patch_ret=N		pre_patch of every object returns N (writable)
 *	cb_errors		callbacks called out of order, each logged
 *
 * The callbacks check their own order, object by object: pre_patch, then
 * post_patch, pre_unpatch, post_unpatch; post_unpatch right after pre_patch
 * (a reversed or failed enable) and post_patch right after pre_unpatch (a
 * reversed disable) are fine too. pre_patch may follow any state: a patch
 * that a cumulative one superseded gets no callbacks for what it took over.
 */
#include <linux/module.h>
#include <kmend.h>
#include "kmend_test_soak.h"

static int consistency;
static bool replace;
static int objs_mask = 3;
static int pre_patch_ret;
static int cb_errors;
module_param(consistency, int, 0444);
module_param(replace, bool, 0444);
module_param_named(objs, objs_mask, int, 0444);
module_param(pre_patch_ret, int, 0644);
module_param(cb_errors, int, 0444);

static int kmend_soak_new_produce(void)
{
	return KMEND_SOAK_VERSION;
}

static int kmend_soak_new_consume(int format)
{
	return format != KMEND_SOAK_VERSION;
}

static int kmend_soak_new_pair(int t, bool wait)
{
	int format = kmend_soak_produce(t);

	if (wait && kmend_soak_wait(t))
		return -ERESTARTSYS;
	return KMEND_SOAK_PAIR(KMEND_SOAK_VERSION, format,
			       kmend_soak_consume(t, format));
}

enum kmend_soak_cb_state { IDLE, PATCHING, PATCHED, UNPATCHING };
static const char *const kmend_soak_state_names[] = {
	"idle", "patching", "patched", "unpatching"
};
static enum kmend_soak_cb_state cb_state[KMEND_SOAK_TARGETS];

static void kmend_soak_cb(struct kmend_object *obj, const char *cb,
			  unsigned int allowed, enum kmend_soak_cb_state next)
{
	enum kmend_soak_cb_state *state = &cb_state[obj->name[sizeof("kmend_test_soak_target") - 1] - '1'];

	if (!(allowed & (1 << *state))) {
		pr_info("%s: callback order: %s of %s in state %s\n",
			THIS_MODULE->name, cb, obj->name,
			kmend_soak_state_names[*state]);
		cb_errors++;
	}
	*state = next;
}

static int kmend_soak_pre_patch(struct kmend_object *obj)
{
	kmend_soak_cb(obj, "pre_patch", ~0u,
		      pre_patch_ret ? IDLE : PATCHING);
	return pre_patch_ret;
}

static void kmend_soak_post_patch(struct kmend_object *obj)
{
	kmend_soak_cb(obj, "post_patch", 1 << PATCHING | 1 << UNPATCHING,
		      PATCHED);
}

static void kmend_soak_pre_unpatch(struct kmend_object *obj)
{
	kmend_soak_cb(obj, "pre_unpatch", 1 << PATCHED, UNPATCHING);
}

static void kmend_soak_post_unpatch(struct kmend_object *obj)
{
	kmend_soak_cb(obj, "post_unpatch", 1 << PATCHING | 1 << UNPATCHING,
		      IDLE);
}

#define KMEND_SOAK_FUNCS {							\
	{ .old_name = "kmend_soak_produce_fn",					\
	  .new_func = kmend_soak_new_produce },					\
	{ .old_name = "kmend_soak_consume_fn",					\
	  .new_func = kmend_soak_new_consume },					\
	{ .old_name = "kmend_soak_pair_fn", .new_func = kmend_soak_new_pair },	\
	{ }									\
}
static struct kmend_func funcs[KMEND_SOAK_TARGETS][4] = {
	KMEND_SOAK_FUNCS, KMEND_SOAK_FUNCS
};
static const char *const target_names[KMEND_SOAK_TARGETS] = {
	"kmend_test_soak_target1", "kmend_test_soak_target2"
};
static struct kmend_object objs[KMEND_SOAK_TARGETS + 1];
static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init kmend_soak_patch_init(void)
{
	int t, n = 0;

	for (t = 0; t < KMEND_SOAK_TARGETS; t++) {
		if (!(objs_mask & (1 << t)))
			continue;
		objs[n].name = target_names[t];
		objs[n].funcs = funcs[t];
		objs[n].callbacks.pre_patch = kmend_soak_pre_patch;
		objs[n].callbacks.post_patch = kmend_soak_post_patch;
		objs[n].callbacks.pre_unpatch = kmend_soak_pre_unpatch;
		objs[n].callbacks.post_unpatch = kmend_soak_post_unpatch;
		n++;
	}
	if (!n)
		return -EINVAL;
	patch.consistency = consistency;
	patch.replace = replace;
	return kmend_enable_patch(&patch);
}

static void __exit kmend_soak_patch_exit(void)
{
}

module_init(kmend_soak_patch_init);
module_exit(kmend_soak_patch_exit);
MODULE_LICENSE("GPL");
