// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_debugfs.c - /sys/kernel/debug/kmend/state, read-only counters of
 * what kmend.ko holds, for tests that look for leaks (tests/tools/
 * kmend-test-soak.c):
 *
 *	ops N		redirected addresses (one ftrace_ops each)
 *	fast N		of them, on a direct call to a stub
 *	stubs N		stubs in use: one for each fast address
 *	task_tables N	tables of sides allocated: 0 once no transition runs and
 *			no task work of one is pending
 *	task_refs N	task references they hold
 *	transition NAME	the patch in transition, or "-"
 *
 * Read under kmend_mutex, so the values are from one moment. Without
 * debugfs kmend.ko works the same, without the file.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include "kmend_core.h"
#include "kmend_debugfs.h"
#include "kmend_ftrace.h"
#include "kmend_tasks.h"

static struct dentry *kmend_debugfs_dir;

static int kmend_state_show(struct seq_file *m, void *v)
{
	unsigned int all, fast;

	mutex_lock(&kmend_mutex);
	kmend_count_ops(&all, &fast);
	seq_printf(m, "ops %u\nfast %u\nstubs %u\n", all, fast,
		   kmend_stubs_in_use());
	seq_printf(m, "task_tables %d\ntask_refs %d\n",
		   atomic_read(&kmend_task_tables),
		   atomic_read(&kmend_task_refs));
	seq_printf(m, "transition %s\n", kmend_transition_patch ?
		   kmend_transition_patch->mod->name : "-");
	mutex_unlock(&kmend_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kmend_state);

void kmend_debugfs_init(void)
{
	kmend_debugfs_dir = debugfs_create_dir("kmend", NULL);
	debugfs_create_file("state", 0400, kmend_debugfs_dir, NULL,
			    &kmend_state_fops);
}

void kmend_debugfs_exit(void)
{
	debugfs_remove_recursive(kmend_debugfs_dir);
}
