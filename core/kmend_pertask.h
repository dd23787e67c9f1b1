/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_PERTASK_H
#define _KMEND_PERTASK_H

#include "kmend_tasks.h"

struct kmend_task_table *kmend_pertask_build_table(int state);
bool kmend_pertask_try_complete(void);
void kmend_pertask_signal_blockers(void);
void kmend_pertask_force(void);
void kmend_pertask_stop(struct kmend_task_table *table);
void kmend_pertask_init(void);
void kmend_pertask_exit(void);

#endif /* _KMEND_PERTASK_H */
