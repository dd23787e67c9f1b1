// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_installed.c - installed patches: the patch modules kept in
 * /var/lib/kmend/REL/NAME.ko (KMEND_STATE replaces /var/lib/kmend), which
 * kmend.service loads at every boot of kernel REL, in the order of their
 * names (strcmp).
 *
 * NAME is the module's name, so one file per patch: installing a patch of
 * the same name again replaces the file, atomically (a new file renamed
 * over the old one), so a boot never sees half of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "kmend_installed.h"
#include "kmend_modinfo.h"
#include "kmend_msg.h"
#include "kmend_sysfs.h"

#define KMEND_STATE_DEFAULT "/var/lib/kmend"
/* "6.1.0-57-amd64 SMP preempt mod_unload modversions " and the like. */
#define KMEND_VERMAGIC_MAX 256
#define KMEND_DEPENDS_MAX 1024

int kmend_running_release(char *rel, size_t size)
{
	struct utsname uts;

	if (uname(&uts))
		return kmend_sys_error("uname", "uname");
	if (snprintf(rel, size, "%s", uts.release) >= (int)size) {
		kmend_err("kernel release '%s' is too long", uts.release);
		return -ENAMETOOLONG;
	}
	return 0;
}

static const char *kmend_state_root(void)
{
	const char *root = getenv("KMEND_STATE");

	return root && *root ? root : KMEND_STATE_DEFAULT;
}

/* A release names a directory: no slash, not "." or "..", not empty. */
static int kmend_check_release(const char *rel)
{
	if (!*rel || strchr(rel, '/') || !strcmp(rel, ".") ||
	    !strcmp(rel, "..") || strlen(rel) >= KMEND_RELEASE_MAX) {
		kmend_err("'%s' is not a kernel release", rel);
		return -EINVAL;
	}
	return 0;
}

int kmend_installed_dir(const char *rel, char *dir, size_t size)
{
	int err = kmend_check_release(rel);

	if (err)
		return err;
	if (snprintf(dir, size, "%s/%s", kmend_state_root(), rel) >= (int)size) {
		kmend_err("%s/%s: path too long", kmend_state_root(), rel);
		return -ENAMETOOLONG;
	}
	return 0;
}

int kmend_installed_path(const char *rel, const char *name, char *path,
			 size_t size)
{
	char dir[4096];
	int err;

	err = kmend_installed_dir(rel, dir, sizeof(dir));
	if (err)
		return err;
	if (snprintf(path, size, "%s/%s.ko", dir, name) >= (int)size) {
		kmend_err("%s/%s.ko: path too long", dir, name);
		return -ENAMETOOLONG;
	}
	return 0;
}

/**
 * kmend_list_installed() - names of the patches installed for kernel @rel,
 * sorted: the order kmend.service loads them in
 *
 * No directory for @rel is no patch. Files not ending in .ko are left out.
 */
int kmend_list_installed(const char *rel, char ***names, size_t *nr)
{
	char dir[4096];
	size_t i, kept = 0, len;
	int err;

	err = kmend_installed_dir(rel, dir, sizeof(dir));
	if (err)
		return err;
	err = kmend_list_dir(dir, S_IFREG, names, nr);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	for (i = 0; i < *nr; i++) {
		len = strlen((*names)[i]);
		if (len > 3 && !strcmp((*names)[i] + len - 3, ".ko")) {
			(*names)[i][len - 3] = '\0';
			(*names)[kept++] = (*names)[i];
		} else {
			free((*names)[i]);
		}
	}
	*nr = kept;
	return 0;
}

/* The first word of the module's vermagic is the release it was built for. */
static int kmend_check_vermagic(const char *path, const char *rel)
{
	char vermagic[KMEND_VERMAGIC_MAX];
	size_t len;
	int ret;

	ret = kmend_read_modinfo(path, "vermagic", vermagic, sizeof(vermagic));
	if (ret < 0)
		return ret;
	if (!ret) {
		kmend_err("%s: no vermagic in .modinfo: not a kernel module built by kbuild", path);
		return -ENOEXEC;
	}
	len = strcspn(vermagic, " ");
	if (len != strlen(rel) || strncmp(vermagic, rel, len)) {
		kmend_err("%s was built for kernel %.*s, not %s (its vermagic: '%s')",
			  path, (int)len, vermagic, rel, vermagic);
		kmend_err("build it for %s (kmend build -r %s), or name that kernel with --kernel",
			  rel, rel);
		return -ENOEXEC;
	}
	return 0;
}

