/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmd.h - the commands of kmend, one file each. A command returns 0, or
 * -1 after saying why; main.c turns that into the exit code.
 */
#ifndef _KMEND_CMD_H
#define _KMEND_CMD_H

int cmd_load(const char *path, const char *params, unsigned int timeout_s);
int cmd_unload(const char *arg, unsigned int timeout_s);
int cmd_list(void);
int cmd_info(const char *arg);
int cmd_build(char **argv);

#endif /* _KMEND_CMD_H */
