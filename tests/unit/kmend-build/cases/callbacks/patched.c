// KMEND_*_CALLBACK(): the four callbacks are new functions, included and
// named in the manifest; their records stay out of the patch.
#include <linux/module.h>
#include <kmend-macros.h>
int kmend_t_value(int x)
{
	return x + 2;
}
static int kmend_t_pre(struct kmend_object *obj)
{
	pr_info("kmend_t: pre_patch %s\n", obj->name ?: "vmlinux");
	return 0;
}
static void kmend_t_post(struct kmend_object *obj)
{
	pr_info("kmend_t: post_patch\n");
}
static void kmend_t_pre_un(struct kmend_object *obj)
{
	pr_info("kmend_t: pre_unpatch\n");
}
static void kmend_t_post_un(struct kmend_object *obj)
{
	pr_info("kmend_t: post_unpatch\n");
}
KMEND_PRE_PATCH_CALLBACK(kmend_t_pre);
KMEND_POST_PATCH_CALLBACK(kmend_t_post);
KMEND_PRE_UNPATCH_CALLBACK(kmend_t_pre_un);
KMEND_POST_UNPATCH_CALLBACK(kmend_t_post_un);
