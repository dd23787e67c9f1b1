// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_service.c - the state of kmend.service (kmend_service.h).
 *
 * Asked of `systemctl is-active`, which prints one word (active, inactive,
 * failed, activating, ...) and exits non-zero for every state but active;
 * its output, not its exit status, is the answer. Without systemd as init
 * (no /run/systemd/system, the test in sd_booted(3)) the state is
 * "unknown", as it is when systemctl cannot be run or prints anything but
 * one lower-case word.
 */
#include <errno.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "kmend_msg.h"
#include "kmend_service.h"

#define KMEND_SERVICE_UNIT "kmend.service"

extern char **environ;

static bool kmend_is_state_word(const char *word)
{
	return *word && strspn(word, "abcdefghijklmnopqrstuvwxyz-") ==
			strlen(word);
}

/* Reads systemctl's output from @fd into @state; "" when it is no word. */
static void kmend_read_state_word(int fd, char *state, size_t size)
{
	ssize_t n, len = 0;

	while (len < (ssize_t)size - 1 &&
	       (n = read(fd, state + len, size - 1 - len)) > 0)
		len += n;
	state[len > 0 ? len : 0] = '\0';
	state[strcspn(state, "\n")] = '\0';
	if (!kmend_is_state_word(state))
		state[0] = '\0';
}

static int kmend_ask_systemctl(char *state, size_t size)
{
	char *argv[] = { "systemctl", "is-active", KMEND_SERVICE_UNIT, NULL };
	posix_spawn_file_actions_t actions;
	int fds[2], status, err;
	pid_t pid;

	if (pipe(fds))
		return kmend_sys_error("pipe", "pipe");
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&actions, fds[0]);
	err = posix_spawnp(&pid, "systemctl", &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(fds[1]);
	if (!err)
		kmend_read_state_word(fds[0], state, size);
	close(fds[0]);
	if (err)
		return kmend_report_error("systemctl", "posix_spawnp", -err);
	if (waitpid(pid, &status, 0) < 0)
		return kmend_sys_error("systemctl", "waitpid");
	return 0;
}

/**
 * kmend_read_service_state() - what systemd says of kmend.service
 * @state:	receives the word, or "unknown" (@size bytes, at least
 *		KMEND_SERVICE_STATE_MAX)
 *
 * An unknown state is an answer, not an error: systemctl that cannot be
 * run is reported on stderr, and the state is "unknown".
 */
void kmend_read_service_state(char *state, size_t size)
{
	struct stat st;

	state[0] = '\0';
	if (!stat("/run/systemd/system", &st) && S_ISDIR(st.st_mode))
		kmend_ask_systemctl(state, size);
	if (!state[0])
		snprintf(state, size, "unknown");
}
