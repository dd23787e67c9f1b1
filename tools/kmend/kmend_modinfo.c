// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_modinfo.c - what a module file tells before it is loaded: the name
 * it will have, and whether it can ever be removed.
 *
 * kbuild records it in the .ko's .modinfo section as "name=..." (dashes of
 * the file name already turned into underscores). Without that key the
 * kernel falls back to nothing better than we can: the file name, which
 * kbuild derived the name from.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kmend_modinfo.h"
#include "kmend_msg.h"

static int kmend_elf_error(const char *file, const char *call)
{
	kmend_err("%s: %s: %s", file, call, elf_errmsg(-1));
	return -EINVAL;
}

/* Copies @src to @name, dashes turned into underscores as kbuild does. */
static int kmend_copy_name(const char *src, size_t len, char *name,
			   size_t size)
{
	size_t i;

	if (!len || len >= size || memchr(src, '/', len)) {
		kmend_err("'%.*s' is not a valid module name", (int)len, src);
		return -EINVAL;
	}
	for (i = 0; i < len; i++)
		name[i] = src[i] == '-' ? '_' : src[i];
	name[len] = '\0';
	return 0;
}

/* "dir/kmend-sample.ko" becomes "kmend_sample". */
static int kmend_name_from_file_name(const char *path, char *name,
				     size_t size)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 3 && !strcmp(base + len - 3, ".ko"))
		len -= 3;
	return kmend_copy_name(base, len, name, size);
}

/* Sets *@found to section @want, or to NULL when the object has none. */
static int kmend_find_section(Elf *elf, const char *file, const char *want,
			      Elf_Scn **found)
{
	Elf_Scn *scn = NULL;
	const char *name;
	size_t shstrndx;
	GElf_Shdr shdr;

	*found = NULL;
	if (elf_getshdrstrndx(elf, &shstrndx))
		return kmend_elf_error(file, "elf_getshdrstrndx");
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &shdr))
			return kmend_elf_error(file, "gelf_getshdr");
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name)
			return kmend_elf_error(file, "elf_strptr");
		if (!strcmp(name, want)) {
			*found = scn;
			return 0;
		}
	}
	return 0;
}

/*
 * .modinfo is a run of NUL-terminated "key=value" strings, with NUL padding
 * between some of them. Returns the value of @key, or NULL when absent.
 */
static const char *kmend_find_modinfo(const Elf_Data *data, const char *key,
				      size_t *vlen)
{
	const char *p = data->d_buf, *end;
	size_t len, klen = strlen(key);

	if (!p)
		return NULL;
	for (end = p + data->d_size; p < end; p += len + 1) {
		len = strnlen(p, end - p);
		if (len > klen && len < (size_t)(end - p) && p[klen] == '=' &&
		    !strncmp(p, key, klen)) {
			*vlen = len - klen - 1;
			return p + klen + 1;
		}
	}
	return NULL;
}

/* Sets *@data to the module's .modinfo, or to NULL when it has none. */
static int kmend_get_modinfo(Elf *elf, const char *path, Elf_Data **data)
{
	Elf_Scn *scn;
	int err;

	*data = NULL;
	if (elf_kind(elf) != ELF_K_ELF) {
		kmend_err("%s: not an ELF object, so not a kernel module", path);
		return -ENOEXEC;
	}
	err = kmend_find_section(elf, path, ".modinfo", &scn);
	if (err || !scn)
		return err;
	*data = elf_getdata(scn, NULL);
	if (!*data)
		return kmend_elf_error(path, "elf_getdata");
	return 0;
}

/* Returns 1 with @name set, 0 when the object has no name in .modinfo. */
static int kmend_read_elf_name(Elf *elf, const char *path, char *name,
			       size_t size)
{
	const char *value;
	Elf_Data *data;
	size_t len;
	int err;

	err = kmend_get_modinfo(elf, path, &data);
	if (err || !data)
		return err;
	value = kmend_find_modinfo(data, "name", &len);
	if (!value)
		return 0;
	err = kmend_copy_name(value, len, name, size);
	return err ? err : 1;
}

static int kmend_check_regular_file(int fd, const char *path)
{
	struct stat st;

	if (fstat(fd, &st))
		return kmend_sys_error(path, "fstat");
	if (!S_ISREG(st.st_mode)) {
		kmend_err("%s: not a regular file", path);
		return -EINVAL;
	}
	return 0;
}

/* Opens module file @path for reading with libelf; undone by close_elf(). */
static int kmend_open_elf(const char *path, int *fd, Elf **elf)
{
	int err;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return kmend_elf_error(path, "elf_version");
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return kmend_sys_error(path, "open");
	err = kmend_check_regular_file(*fd, path);
	if (err)
		goto err_close;
	*elf = elf_begin(*fd, ELF_C_READ, NULL);
	if (!*elf) {
		err = kmend_elf_error(path, "elf_begin");
		goto err_close;
	}
	return 0;

err_close:
	close(*fd);
	return err;
}

static void kmend_close_elf(int fd, Elf *elf)
{
	elf_end(elf);
	close(fd);
}

/**
 * kmend_read_module_name() - the name module file @path will load as
 *
 * From .modinfo's name= when present, else from the file name.
 */
