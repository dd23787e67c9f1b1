/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend-syscall.h - patching a system call.
 *
 * SYSCALL_DEFINEx() puts the body in __do_sys_<name>(), a static inline
 * function: "inline" makes it notrace in the kernel, so when the compiler
 * keeps it out of line it cannot be redirected and kmend build refuses the
 * change. Replace SYSCALL_DEFINEn(name, ...) with KMEND_SYSCALL_DEFINEn():
 * the body becomes __kmend_do_sys_<name>(), a new function, and what
 * changes is the entry stub __x64_sys_<name>() (and __ia32_sys_<name>()),
 * which has an fentry call. No syscall metadata is emitted (those sections
 * are ignored anyway).
 *
 * The wrapper below follows arch/x86/include/asm/syscall_wrapper.h of
 * Linux 6.1 (x86-64) with the body renamed.
 */
#ifndef _KMEND_SYSCALL_H
#define _KMEND_SYSCALL_H

#include <linux/syscalls.h>

#ifndef CONFIG_X86_64
#error "kmend-syscall.h supports x86-64 only"
#endif

#define KMEND_SYSCALL_DEFINE1(name, ...) __KMEND_SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define KMEND_SYSCALL_DEFINE2(name, ...) __KMEND_SYSCALL_DEFINEx(2, _##name, __VA_ARGS__)
#define KMEND_SYSCALL_DEFINE3(name, ...) __KMEND_SYSCALL_DEFINEx(3, _##name, __VA_ARGS__)
#define KMEND_SYSCALL_DEFINE4(name, ...) __KMEND_SYSCALL_DEFINEx(4, _##name, __VA_ARGS__)
#define KMEND_SYSCALL_DEFINE5(name, ...) __KMEND_SYSCALL_DEFINEx(5, _##name, __VA_ARGS__)
#define KMEND_SYSCALL_DEFINE6(name, ...) __KMEND_SYSCALL_DEFINEx(6, _##name, __VA_ARGS__)

#define __KMEND_SYSCALL_DEFINEx(x, name, ...)				\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__));	\
	static inline long						\
	__kmend_do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__));	\
	__X64_SYS_STUBx(x, name, __VA_ARGS__)				\
	__IA32_SYS_STUBx(x, name, __VA_ARGS__)				\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__))	\
	{								\
		long ret = __kmend_do_sys##name(			\
				__MAP(x, __SC_CAST, __VA_ARGS__));	\
		__MAP(x, __SC_TEST, __VA_ARGS__);			\
		__PROTECT(x, ret, __MAP(x, __SC_ARGS, __VA_ARGS__));	\
		return ret;						\
	}								\
	static inline long						\
	__kmend_do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))

#endif /* _KMEND_SYSCALL_H */
