// A patch written for kpatch-build: kpatch-macros.h's callbacks and hooks
// work unchanged, with patch_object being struct kmend_object.
#include <linux/module.h>
#include "kpatch-macros.h"
int kmend_t_value(int x)
{
	KPATCH_PRINTK("kmend_t: value %d\n", x);
	return x + 2;
}
static int kmend_t_pre(patch_object *obj)
{
	return 0;
}
static void kmend_t_post_un(patch_object *obj)
{
	pr_info("kmend_t: post_unpatch %s\n", obj->name ?: "vmlinux");
}
static void kmend_t_unload(void)
{
	pr_info("kmend_t: unload hook\n");
}
KPATCH_PRE_PATCH_CALLBACK(kmend_t_pre);
KPATCH_POST_UNPATCH_CALLBACK(kmend_t_post_un);
KPATCH_UNLOAD_HOOK(kmend_t_unload);
