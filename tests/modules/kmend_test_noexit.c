// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_noexit.c - a patch module without module_exit(), which the
 * kernel can never remove (delete_module() fails with EBUSY): kmend load
 * refuses it, and kmend unload of one loaded anyway says why it stays.
 *
 * It replaces cmdline_proc_show() ("kmend-test-noexit") and exports
 * kmend_test_noexit_users for kmend_test_user.ko, a module that depends on
 * it (delete_module() fails with EAGAIN while that one is loaded).
 */
#include <linux/seq_file.h>
#include "kmend_test.h"

int kmend_test_noexit_users;
EXPORT_SYMBOL_GPL(kmend_test_noexit_users);

static int kmend_test_noexit_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kmend-test-noexit\n");
	return 0;
}

static struct kmend_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = kmend_test_noexit_show },
	{ }
};
KMEND_TEST_VMLINUX_PATCH();

static int __init kmend_test_noexit_init(void)
{
	return kmend_enable_patch(&patch);
}

module_init(kmend_test_noexit_init);
MODULE_LICENSE("GPL");
