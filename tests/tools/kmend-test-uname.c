// SPDX-License-Identifier: GPL-2.0
/*
 * kmend-test-uname - call uname(2) in a tight loop until STOPFILE exists and
 * check every answer: the version must be the unpatched one or the one
 * kmend_sample_uname.ko gives (ending with " +kmend"), never anything else.
 *
 *	kmend-test-uname STOPFILE
 *
 * Prints "calls=N old=N new=N" and exits 0, or exits 1 on the first wrong
 * answer, printing it. The unpatched version comes from
 * /proc/sys/kernel/version, which uname(2)'s patch does not change, so the
 * tool may start while the patch is on.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

#define MARK " +kmend"

/*
 * What the sample answers: the mark ends the version, replacing its end
 * when the whole would not fit the field (kmend_sample_mark()).
 */
static void make_marked(char *marked, size_t size, const char *base)
{
	size_t len = strlen(base);

	if (len > size - sizeof(MARK))
		len = size - sizeof(MARK);
	memcpy(marked, base, len);
	memcpy(marked + len, MARK, sizeof(MARK));
}

static int read_version(char *base, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/version", "r");
	size_t n;

	if (!f || !fgets(base, size, f)) {
		perror("kmend-test-uname: /proc/sys/kernel/version");
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	n = strlen(base);
	if (n && base[n - 1] == '\n')
		base[n - 1] = '\0';
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long calls = 0, old = 0, new = 0;
	char base[sizeof(((struct utsname *)0)->version) + 1];
	char marked[sizeof(((struct utsname *)0)->version)];
	struct utsname u;

	if (argc != 2) {
		fprintf(stderr, "usage: kmend-test-uname STOPFILE\n");
		return 2;
	}
	if (read_version(base, sizeof(base)))
		return 1;
	make_marked(marked, sizeof(marked), base);

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
