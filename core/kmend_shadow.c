// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_shadow.c - shadow variables: data a patch attaches to an existing
 * object, keyed by (object address, id), without changing its layout.
 *
 * Locking: additions and removals take kmend_shadow_lock with interrupts
 * off, so they are safe from any context the caller's gfp flags allow;
 * lookups only read under RCU, and a removed variable is freed after a
 * grace period. Constructors and destructors run under the lock: they
 * must not sleep.
 */
#define pr_fmt(fmt) "kmend: " fmt

#include <linux/hashtable.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <kmend.h>
#include "kmend_shadow.h"

struct kmend_shadow {
	struct hlist_node node;
	struct rcu_head rcu_head;
	void *obj;
	unsigned long id;
	char data[];
};

static DEFINE_HASHTABLE(kmend_shadow_hash, 12);
static DEFINE_SPINLOCK(kmend_shadow_lock);

static bool kmend_shadow_match(struct kmend_shadow *shadow, void *obj,
			       unsigned long id)
{
	return shadow->obj == obj && shadow->id == id;
}

/* The variable (@obj, @id), or NULL. Under RCU or kmend_shadow_lock. */
static struct kmend_shadow *kmend_shadow_find(void *obj, unsigned long id)
{
	struct kmend_shadow *shadow;

	hash_for_each_possible_rcu(kmend_shadow_hash, shadow, node,
				   (unsigned long)obj)
		if (kmend_shadow_match(shadow, obj, id))
			return shadow;
	return NULL;
}

void *kmend_shadow_get(void *obj, unsigned long id)
{
	struct kmend_shadow *shadow;

	rcu_read_lock();
	shadow = kmend_shadow_find(obj, id);
	rcu_read_unlock();
	return shadow ? shadow->data : NULL;
}
EXPORT_SYMBOL_GPL(kmend_shadow_get);

/*
 * Adds a variable unless one exists; the existing one is returned when
 * @may_exist, else it is an error. Allocates before taking the lock, so
 * that the lock never waits for memory.
 */
static void *kmend_shadow_add(void *obj, unsigned long id, size_t size,
			      gfp_t gfp_flags, kmend_shadow_ctor_t ctor,
			      void *ctor_data, bool may_exist)
{
	struct kmend_shadow *new, *old;
	unsigned long flags;
	int ret = 0;

	new = kzalloc(struct_size(new, data, size), gfp_flags);
	if (!new)
		return NULL;
	new->obj = obj;
	new->id = id;

	spin_lock_irqsave(&kmend_shadow_lock, flags);
	old = kmend_shadow_find(obj, id);
	if (!old && ctor)
		ret = ctor(obj, new->data, ctor_data);
	if (!old && !ret)
		hash_add_rcu(kmend_shadow_hash, &new->node, (unsigned long)obj);
	spin_unlock_irqrestore(&kmend_shadow_lock, flags);

	if (!old && !ret)
		return new->data;
	kfree(new);
	if (ret)
		pr_err("shadow variable <%px, %lx>: constructor failed (%d)\n",
		       obj, id, ret);
	else if (!may_exist)
		pr_err("shadow variable <%px, %lx> already exists\n", obj, id);
	return old && may_exist ? old->data : NULL;
}

void *kmend_shadow_alloc(void *obj, unsigned long id, size_t size,
			 gfp_t gfp_flags, kmend_shadow_ctor_t ctor,
			 void *ctor_data)
{
	return kmend_shadow_add(obj, id, size, gfp_flags, ctor, ctor_data,
				false);
}
EXPORT_SYMBOL_GPL(kmend_shadow_alloc);

void *kmend_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
				gfp_t gfp_flags, kmend_shadow_ctor_t ctor,
				void *ctor_data)
{
	void *data = kmend_shadow_get(obj, id);

	return data ?: kmend_shadow_add(obj, id, size, gfp_flags, ctor,
					ctor_data, true);
}
EXPORT_SYMBOL_GPL(kmend_shadow_get_or_alloc);

/* Under kmend_shadow_lock. */
static void kmend_shadow_remove(struct kmend_shadow *shadow,
				kmend_shadow_dtor_t dtor)
{
	hash_del_rcu(&shadow->node);
	if (dtor)
		dtor(shadow->obj, shadow->data);
	kfree_rcu(shadow, rcu_head);
}

void kmend_shadow_free(void *obj, unsigned long id, kmend_shadow_dtor_t dtor)
{
	struct kmend_shadow *shadow;
	unsigned long flags;

	spin_lock_irqsave(&kmend_shadow_lock, flags);
	shadow = kmend_shadow_find(obj, id);
	if (shadow)
		kmend_shadow_remove(shadow, dtor);
	spin_unlock_irqrestore(&kmend_shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(kmend_shadow_free);

/* Frees every variable with @id, whatever its object. */
void kmend_shadow_free_all(unsigned long id, kmend_shadow_dtor_t dtor)
{
	struct kmend_shadow *shadow;
	struct hlist_node *tmp;
	unsigned long flags;
	int bkt;

	spin_lock_irqsave(&kmend_shadow_lock, flags);
	hash_for_each_safe(kmend_shadow_hash, bkt, tmp, shadow, node)
		if (shadow->id == id)
			kmend_shadow_remove(shadow, dtor);
	spin_unlock_irqrestore(&kmend_shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(kmend_shadow_free_all);

/*
 * At kmend.ko's removal no patch is left to use a variable: free what
 * patches left behind, without destructors (their code may be gone).
 */
void kmend_shadow_exit(void)
{
	struct kmend_shadow *shadow;
	struct hlist_node *tmp;
	int bkt, n = 0;

	spin_lock_irq(&kmend_shadow_lock);
	hash_for_each_safe(kmend_shadow_hash, bkt, tmp, shadow, node) {
		kmend_shadow_remove(shadow, NULL);
		n++;
	}
	spin_unlock_irq(&kmend_shadow_lock);
	if (n)
		pr_notice("freed %d shadow variables left by patches\n", n);
	rcu_barrier();
}
