/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_TRANSITION_H
#define _KMEND_TRANSITION_H

#include <kmend.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* Which side of a transition a task runs. */
enum kmend_side {
	KMEND_UNPATCHED = 0,
	KMEND_PATCHED = 1,
};

struct kmend_task_table;

extern struct kmend_patch *kmend_transition_patch;
extern int kmend_transition_target;
extern rwlock_t kmend_switch_lock;

bool kmend_task_patched(struct task_struct *task);
void kmend_publish_tasks(struct kmend_task_table *table);
int kmend_prepare_transition(struct kmend_patch *patch,
			     enum kmend_side target);
int kmend_start_transition(void);
void kmend_cancel_transition(void);
void kmend_reverse_transition(void);
void kmend_force_transition(void);
void kmend_kick_transition(void);
void kmend_refresh_transition(void);
void kmend_sync_handlers(void);
ssize_t kmend_show_blockers(struct kmend_patch *patch, char *buf);
void kmend_transition_init(void);
void kmend_transition_exit(void);

#endif /* _KMEND_TRANSITION_H */
