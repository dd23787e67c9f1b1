// KPATCH_SYSCALL_DEFINE (kpatch-syscall.h): the body moves to a new
// function and the entry stubs, which have fentry calls, are replaced.
#include <linux/module.h>
#include <linux/syscalls.h>
#include "kpatch-macros.h"
SYSCALL_DEFINE1(kmend_t, int, x)
{
	if (x < 0)
		return -EINVAL;
	return x * 2 + (current->pid & 1);
}
