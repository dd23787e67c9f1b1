// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-bench-hammer - call a cheap system call (getppid) in a loop until
 * killed: load that keeps a CPU busy entering and leaving the kernel.
 *
 *	kmend-bench-hammer &		one for each CPU
 */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	/* syscall(): no C library may answer from a cache. */
	for (;;)
		syscall(SYS_getppid);
}
