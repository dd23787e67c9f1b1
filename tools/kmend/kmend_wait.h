/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_wait.h - bounded polling, with progress on stderr.
 */
#ifndef _KMEND_WAIT_H
#define _KMEND_WAIT_H

/*
 * A poll function returns 1 once the awaited state is reached, 0 while it
 * is not, or a negative errno after a message.
 */
typedef int kmend_poll_t(void *arg);

int kmend_wait_for(const char *what, unsigned int timeout_s,
		   kmend_poll_t *poll, void *arg);
int kmend_wait_for_transition(const char *patch, unsigned int timeout_s);

#endif /* _KMEND_WAIT_H */
