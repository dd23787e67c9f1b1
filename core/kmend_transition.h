/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_TRANSITION_H
#define _KMEND_TRANSITION_H

#include <kmend.h>
#include <linux/sched.h>

/* Which side of a transition a task runs. */
enum kmend_state {
	KMEND_UNPATCHED = 0,
	KMEND_PATCHED = 1,
};

extern struct kmend_patch *kmend_transition_patch;

bool kmend_task_patched(struct task_struct *task);
void kmend_prepare_transition(struct kmend_patch *patch,
			      enum kmend_state target);
void kmend_start_transition(void);
void kmend_cancel_transition(void);

#endif /* _KMEND_TRANSITION_H */
