// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_package.c - the package a patch module came in (kmend_package.h),
 * read from the module file: the loaded module's sysfs has its version
 * but neither its CVEs nor its package, so a loaded patch is described by
 * the file installed for the running kernel.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "kmend_installed.h"
#include "kmend_modinfo.h"
#include "kmend_package.h"

/* Optional keys: absent ones are left empty. */
static int kmend_read_key(const char *path, const char *key, char *value,
			  size_t size)
{
	int ret = kmend_read_modinfo(path, key, value, size);

	if (!ret)
		value[0] = '\0';
	return ret < 0 ? ret : 0;
}

/**
 * kmend_read_package() - the package information of module file @path
 *
 * Return: 1 when the module came from `kmend build --deb`, 0 when it did
 * not (no kmend_package key), or -errno after a message.
 */
int kmend_read_package(const char *path, struct kmend_package *pkg)
{
	int ret;

	memset(pkg, 0, sizeof(*pkg));
	ret = kmend_read_modinfo(path, "kmend_package", pkg->name,
				 sizeof(pkg->name));
	if (ret <= 0)
		return ret;
	if (kmend_read_key(path, "version", pkg->version, sizeof(pkg->version)) ||
	    kmend_read_key(path, "kmend_cves", pkg->cves, sizeof(pkg->cves)) ||
	    kmend_read_key(path, "kmend_description", pkg->description,
			   sizeof(pkg->description)))
		return -EINVAL;
	return 1;
}

/**
 * kmend_find_package() - the package information of patch @arg: a module
 * file, or the name of a patch installed for the running kernel
 *
 * Return: as kmend_read_package(); 0 also when @arg is a name that is not
 * installed.
 */
int kmend_find_package(const char *arg, struct kmend_package *pkg)
{
	char rel[KMEND_RELEASE_MAX], path[4096];

	if (kmend_is_module_path(arg))
		return kmend_read_package(arg, pkg);
	if (kmend_running_release(rel, sizeof(rel)) ||
	    kmend_installed_path(rel, arg, path, sizeof(path)))
		return -EINVAL;
	if (access(path, F_OK))
		return 0;
	return kmend_read_package(path, pkg);
}
