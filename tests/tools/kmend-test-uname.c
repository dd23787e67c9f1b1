// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-test-uname - call uname(2) in a tight loop until STOPFILE exists and
 * check every answer: the version must be the unpatched one or the one
 * kmend_sample_uname.ko gives (" +kmend" appended), never anything else.
 *
 *	kmend-test-uname STOPFILE
 *
 * Prints "calls=N old=N new=N" and exits 0, or exits 1 on the first wrong
 * answer, printing it.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

#define MARK " +kmend"

static void strip_mark(char *version)
{
	size_t n = strlen(version), m = strlen(MARK);

	if (n >= m && !strcmp(version + n - m, MARK))
		version[n - m] = '\0';
}

int main(int argc, char **argv)
{
	unsigned long calls = 0, old = 0, new = 0;
	char base[sizeof(((struct utsname *)0)->version)];
	char marked[sizeof(base) + sizeof(MARK)];
	struct utsname u;

	if (argc != 2) {
		fprintf(stderr, "usage: kmend-test-uname STOPFILE\n");
		return 2;
	}
	if (uname(&u)) {
		perror("kmend-test-uname: uname");
		return 1;
	}
	strip_mark(u.version);
	snprintf(base, sizeof(base), "%s", u.version);
	snprintf(marked, sizeof(marked), "%s%s", base, MARK);

	while (access(argv[1], F_OK)) {
		for (int i = 0; i < 1000; i++, calls++) {
			if (uname(&u)) {
				perror("kmend-test-uname: uname");
				return 1;
			}
			if (!strcmp(u.version, base)) {
				old++;
			} else if (!strcmp(u.version, marked)) {
				new++;
			} else {
				printf("kmend-test-uname: wrong version '%s' after %lu calls\n",
				       u.version, calls);
				return 1;
			}
		}
	}
	printf("calls=%lu old=%lu new=%lu\n", calls, old, new);
	return 0;
}
