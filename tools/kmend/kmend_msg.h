/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_msg.h - messages on stderr, each starting with "kmend: ".
 *
 * The library reports an error where it happens, naming the file, the call
 * and the system's reason, then returns a negative errno; only main.c turns
 * that into an exit code.
 */
#ifndef _KMEND_MSG_H
#define _KMEND_MSG_H

#define KMEND_PREFIX "kmend: "

void kmend_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kmend_report_error(const char *file, const char *call, int err);
int kmend_sys_error(const char *file, const char *call);

#endif /* _KMEND_MSG_H */
