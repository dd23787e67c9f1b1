// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_sample_uname.c - replace the uname(2) system call, called all the
 * time, so that `uname -v` ends with " +kmend".
 *
 *	uname -v	-> #1 SMP PREEMPT_DYNAMIC Debian 6.1... +kmend
 *	(6.12)		-> #1 SMP PREEMPT_DYNAMIC Debian 6.12.117-1~deb1 +kmend
 */
#include <linux/module.h>
#include <linux/syscalls.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <kmend.h>

#define KMEND_SAMPLE_MARK " +kmend"

/*
 * The original copies utsname() under uts_sem, which is not exported to
 * modules. sethostname() and setdomainname() write under it, so copy until
 * two copies agree: that can only fail to see a write in progress if the
 * same bytes were rewritten twice meanwhile. Unlike the original, the
 * sample ignores the UNAME26 and PER_LINUX32 personalities.
 */
static void kmend_sample_copy_utsname(struct new_utsname *out)
{
	struct new_utsname check;

	do {
		memcpy(out, utsname(), sizeof(*out));
		memcpy(&check, utsname(), sizeof(check));
	} while (memcmp(out, &check, sizeof(check)));
}

/*
 * The mark always ends the version, even when the version fills the field
 * (6.12's is 61 of its 64 characters): it then replaces the version's end.
 */
static void kmend_sample_mark(char *version, size_t size)
{
	size_t len = min(strnlen(version, size),
			 size - sizeof(KMEND_SAMPLE_MARK));

	memcpy(version + len, KMEND_SAMPLE_MARK, sizeof(KMEND_SAMPLE_MARK));
}

static long kmend_sample_newuname(const struct pt_regs *regs)
{
	struct new_utsname __user *name = (void __user *)regs->di;
	struct new_utsname tmp;

	kmend_sample_copy_utsname(&tmp);
	kmend_sample_mark(tmp.version, sizeof(tmp.version));
	if (copy_to_user(name, &tmp, sizeof(tmp)))
		return -EFAULT;
	return 0;
}

static struct kmend_func funcs[] = {
	{
		/* x86_64 syscall entry points take the saved user registers */
		.old_name = "__x64_sys_newuname",
		.new_func = kmend_sample_newuname,
	},
	{ }
};

static struct kmend_object objs[] = {
	{ .funcs = funcs },
	{ }
};

static struct kmend_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init kmend_sample_uname_init(void)
{
	return kmend_enable_patch(&patch);
}

static void __exit kmend_sample_uname_exit(void)
{
}

module_init(kmend_sample_uname_init);
module_exit(kmend_sample_uname_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmend sample: uname -v shows that the kernel is live patched");
