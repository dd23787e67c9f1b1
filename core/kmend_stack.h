/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_STACK_H
#define _KMEND_STACK_H

#include <kmend.h>
#include <linux/sched.h>

int kmend_stack_ranges_build(struct kmend_patch *patch);
bool kmend_stack_ranges_ready(void);
void kmend_stack_ranges_free(void);
int kmend_check_stack(struct task_struct *task, const char **blocker);

#endif /* _KMEND_STACK_H */
