// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_shadow.c - exercises the shadow variable API at load and
 * logs each step with its outcome; the load fails (-EINVAL) on the first
 * outcome that is not the expected one.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <kmend.h>

#define ID1	0x1001
#define ID2	0x1002

static int objs[3];
static int dtor_calls;

static int kmend_test_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	*(int *)shadow_data = *(int *)ctor_data;
	return 0;
}

static int kmend_test_ctor_fail(void *obj, void *shadow_data, void *ctor_data)
{
	return -ENOMEM;
}

static void kmend_test_dtor(void *obj, void *shadow_data)
{
	dtor_calls++;
}

#define EXPECT(what, cond) do {						\
	bool ok__ = (cond);						\
	pr_info("kmend_test_shadow: %s: %s\n", what, ok__ ? "ok" : "FAILED"); \
	if (!ok__)							\
		return -EINVAL;						\
} while (0)

static int kmend_test_shadow_run(void)
{
	int v1 = 11, v2 = 22, *p;

	EXPECT("get of a missing variable is NULL", !kmend_shadow_get(&objs[0], ID1));
	p = kmend_shadow_alloc(&objs[0], ID1, sizeof(int), GFP_KERNEL,
			       kmend_test_ctor, &v1);
	EXPECT("alloc runs the constructor", p && *p == 11);
	EXPECT("get finds it", kmend_shadow_get(&objs[0], ID1) == p);
	EXPECT("a second alloc is refused",
	       !kmend_shadow_alloc(&objs[0], ID1, sizeof(int), GFP_KERNEL,
				   NULL, NULL));
	EXPECT("get_or_alloc returns the existing one",
	       kmend_shadow_get_or_alloc(&objs[0], ID1, sizeof(int),
					 GFP_ATOMIC, kmend_test_ctor, &v2) == p);
	p = kmend_shadow_get_or_alloc(&objs[1], ID1, sizeof(int), GFP_ATOMIC,
				      kmend_test_ctor, &v2);
	EXPECT("get_or_alloc makes a new one", p && *p == 22);
	EXPECT("ids are separate", !kmend_shadow_get(&objs[0], ID2));
	EXPECT("a failing constructor allocates nothing",
	       !kmend_shadow_alloc(&objs[2], ID1, sizeof(int), GFP_KERNEL,
				   kmend_test_ctor_fail, NULL) &&
	       !kmend_shadow_get(&objs[2], ID1));
	kmend_shadow_alloc(&objs[0], ID2, sizeof(int), GFP_KERNEL, NULL, NULL);
	kmend_shadow_free(&objs[0], ID1, kmend_test_dtor);
	EXPECT("free runs the destructor and removes",
	       dtor_calls == 1 && !kmend_shadow_get(&objs[0], ID1));
	kmend_shadow_free_all(ID1, kmend_test_dtor);
	EXPECT("free_all frees every object's variable of an id",
	       dtor_calls == 2 && !kmend_shadow_get(&objs[1], ID1) &&
	       kmend_shadow_get(&objs[0], ID2));
	kmend_shadow_free_all(ID2, NULL);
	EXPECT("free_all without a destructor", !kmend_shadow_get(&objs[0], ID2));
	return 0;
}

static int __init kmend_test_shadow_init(void)
{
	return kmend_test_shadow_run();
}

static void __exit kmend_test_shadow_exit(void)
{
}

module_init(kmend_test_shadow_init);
module_exit(kmend_test_shadow_exit);
MODULE_LICENSE("GPL");
