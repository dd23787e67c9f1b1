// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-bench-switch - time a command that starts a transition, up to the
 * transition's end as user space sees it.
 *
 *	kmend-bench-switch TRANSITION_FILE CMD [ARG...]
 *
 * Runs CMD (e.g. insmod PATCH.ko, or sh -c 'echo 0 > .../enabled'), then
 * reads TRANSITION_FILE every millisecond until it reads 0 or is gone (the
 * kernel's livepatch removes a disabled patch's directory). Prints the
 * microseconds from just before CMD started to that read, and exits 0.
 * Exits 1 when CMD fails or the transition lasts longer than 60 s.
 * kmend's /sys/kernel/kmend/P/transition and livepatch's
 * /sys/kernel/livepatch/P/transition are polled the same way.
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

/* Return: 1 while FILE reads 1, 0 once it reads 0 or is gone, -1. */
static int in_transition(const char *file)
{
	char buf[8] = "";
	int fd = open(file, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
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

int main(int argc, char **argv)
{
	const struct timespec poll = { .tv_nsec = POLL_NS };
	long long start;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: kmend-bench-switch TRANSITION_FILE CMD [ARG...]\n");
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
	printf("%lld\n", now_us() - start);
	return 0;
}
