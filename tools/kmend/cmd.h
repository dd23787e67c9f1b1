/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmd.h - the commands of kmend, one file each. A command says why it
 * failed and returns what it left behind; main.c turns that into the exit
 * code.
 */
#ifndef _KMEND_CMD_H
#define _KMEND_CMD_H

#include <stdbool.h>

/**
 * enum cmd_result - what a command left behind
 * @CMD_OK:		done
 * @CMD_FAILED:		failed; load and unload changed nothing
 * @CMD_LEFT_LOADED:	load or unload changed something but stopped short:
 *			the patch module stays loaded, its patch disabled
 *			(load: the transition was reversed; unload: the
 *			removal was refused)
 * @CMD_IN_TRANSITION:	load or unload stopped while a transition of the
 *			patch still runs: the patch module stays loaded
 * @CMD_NOT_ACTIVE:	status: a patch installed for the running kernel is
 *			not active
 * @CMD_ERROR:		status: the state could not be read; kept apart from
 *			CMD_NOT_ACTIVE so a monitoring check never takes an
 *			error for a state
 */
enum cmd_result {
	CMD_OK,
	CMD_FAILED,
	CMD_LEFT_LOADED,
	CMD_IN_TRANSITION,
	CMD_NOT_ACTIVE,
	CMD_ERROR,
};

enum cmd_result cmd_load(const char *path, const char *params,
			 unsigned int timeout_s);
enum cmd_result cmd_unload(const char *arg, unsigned int timeout_s);
enum cmd_result cmd_list(void);
enum cmd_result cmd_info(const char *arg);
enum cmd_result cmd_install(const char *path, const char *rel);
enum cmd_result cmd_uninstall(const char *arg, const char *rel);
enum cmd_result cmd_boot(unsigned int timeout_s);
enum cmd_result cmd_status(bool json);
int cmd_build(char **argv);

#endif /* _KMEND_CMD_H */
