/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpatch-syscall.h - kpatch's names for patching a system call, mapped
 * onto kmend-syscall.h: replace SYSCALL_DEFINEn(name, ...) with
 * KPATCH_SYSCALL_DEFINEn(name, ...).
 */
#ifndef __KPATCH_SYSCALL_H_
#define __KPATCH_SYSCALL_H_

#include "kmend-syscall.h"

#define KPATCH_SYSCALL_DEFINE1(name, ...) KMEND_SYSCALL_DEFINE1(name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE2(name, ...) KMEND_SYSCALL_DEFINE2(name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE3(name, ...) KMEND_SYSCALL_DEFINE3(name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE4(name, ...) KMEND_SYSCALL_DEFINE4(name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE5(name, ...) KMEND_SYSCALL_DEFINE5(name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINE6(name, ...) KMEND_SYSCALL_DEFINE6(name, __VA_ARGS__)
#define KPATCH_SYSCALL_DEFINEx(x, sname, ...) \
	__KMEND_SYSCALL_DEFINEx(x, sname, __VA_ARGS__)

#endif /* __KPATCH_SYSCALL_H_ */
