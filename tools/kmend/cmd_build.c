// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_build.c - kmend build [options] PATCH...: hand over to kmend-build.
 *
 * The build is a pipeline of compilers, patch(1) and our object differ; it
 * lives in tools/kmend-build/kmend-build and is replaced here with exec, so its
 * progress, messages and exit code (0 built, 1 error, 2 no code changed,
 * 3 not live-patchable) reach the caller unchanged.
 *
 * Where it is looked for, first found wins:
 *   $KMEND_BUILD                     an explicit path
 *   DIR/../kmend-build/kmend-build   DIR holding this kmend: the source tree
 *   DIR/kmend-build                  installed side by side
 *   kmend-build                      on $PATH
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"
#include "kmend_msg.h"

#define KMEND_BUILD_NAME "kmend-build"

/* Fills @dir with the directory of the running executable. */
static int read_self_dir(char *dir, size_t size)
{
	ssize_t len = readlink("/proc/self/exe", dir, size - 1);
	char *slash;

	if (len < 0)
		return kmend_sys_error("/proc/self/exe", "readlink");
	dir[len] = '\0';
	slash = strrchr(dir, '/');
	if (!slash)
		return -ENOENT;
	*slash = '\0';
	return 0;
}

/* Tries DIR/REL; only returns when it could not be executed. */
static void try_exec_beside(const char *dir, const char *rel, char **argv)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >= (int)sizeof(path))
		return;
	if (access(path, X_OK))
		return;
	argv[0] = path;
	execv(path, argv);
	kmend_sys_error(path, "execv");
}

/**
 * cmd_build() - run kmend-build with @argv (argv[0] is replaced)
 *
 * Return: only on failure to start it, -1 after saying why.
 */
int cmd_build(char **argv)
{
	const char *explicit = getenv("KMEND_BUILD");
	char dir[PATH_MAX];

	if (explicit && *explicit) {
		argv[0] = (char *)explicit;
		execv(explicit, argv);
		kmend_sys_error(explicit, "execv");
		return -1;
	}
	if (!read_self_dir(dir, sizeof(dir))) {
		try_exec_beside(dir, "../kmend-build/" KMEND_BUILD_NAME, argv);
		try_exec_beside(dir, KMEND_BUILD_NAME, argv);
	}
	argv[0] = KMEND_BUILD_NAME;
	execvp(KMEND_BUILD_NAME, argv);
	if (errno == ENOENT) {
		kmend_err("build: %s not found next to this kmend nor on PATH; "
			  "set KMEND_BUILD to its path (in the source tree: "
			  "tools/kmend-build/kmend-build)", KMEND_BUILD_NAME);
		return -1;
	}
	kmend_sys_error(KMEND_BUILD_NAME, "execvp");
	return -1;
}
