// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_sysfs.c - reading and writing /sys/kernel/kmend (see kmend_sysfs.h).
 *
 * The kernel may remove a patch while we read it, so an entry that vanishes
 * between readdir() and stat() is skipped, an attribute that cannot be
 * read is recorded in the snapshot rather than failing the whole read, and
 * a directory that vanished before it was opened fails the read with
 * -ENOENT, quietly: the caller knows whether the patch is gone.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kmend_msg.h"
#include "kmend_sysfs.h"

/* Attributes fit a page; blockers may be longer, and are cut here. */
#define KMEND_TEXT_MAX	65536

#define KMEND_MODULE_SYSFS "/sys/module"

/* kmend_list_dir_into() fills in the name of each element. */
static_assert(offsetof(struct kmend_attr, name) == 0, "name first");
static_assert(offsetof(struct kmend_object, name) == 0, "name first");
static_assert(offsetof(struct kmend_func, name) == 0, "name first");

const char *kmend_sysfs_root(void)
{
	const char *root = getenv("KMEND_SYSFS");

	return root && *root ? root : KMEND_SYSFS_ROOT;
}

const char *kmend_livepatch_root(void)
{
	const char *root = getenv("KMEND_LIVEPATCH_SYSFS");

	return root && *root ? root : KMEND_LIVEPATCH_ROOT;
}

/* Formats a path into @buf, which holds PATH_MAX bytes. */
static int __attribute__((format(printf, 2, 3)))
kmend_format_path(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, PATH_MAX, fmt, ap);
	va_end(ap);
	if (n >= 0 && n < PATH_MAX)
		return 0;
	kmend_err("%.64s...: path too long", buf);
	return -ENAMETOOLONG;
}

/* Names come from the user and must stay one path component. */
static bool kmend_is_valid_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") &&
	       strcmp(name, "..");
}

/*
 * Reads a whole file, without trailing newlines. Quiet: each caller decides
 * whether a missing file is an error, and names the file when it is. A
 * sysfs file whose kobject is deleted between open and read fails with
 * -ENODEV: it is gone, as if the open had found nothing (-ENOENT). The
 * kernel's livepatch deletes a patch's directory as soon as its
 * unpatching transition ends, while kmend unload polls "transition".
 */
