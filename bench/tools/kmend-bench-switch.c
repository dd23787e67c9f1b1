// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-bench-switch - time a command that starts a transition, up to the
 * transition's end as user space sees it.
 *
 *	kmend-bench-switch [-s SETTLE_FILE] TRANSITION_FILE CMD [ARG...]
 *
 * Runs CMD (e.g. insmod PATCH.ko, or sh -c 'echo 0 > .../enabled'), then
 * reads TRANSITION_FILE every millisecond until it reads 0 or is gone (the
 * kernel's livepatch removes a disabled patch's directory), and prints the
 * microseconds from just before CMD started to that read. kmend's
 * /sys/kernel/kmend/P/transition and livepatch's
 * /sys/kernel/livepatch/P/transition are polled the same way.
 *
 * With -s it then reads SETTLE_FILE once, a file whose read waits for the
 * patcher's lock (kmend's blockers), so that it returns once the work
 * that follows the transition is over too, and prints a second number:
 * the microseconds from the start to then.
 *
 * Exits 1 when CMD fails or the transition lasts longer than 60 s.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define POLL_NS		1000000L
#define TIMEOUT_US	60000000LL

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* A file being removed: gone (open) or already deactivated (read). */
static int gone(int err)
{
	return err == ENOENT || err == ENODEV;
}

/* Return: 1 while FILE reads 1, 0 once it reads 0 or is gone, -1. */
static int in_transition(const char *file)
{
	char buf[8] = "";
	int fd = open(file, O_RDONLY);
	ssize_t n;
	int err;

	if (fd < 0)
		return gone(errno) ? 0 : -1;
	n = read(fd, buf, sizeof(buf) - 1);
	err = errno;
	close(fd);
	if (n < 0 && gone(err))
		return 0;
	if (n <= 0) {
		errno = n < 0 ? err : EIO;
		return -1;
	}
	return buf[0] == '1';
}

static int run(char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "kmend-bench-switch: %s: %m\n", argv[0]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Reads all of @file; for a sysfs file that takes a lock, waits for it. */
static int read_all(const char *file)
{
	char buf[4096];
	int fd = open(file, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	close(fd);
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	const struct timespec poll = { .tv_nsec = POLL_NS };
	const char *settle = NULL;
	long long start;
	int ret;

	if (argc > 2 && !strcmp(argv[1], "-s")) {
		settle = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: kmend-bench-switch [-s SETTLE_FILE] TRANSITION_FILE CMD [ARG...]\n");
		return 2;
	}
	start = now_us();
	ret = run(argv + 2);
	if (ret) {
		fprintf(stderr, "kmend-bench-switch: %s exited %d\n", argv[2],
			ret);
		return 1;
	}
	while ((ret = in_transition(argv[1])) == 1) {
		if (now_us() - start > TIMEOUT_US) {
			fprintf(stderr, "kmend-bench-switch: %s still 1 after %lld s\n",
				argv[1], TIMEOUT_US / 1000000);
			return 1;
		}
		nanosleep(&poll, NULL);
	}
	if (ret < 0) {
		fprintf(stderr, "kmend-bench-switch: %s: cannot read: %m\n",
			argv[1]);
		return 1;
	}
	printf("%lld", now_us() - start);
	if (settle && read_all(settle)) {
		fprintf(stderr, "\nkmend-bench-switch: %s: cannot read: %m\n",
			settle);
		return 1;
	}
	if (settle)
		printf(" %lld", now_us() - start);
	printf("\n");
	return 0;
}
