// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_test_user.c - a module that uses a symbol of the patch module
 * kmend_test_noexit.ko, so that the kernel refuses to remove that one
 * (delete_module(): EAGAIN) while this one is loaded.
 */
#include <linux/module.h>

extern int kmend_test_noexit_users;

static int __init kmend_test_user_init(void)
{
	kmend_test_noexit_users++;
	return 0;
}

static void __exit kmend_test_user_exit(void)
{
	kmend_test_noexit_users--;
}

module_init(kmend_test_user_init);
module_exit(kmend_test_user_exit);
MODULE_LICENSE("GPL");
