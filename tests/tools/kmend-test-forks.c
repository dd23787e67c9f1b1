// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-test-forks - tasks that come and go: ROUNDS times, fork N children
 * that each sleep MS milliseconds and exit, then reap them.
 *
 *	kmend-test-forks ROUNDS N MS
 *
 * Prints "forks=N" and exits 0, or exits 1 when a fork fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long forks = 0;
	struct timespec nap;
	int rounds, n, ms, r, i;

	if (argc != 4) {
		fprintf(stderr, "usage: kmend-test-forks ROUNDS N MS\n");
		return 2;
	}
	rounds = atoi(argv[1]);
	n = atoi(argv[2]);
	ms = atoi(argv[3]);
	nap.tv_sec = ms / 1000;
	nap.tv_nsec = (ms % 1000) * 1000000L;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n; i++) {
			pid_t pid = fork();

			if (pid < 0) {
				perror("kmend-test-forks: fork");
				return 1;
			}
			if (pid == 0) {
				nanosleep(&nap, NULL);
				_exit(0);
			}
			forks++;
		}
		while (wait(NULL) > 0)
			;
	}
	printf("forks=%lu\n", forks);
	return 0;
}