int kmend_read_module_name(const char *path, char *name, size_t size)
{
	Elf *elf;
	int fd, ret;

	ret = kmend_open_elf(path, &fd, &elf);
	if (ret)
		return ret;
	ret = kmend_read_elf_name(elf, path, name, size);
	kmend_close_elf(fd, elf);
	if (!ret)
		ret = kmend_name_from_file_name(path, name, size);
	return ret > 0 ? 0 : ret;
}

/**
 * kmend_read_modinfo() - the value of .modinfo key @key of module file @path
 *
 * Return: 1 with @value set (NUL-terminated), 0 when the module has no such
 * key, or -errno after a message (also when the value does not fit @size).
 */
int kmend_read_modinfo(const char *path, const char *key, char *value,
		       size_t size)
{
	const char *found = NULL;
	Elf_Data *data;
	size_t len;
	Elf *elf;
	int fd, ret;

	ret = kmend_open_elf(path, &fd, &elf);
	if (ret)
		return ret;
	ret = kmend_get_modinfo(elf, path, &data);
	if (!ret && data)
		found = kmend_find_modinfo(data, key, &len);
	if (found && len >= size) {
		kmend_err("%s: the %s of this module is too long (%zu bytes)",
			  path, key, len);
		ret = -E2BIG;
	} else if (found) {
		memcpy(value, found, len);
		value[len] = '\0';
		ret = 1;
	}
	kmend_close_elf(fd, elf);
	return ret;
}

/*
 * Returns 1 when the symbol table of @elf defines @want (@defined) or
 * refers to it undefined (!@defined), 0 when not, or -errno.
 */
static int kmend_find_elf_symbol(Elf *elf, const char *path, const char *want,
				 bool defined)
{
	Elf_Scn *scn = NULL;
	Elf_Data *data;
	GElf_Shdr shdr;
	GElf_Sym sym;
	const char *name;
	size_t i;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &shdr))
			return kmend_elf_error(path, "gelf_getshdr");
		if (shdr.sh_type != SHT_SYMTAB || !shdr.sh_entsize)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data)
			return kmend_elf_error(path, "elf_getdata");
		for (i = 0; i < shdr.sh_size / shdr.sh_entsize; i++) {
			if (!gelf_getsym(data, i, &sym))
				return kmend_elf_error(path, "gelf_getsym");
			name = elf_strptr(elf, shdr.sh_link, sym.st_name);
			if (name && (sym.st_shndx != SHN_UNDEF) == defined &&
			    !strcmp(name, want))
				return 1;
		}
	}
	return 0;
}

/* kmend_find_elf_symbol() in module file @path. */
static int kmend_find_module_symbol(const char *path, const char *want,
				    bool defined)
{
	Elf *elf;
	int fd, ret;

	ret = kmend_open_elf(path, &fd, &elf);
	if (ret)
		return ret;
	if (elf_kind(elf) != ELF_K_ELF) {
		kmend_err("%s: not an ELF object, so not a kernel module", path);
		ret = -ENOEXEC;
	} else {
		ret = kmend_find_elf_symbol(elf, path, want, defined);
	}
	kmend_close_elf(fd, elf);
	return ret;
}

/**
 * kmend_read_module_exit() - whether module file @path can be removed
 *
 * The kernel never removes a module that has an init function but no exit
 * function (delete_module() fails with EBUSY). module_init() and
 * module_exit() define the aliases init_module and cleanup_module.
 *
 * Return: 1 when the module has an exit function or no init function, 0
 * when it has an init function only, or -errno after a message.
 */
int kmend_read_module_exit(const char *path)
{
	int ret;

	ret = kmend_find_module_symbol(path, "cleanup_module", true);
	if (!ret) {
		ret = kmend_find_module_symbol(path, "init_module", true);
		ret = ret < 0 ? ret : !ret;
	}
	return ret;
}

/**
 * kmend_read_module_runtime() - which runtime module file @path patches with
 * @runtime:	set to "livepatch" for a module that calls the kernel's
 *		klp_enable_patch() (kmend build --runtime livepatch, kpatch's
 *		and the kernel's samples), else to "kmend"
 *
 * Return: 0, or -errno after a message.
 */
int kmend_read_module_runtime(const char *path, const char **runtime)
{
	int ret;

	ret = kmend_find_module_symbol(path, "klp_enable_patch", false);
	if (ret < 0)
		return ret;
	*runtime = ret ? "livepatch" : "kmend";
	return 0;
}

/* A .ko path rather than a module name: has a slash, or ends in .ko. */
bool kmend_is_module_path(const char *arg)
{
	size_t len = strlen(arg);

	return strchr(arg, '/') || (len > 3 && !strcmp(arg + len - 3, ".ko"));
}

/**
 * kmend_resolve_module_name() - the module a command-line operand names
 *
 * @arg is a module name ("kmend-sample" is taken as "kmend_sample", as
 * modprobe does) or a .ko path. A path that no longer exists still names
 * its module by its file name, so a patch can be unloaded after its file
 * is gone.
 */
int kmend_resolve_module_name(const char *arg, char *name, size_t size)
{
	if (!kmend_is_module_path(arg))
		return kmend_copy_name(arg, strlen(arg), name, size);
	if (access(arg, F_OK) && errno == ENOENT)
		return kmend_name_from_file_name(arg, name, size);
	return kmend_read_module_name(arg, name, size);
}
