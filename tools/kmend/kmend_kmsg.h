/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_kmsg.h - the kernel log lines an operation caused.
 */
#ifndef _KMEND_KMSG_H
#define _KMEND_KMSG_H

int kmend_open_kmsg(void);
int kmend_print_kmsg(int fd, const char *const *keys);
void kmend_close_kmsg(int fd);

#endif /* _KMEND_KMSG_H */
