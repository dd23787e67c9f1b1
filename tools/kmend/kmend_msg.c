// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_msg.c - messages on stderr, each starting with "kmend: ".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "kmend_msg.h"

void kmend_err(const char *fmt, ...)
{
	va_list ap;

	fputs(KMEND_PREFIX, stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/**
 * kmend_report_error() - say that @call on @file failed with -@err
 *
 * Return: @err, so that callers can write `return kmend_report_error(...)`.
 */
int kmend_report_error(const char *file, const char *call, int err)
{
	kmend_err("%s: %s: %s", file, call, strerror(-err));
	return err;
}

/*
 * Like kmend_report_error() with the reason in errno, which is saved first:
 * printing may change it before the caller returns it.
 */
int kmend_sys_error(const char *file, const char *call)
{
	int err = errno ? -errno : -EIO;

	return kmend_report_error(file, call, err);
}