/*
 * A kmend patch module uses kmend.ko's symbols: "depends=kmend,...". One
 * for the kernel's livepatch calls klp_enable_patch() instead.
 */
static int kmend_check_patch_module(const char *path)
{
	char depends[KMEND_DEPENDS_MAX], *tok, *save;
	const char *runtime;
	int ret;

	ret = kmend_read_module_runtime(path, &runtime);
	if (ret || !strcmp(runtime, "livepatch"))
		return ret;
	ret = kmend_read_modinfo(path, "depends", depends, sizeof(depends));
	if (ret < 0)
		return ret;
	for (tok = ret ? strtok_r(depends, ",", &save) : NULL; tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, "kmend"))
			return 0;
	kmend_err("%s does not depend on kmend.ko nor call klp_enable_patch(): not a patch module",
		  path);
	return -ENOEXEC;
}

/**
 * kmend_check_installable() - whether module file @path can be installed
 * for kernel @rel: a patch for kmend.ko or the kernel's livepatch, built
 * for @rel, that can be removed
 */
int kmend_check_installable(const char *path, const char *rel)
{
	int ret;

	ret = kmend_check_vermagic(path, rel);
	if (!ret)
		ret = kmend_check_patch_module(path);
	if (ret)
		return ret;
	ret = kmend_read_module_exit(path);
	if (ret < 0)
		return ret;
	if (!ret) {
		kmend_err("%s has no module_exit(): once loaded, the kernel could never remove it",
			  path);
		return -EINVAL;
	}
	return 0;
}

static int kmend_make_dir(const char *dir)
{
	if (!mkdir(dir, 0755) || errno == EEXIST)
		return 0;
	return kmend_sys_error(dir, "mkdir");
}

/* Copies open file @in to @out, then syncs it. */
static int kmend_copy_fd(int in, const char *src, int out, const char *tmp)
{
	char buf[65536];
	ssize_t got, put, off;

	while ((got = read(in, buf, sizeof(buf))) > 0) {
		for (off = 0; off < got; off += put) {
			put = write(out, buf + off, got - off);
			if (put < 0)
				return kmend_sys_error(tmp, "write");
		}
	}
	if (got < 0)
		return kmend_sys_error(src, "read");
	if (fsync(out))
		return kmend_sys_error(tmp, "fsync");
	return 0;
}

/**
 * kmend_copy_installed() - install @src as @dir/@name.ko, atomically
 *
 * Writes @dir/.@name.ko.new, then renames it over @dir/@name.ko: a reader
 * sees the old file or the new one, never a part. @dir's parent is made
 * when missing. On failure nothing is left behind.
 */
int kmend_copy_installed(const char *src, const char *dir, const char *name)
{
	char tmp[4096], dst[4096];
	int in, out, err;

	if (snprintf(tmp, sizeof(tmp), "%s/.%s.ko.new", dir, name) >= (int)sizeof(tmp) ||
	    snprintf(dst, sizeof(dst), "%s/%s.ko", dir, name) >= (int)sizeof(dst)) {
		kmend_err("%s/%s.ko: path too long", dir, name);
		return -ENAMETOOLONG;
	}
	err = kmend_make_dir(kmend_state_root());
	if (!err)
		err = kmend_make_dir(dir);
	if (err)
		return err;
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return kmend_sys_error(src, "open");
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		err = kmend_sys_error(tmp, "open");
		goto close_in;
	}
	err = kmend_copy_fd(in, src, out, tmp);
	if (close(out) && !err)
		err = kmend_sys_error(tmp, "close");
	if (!err && rename(tmp, dst))
		err = kmend_sys_error(dst, "rename");
	if (err)
		unlink(tmp);
close_in:
	close(in);
	return err;
}