static int kmend_read_text(const char *path, char **text)
{
	size_t len = 0;
	char *buf, *shrunk;
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(KMEND_TEXT_MAX + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (len < KMEND_TEXT_MAX) {
		n = read(fd, buf + len, KMEND_TEXT_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = errno == ENODEV ? -ENOENT : -errno;
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	while (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	shrunk = realloc(buf, len + 1);
	*text = shrunk ? shrunk : buf;
	return 0;
}

void kmend_free_names(char **names, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}

static int kmend_compare_names(const void *a, const void *b)
{
	return strcmp(*(char * const *)a, *(char * const *)b);
}

static int kmend_append_name(char ***names, size_t *nr, const char *name)
{
	char **grown;

	grown = realloc(*names, (*nr + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	*names = grown;
	grown[*nr] = strdup(name);
	if (!grown[*nr])
		return -ENOMEM;
	(*nr)++;
	return 0;
}

/**
 * kmend_list_dir() - the entries of @dir of one @type (S_IFDIR or S_IFREG),
 * sorted by strcmp()
 *
 * Return: 0, -ENOENT without a message when @dir does not exist, or -errno
 * after a message.
 */
int kmend_list_dir(const char *dir, mode_t type, char ***names,
			  size_t *nr)
{
	struct dirent *de;
	struct stat st;
	int err = 0;
	DIR *d;

	*names = NULL;
	*nr = 0;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? -ENOENT :
					 kmend_sys_error(dir, "opendir");
	while (!err) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno)
				err = kmend_sys_error(dir, "readdir");
			break;
		}
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, 0) ||
		    (st.st_mode & S_IFMT) != type)
			continue;
		if (kmend_append_name(names, nr, de->d_name))
			err = kmend_report_error(dir, "malloc", -ENOMEM);
	}
	closedir(d);
	if (err) {
		kmend_free_names(*names, *nr);
		*names = NULL;
		*nr = 0;
		return err;
	}
	if (*nr)
		qsort(*names, *nr, sizeof(**names), kmend_compare_names);
	return 0;
}

/*
 * Lists @dir into a new array of *@nr zeroed elements of @size bytes, each
 * with its entry's name in its first member (see the static_asserts above).
 */
static int kmend_list_dir_into(const char *dir, mode_t type, size_t size,
			       void **array, size_t *nr)
{
	char **names, *elems;
	size_t i;
	int err;

	err = kmend_list_dir(dir, type, &names, nr);
	if (err)
		return err;
	elems = calloc(*nr ? *nr : 1, size);
	if (!elems) {
		kmend_free_names(names, *nr);
		*nr = 0;
		return kmend_report_error(dir, "calloc", -ENOMEM);
	}
	for (i = 0; i < *nr; i++)
		memcpy(elems + i * size, &names[i], sizeof(names[i]));
	free(names);
	*array = elems;
	return 0;
}

static int kmend_report_no_core(const char *root)
{
	kmend_err("kmend.ko is not loaded: %s does not exist", root);
	kmend_err("load it first: insmod kmend.ko (or: modprobe kmend)");
	return -ENOENT;
}

/* Every command needs kmend.ko; say so once, with what to do. */
int kmend_check_sysfs(void)
{
	const char *root = kmend_sysfs_root();
	struct stat st;

	if (stat(root, &st))
		return errno == ENOENT ? kmend_report_no_core(root) :
					 kmend_sys_error(root, "stat");
	if (!S_ISDIR(st.st_mode))
		return kmend_report_error(root, "stat", -ENOTDIR);
	return 0;
}

/* Returns 1 when @path exists with file @type, 0 when not, or -errno. */
static int kmend_find_entry(const char *path, mode_t type)
{
	struct stat st;

	if (!stat(path, &st))
		return (st.st_mode & S_IFMT) == type;
	if (errno == ENOENT || errno == ENOTDIR)
		return 0;
	return kmend_sys_error(path, "stat");
}

/* Returns 1 when patch @name is in the tree @root, 0 when not, or -errno. */
static int kmend_find_patch_in(const char *root, const char *name)
{
	char path[PATH_MAX];
	int err;

	if (!kmend_is_valid_name(name))
		return 0;
	err = kmend_format_path(path, "%s/%s", root, name);
	return err ? err : kmend_find_entry(path, S_IFDIR);
}

/*
 * The tree of patch @name: the kernel's livepatch one if it is there and
 * not in kmend.ko's, else kmend.ko's (also when it is in neither, so that
 * messages name kmend.ko's tree as before).
 */
static const char *kmend_patch_root(const char *name)
{
	if (kmend_find_patch_in(kmend_sysfs_root(), name) != 1 &&
	    kmend_find_patch_in(kmend_livepatch_root(), name) == 1)
		return kmend_livepatch_root();
	return kmend_sysfs_root();
}

/**
 * kmend_patch_runtime() - which runtime patch @name is registered with
 *
 * Return: "kmend" or "livepatch", or NULL when it is in neither tree.
 */
const char *kmend_patch_runtime(const char *name)
{
	if (kmend_find_patch_in(kmend_sysfs_root(), name) == 1)
		return "kmend";
	if (kmend_find_patch_in(kmend_livepatch_root(), name) == 1)
		return "livepatch";
	return NULL;
}

/*
 * A command on patch @name needs kmend.ko unless the patch is the kernel's
 * livepatch's: 0 when it can go on, else -errno after saying why.
 */
int kmend_check_patch_runtime(const char *name)
{
	if (kmend_find_patch_in(kmend_livepatch_root(), name) == 1)
		return 0;
	return kmend_check_sysfs();
}

/* Returns 1 when patch @name is registered, 0 when not, or -errno. */
int kmend_find_patch(const char *name)
{
	int ret;

	ret = kmend_find_patch_in(kmend_sysfs_root(), name);
	return ret ? ret : kmend_find_patch_in(kmend_livepatch_root(), name);
}

/*
 * Returns 1 when module @name is loaded, 0 when not, or -errno. Built-in
 * modules have a /sys/module directory too, but no initstate.
 */
int kmend_find_module(const char *name)
{
	char path[PATH_MAX];
	int err;

	if (!kmend_is_valid_name(name))
		return 0;
	err = kmend_format_path(path, KMEND_MODULE_SYSFS "/%s/initstate", name);
	return err ? err : kmend_find_entry(path, S_IFREG);
}

/* Returns 0 when patch @name is registered, else -errno after saying why. */
int kmend_require_patch(const char *name)
{
	int ret;

	ret = kmend_find_patch(name);
	if (ret)
		return ret < 0 ? ret : 0;
	if (kmend_find_module(name) == 1) {
		kmend_err("module %s is loaded but is not a kmend patch (no %s/%s)",
			  name, kmend_sysfs_root(), name);
		kmend_err("a module that is not a patch is removed with: rmmod %s",
			  name);
	} else {
		kmend_err("no such patch: %s is not loaded (see: kmend list)",
			  name);
	}
	return -ENOENT;
}

/* Moves @nr_more names of @more to the end of *@names, sorted again. */
static int kmend_merge_names(char ***names, size_t *nr, char **more,
			     size_t nr_more)
{
	char **all;

	if (!nr_more) {
		free(more);
		return 0;
	}
	all = realloc(*names, (*nr + nr_more) * sizeof(*all));
	if (!all) {
		kmend_free_names(more, nr_more);
		return -ENOMEM;
	}
	memcpy(all + *nr, more, nr_more * sizeof(*all));
	free(more);
	*names = all;
	*nr += nr_more;
	qsort(all, *nr, sizeof(*all), kmend_compare_names);
	return 0;
}

/**
 * kmend_list_all_patches() - the names of every patch, of both runtimes,
 * sorted
 *
 * A kernel without livepatch has no tree for it: none of its patches.
 *
 * Return: 0, -ENOENT without a message when kmend.ko is not loaded and
 * the kernel's livepatch has no patch, or -errno after a message.
 */
int kmend_list_all_patches(char ***names, size_t *nr)
{
	const char *root = kmend_sysfs_root(), *lp = kmend_livepatch_root();
	char **more;
	size_t nr_more;
	int err, lp_err;

	err = kmend_list_dir(root, S_IFDIR, names, nr);
	if (err && err != -ENOENT)
		return err;
	lp_err = kmend_list_dir(lp, S_IFDIR, &more, &nr_more);
	if (lp_err == -ENOENT)
		nr_more = 0, more = NULL, lp_err = 0;
	if (lp_err) {
		kmend_free_names(*names, *nr);
		return lp_err;
	}
	if (err == -ENOENT && !nr_more)
		return -ENOENT;
	if (kmend_merge_names(names, nr, more, nr_more)) {
		kmend_free_names(*names, *nr);
		return kmend_report_error(lp, "realloc", -ENOMEM);
	}
	return 0;
}

/*
 * Without kmend.ko the kernel's livepatch patches are listed; with neither
 * a patch of them nor kmend.ko, the missing kmend.ko is reported.
 */
int kmend_list_patches(char ***names, size_t *nr)
{
	int err;

	err = kmend_list_all_patches(names, nr);
	return err == -ENOENT ? kmend_report_no_core(kmend_sysfs_root()) : err;
}

/**
 * kmend_list_module_holders() - the modules that use module @name
 *
 * They are the entries of /sys/module/NAME/holders: modules that call its
 * exported symbols, and that the kernel makes us remove first.
 */
int kmend_list_module_holders(const char *name, char ***names, size_t *nr)
{
	char path[PATH_MAX];
	int err;

	*names = NULL;
	*nr = 0;
	if (!kmend_is_valid_name(name))
		return -EINVAL;
	err = kmend_format_path(path, KMEND_MODULE_SYSFS "/%s/holders", name);
	if (!err)
		err = kmend_list_dir(path, S_IFDIR, names, nr);
	if (err == -ENOENT)
		return 0;
	return err;
}

/* /sys/module/@name/@attr into @text: 0, -ENOENT quietly, or -errno. */
static int kmend_read_module_attr(const char *name, const char *attr,
				  char **text)
{
	char path[PATH_MAX];
	int err;

	if (!kmend_is_valid_name(name))
		return -ENOENT;
	err = kmend_format_path(path, KMEND_MODULE_SYSFS "/%s/%s", name, attr);
	if (err)
		return err;
	err = kmend_read_text(path, text);
	if (err && err != -ENOENT)
		return kmend_report_error(path, "read", err);
	return err;
}

/**
 * kmend_read_module_state() - /sys/module/NAME/initstate of module @name
 * @state:	receives "live", "coming" or "going", to be freed
 *
 * Return: 0, -ENOENT quietly when the module is not loaded, or -errno.
 */
int kmend_read_module_state(const char *name, char **state)
{
	return kmend_read_module_attr(name, "initstate", state);
}

/**
 * kmend_is_patch_module() - whether loaded module @name is a patch module
 *
 * The loader taints the kernel with TAINT_LIVEPATCH ('K' in the module's
 * taint file) for a module with MODULE_INFO(livepatch, "Y"): every patch
 * module of kmend build, for either runtime, and any klp module.
 *
 * Return: 1 when it is, 0 when not or not loaded, or -errno.
 */
int kmend_is_patch_module(const char *name)
{
	char *taint;
	int ret;

	ret = kmend_read_module_attr(name, "taint", &taint);
	if (ret)
		return ret == -ENOENT ? 0 : ret;
	ret = !!strchr(taint, 'K');
	free(taint);
	return ret;
}

/* A file that cannot be read is kept, with the reason, for the view. */
static int kmend_read_attr(const char *dir, struct kmend_attr *attr)
{
	char path[PATH_MAX];
	struct stat st;
	int err;

	err = kmend_format_path(path, "%s/%s", dir, attr->name);
	if (err)
		return err;
	if (stat(path, &st)) {
		attr->err = -errno;
		return 0;
	}
	attr->write_only = !(st.st_mode & (S_IRUSR | S_IRGRP | S_IROTH));
	if (!attr->write_only)
		attr->err = kmend_read_text(path, &attr->value);
	return 0;
}

static int kmend_read_attrs(const char *dir, struct kmend_patch *patch)
{
	void *attrs;
	size_t i;
	int err;

	err = kmend_list_dir_into(dir, S_IFREG, sizeof(*patch->attrs), &attrs,
				  &patch->nr_attrs);
	if (err)
		return err;
	patch->attrs = attrs;
	for (i = 0; i < patch->nr_attrs && !err; i++)
		err = kmend_read_attr(dir, &patch->attrs[i]);
	return err;
}

/* Addresses that cannot be read stay NULL: the view shows them as such. */
static int kmend_read_func(const char *objdir, struct kmend_func *func)
{
	char path[PATH_MAX];
	int err;

	err = kmend_format_path(path, "%s/%s/old_addr", objdir, func->name);
	if (err)
		return err;
	kmend_read_text(path, &func->old_addr);
	err = kmend_format_path(path, "%s/%s/new_addr", objdir, func->name);
	if (err)
		return err;
	kmend_read_text(path, &func->new_addr);
	return 0;
}

static int kmend_read_object(const char *patchdir, struct kmend_object *obj)
{
	char dir[PATH_MAX], path[PATH_MAX];
	void *funcs;
	size_t i;
	int err;

	err = kmend_format_path(dir, "%s/%s", patchdir, obj->name);
	if (!err)
		err = kmend_format_path(path, "%s/patched", dir);
	if (err)
		return err;
	kmend_read_text(path, &obj->patched);	/* optional */
	err = kmend_list_dir_into(dir, S_IFDIR, sizeof(*obj->funcs), &funcs,
				  &obj->nr_funcs);
	if (err)
		return err;
	obj->funcs = funcs;
	for (i = 0; i < obj->nr_funcs && !err; i++)
		err = kmend_read_func(dir, &obj->funcs[i]);
	return err;
}

static int kmend_read_objects(const char *dir, struct kmend_patch *patch)
{
	void *objs;
	size_t i;
	int err;

	err = kmend_list_dir_into(dir, S_IFDIR, sizeof(*patch->objs), &objs,
				  &patch->nr_objs);
	if (err)
		return err;
	patch->objs = objs;
	for (i = 0; i < patch->nr_objs && !err; i++)
		err = kmend_read_object(dir, &patch->objs[i]);
	return err;
}

/**
 * kmend_read_patch() - take a snapshot of patch @name's directory
 *
 * On success the caller frees @patch with kmend_free_patch(); on failure
 * nothing is left to free.
 *
 * Return: 0, -ENOENT without a message when the directory or one below it
 * vanished (the patch was removed, or is being removed), or -errno after
 * a message.
 */
int kmend_read_patch(const char *name, struct kmend_patch *patch)
{
	char dir[PATH_MAX];
	const char *root;
	int err;

	memset(patch, 0, sizeof(*patch));
	root = kmend_patch_root(name);
	err = kmend_format_path(dir, "%s/%s", root, name);
	if (err)
		return err;
	patch->runtime = strcmp(root, kmend_sysfs_root()) ? "livepatch" : "kmend";
	patch->name = strdup(name);
	if (!patch->name)
		return kmend_report_error(dir, "strdup", -ENOMEM);
	err = kmend_read_attrs(dir, patch);
	if (!err)
		err = kmend_read_objects(dir, patch);
	if (err)
		kmend_free_patch(patch);
	return err;
}

static void kmend_free_object(struct kmend_object *obj)
{
	struct kmend_func *func;

	kmend_for_each_func(obj, func) {
		free(func->name);
		free(func->old_addr);
		free(func->new_addr);
	}
	free(obj->funcs);
	free(obj->name);
	free(obj->patched);
}

void kmend_free_patch(struct kmend_patch *patch)
{
	struct kmend_object *obj;
	struct kmend_attr *attr;

	kmend_for_each_attr(patch, attr) {
		free(attr->name);
		free(attr->value);
	}
	kmend_for_each_object(patch, obj)
		kmend_free_object(obj);
	free(patch->attrs);
	free(patch->objs);
	free(patch->name);
	memset(patch, 0, sizeof(*patch));
}

/* Returns the attribute file @name of @patch, or NULL when it has none. */
const struct kmend_attr *kmend_patch_attr(const struct kmend_patch *patch,
					  const char *name)
{
	const struct kmend_attr *attr;

	kmend_for_each_attr(patch, attr)
		if (!strcmp(attr->name, name))
			return attr;
	return NULL;
}

size_t kmend_count_funcs(const struct kmend_patch *patch)
{
	const struct kmend_object *obj;
	size_t nr = 0;

	kmend_for_each_object(patch, obj)
		nr += obj->nr_funcs;
	return nr;
}

/**
 * kmend_read_patch_flag() - read a 0/1 attribute of a patch
 * @optional:	a missing file reads as 0 (transition, in early versions)
 */
int kmend_read_patch_flag(const char *patch, const char *attr, bool optional,
			  int *value)
{
	char path[PATH_MAX], *text;
	int err;

	err = kmend_format_path(path, "%s/%s/%s", kmend_patch_root(patch), patch,
				attr);
	if (err)
		return err;
	err = kmend_read_text(path, &text);
	if (err == -ENOENT && optional) {
		*value = 0;
		return 0;
	}
	if (err)
		return kmend_report_error(path, "read", err);
	if (strcmp(text, "0") && strcmp(text, "1")) {
		kmend_err("%s: expected 0 or 1, read '%s'", path, text);
		free(text);
		return -EINVAL;
	}
	*value = text[0] == '1';
	free(text);
	return 0;
}

/*
 * Reads attribute @attr of @patch into a new string. A missing file gives
 * -ENOENT quietly (optional attributes); other errors are reported.
 */
int kmend_read_patch_text(const char *patch, const char *attr, char **text)
{
	char path[PATH_MAX];
	int err;

	err = kmend_format_path(path, "%s/%s/%s", kmend_patch_root(patch), patch,
				attr);
	if (err)
		return err;
	err = kmend_read_text(path, text);
	if (err && err != -ENOENT)
		return kmend_report_error(path, "read", err);
	return err;
}

/* The kernel refuses a store with the write's errno; report it as such. */
int kmend_write_patch_attr(const char *patch, const char *attr,
			   const char *value)
{
	size_t len = strlen(value);
	char path[PATH_MAX];
	int fd, err = 0;
	ssize_t n;

	err = kmend_format_path(path, "%s/%s/%s", kmend_patch_root(patch), patch,
				attr);
	if (err)
		return err;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return kmend_sys_error(path, "open");
	n = write(fd, value, len);
	if (n < 0)
		err = kmend_sys_error(path, "write");
	else if ((size_t)n != len)
		err = kmend_report_error(path, "write", -EIO);
	close(fd);
	return err;
}

/**
 * kmend_find_transition() - find the patch in transition, if any
 * @name:	receives its name when not NULL (@size bytes)
 *
 * kmend.ko runs one transition at a time and refuses to start another, as
 * the kernel's livepatch does for its own patches.
 *
 * Return: 1 when a patch is in transition, 0 when none is, or -errno.
 */
int kmend_find_transition(char *name, size_t size)
{
	int err, running = 0;
	char **names;
	size_t nr, i;

	err = kmend_list_all_patches(&names, &nr);
	if (err)
		return err == -ENOENT ? 0 : err;
	for (i = 0; i < nr && !err; i++) {
		err = kmend_read_patch_flag(names[i], "transition", true,
					    &running);
		if (running)
			break;
	}
	if (!err && running && name)
		snprintf(name, size, "%s", names[i]);
	kmend_free_names(names, nr);
	return err ? err : running;
}
