/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_package.h - what `kmend build --deb` records in a patch module's
 * .modinfo about the package that carries it:
 *
 *	kmend_package=kmend-patch-NAME	MODULE_INFO(kmend_package, ...)
 *	version=V			MODULE_VERSION(V), the package's
 *	kmend_cves=CVE-A,CVE-B		MODULE_INFO(kmend_cves, ...)
 *	kmend_description=TEXT		MODULE_INFO(kmend_description, ...)
 */
#ifndef _KMEND_PACKAGE_H
#define _KMEND_PACKAGE_H

#include <stdio.h>

struct kmend_package {
	char name[128];
	char version[128];
	char cves[1024];
	char description[512];
};

int kmend_read_package(const char *path, struct kmend_package *pkg);
int kmend_find_package(const char *arg, struct kmend_package *pkg);
void kmend_print_package_info(FILE *out, const struct kmend_package *pkg);

#endif /* _KMEND_PACKAGE_H */
