// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_kmsg.c - the kernel log lines an operation caused.
 *
 * The kernel says why it refused a module or a patch only in its log, so
 * a command opens /dev/kmsg before acting, positioned after the last
 * record, and afterwards shows the new records that concern it. Records
 * read "PRIO,SEQ,USEC,FLAGS[,...];MESSAGE\n", followed by " KEY=VALUE"
 * lines; non-printable characters in MESSAGE come escaped, so one record
 * is one line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "kmend_kmsg.h"
#include "kmend_msg.h"

#define KMEND_KMSG "/dev/kmsg"

/* A record is at most 1 KiB of text plus its dictionary. */
#define KMEND_RECORD_MAX 8192

/* Without the log, refusals only say less: the message says so. */
static int kmend_report_kmsg_error(const char *call)
{
	int err = -errno;

	kmend_err("%s: %s: %s (kernel log lines will not be shown)",
		  KMEND_KMSG, call, strerror(-err));
	return err;
}

/* Returns a descriptor on which only records logged from now on are read. */
int kmend_open_kmsg(void)
{
	int fd, err;

	fd = open(KMEND_KMSG, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return kmend_report_kmsg_error("open");
	if (lseek(fd, 0, SEEK_END) < 0) {
		err = kmend_report_kmsg_error("lseek");
		close(fd);
		return err;
	}
	return fd;
}

void kmend_close_kmsg(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Returns the message of @record, cut at its first newline, or NULL. */
static char *kmend_record_message(char *record)
{
	char *msg = strchr(record, ';');

	if (!msg)
		return NULL;
	msg++;
	msg[strcspn(msg, "\n")] = '\0';
	return msg;
}

static int kmend_matches_any(const char *msg, const char *const *keys)
{
	for (; *keys; keys++)
		if (**keys && strstr(msg, *keys))
			return 1;
	return 0;
}

/**
 * kmend_print_kmsg() - show the new kernel log lines mentioning a key
 * @fd:		from kmend_open_kmsg(); nothing is shown when negative
 * @keys:	NULL-terminated substrings, e.g. "kmend" and a module name
 *
 * Return: the number of lines shown.
 */
int kmend_print_kmsg(int fd, const char *const *keys)
{
	char record[KMEND_RECORD_MAX + 1], *msg;
	int shown = 0;
	ssize_t n;

	while (fd >= 0) {
		n = read(fd, record, KMEND_RECORD_MAX);
		/* EPIPE: records were overwritten before we read them. */
		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;
		if (n <= 0)
			break;
		record[n] = '\0';
		msg = kmend_record_message(record);
		if (!msg || !kmend_matches_any(msg, keys))
			continue;
		kmend_err("kernel: %s", msg);
		shown++;
	}
	return shown;
}
