/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_service.h - the state of kmend.service, the unit that loads the
 * installed patches at boot, as systemd reports it.
 */
#ifndef _KMEND_SERVICE_H
#define _KMEND_SERVICE_H

#include <stddef.h>

/* systemctl is-active prints at most "deactivating"; room to spare. */
#define KMEND_SERVICE_STATE_MAX 32

void kmend_read_service_state(char *state, size_t size);

#endif /* _KMEND_SERVICE_H */
