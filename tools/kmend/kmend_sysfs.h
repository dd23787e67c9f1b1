/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_sysfs.h - reading and writing /sys/kernel/kmend, the state of every
 * patch (written by kmend.ko, see core/kmend_sysfs.c):
 *
 *	<patch>/enabled			rw: 1 or 0
 *	<patch>/transition		ro: 1 while tasks are switched (absent in
 *					    early versions: read as 0)
 *	<patch>/<attribute>		any other file: consistency, blockers,
 *					    force (write-only), replace, ...
 *	<patch>/<object>/patched	ro: 1 or 0 (optional)
 *	<patch>/<object>/<function,sympos>/old_addr, new_addr
 *
 * KMEND_SYSFS in the environment replaces /sys/kernel/kmend.
 *
 * Patches of the kernel's own livepatch (modules that kmend build
 * --runtime livepatch made, or any klp module) are in /sys/kernel/livepatch
 * (KMEND_LIVEPATCH_SYSFS replaces it), laid out the same way: enabled,
 * transition, force (write-only), <object>/patched, <object>/<function,
 * sympos>/, without the addresses. A patch name is found in one of the two
 * trees, the kmend tree first; every function taking a patch name reads
 * the tree it is in, and struct kmend_patch says which (@runtime).
 *
 * The tree is read into the structs below, a snapshot that is not updated:
 * the kernel may change or remove a patch while or after it is read.
 */
#ifndef _KMEND_SYSFS_H
#define _KMEND_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define KMEND_SYSFS_ROOT "/sys/kernel/kmend"
#define KMEND_LIVEPATCH_ROOT "/sys/kernel/livepatch"

/**
 * struct kmend_attr - one file in a patch's directory
 * @name:	the file name
 * @value:	its content without trailing newlines; NULL when not read
 * @write_only:	the file has no read permission (e.g. force)
 * @err:	negative errno when reading failed, else 0
 */
struct kmend_attr {
	char *name;
	char *value;
	bool write_only;
	int err;
};

/**
 * struct kmend_func - one replaced function
 * @name:	"<function>,<sympos>", as the directory is named
 * @old_addr:	hex address of the old function; NULL when unreadable
 * @new_addr:	hex address of the replacement; NULL when unreadable
 */
struct kmend_func {
	char *name;
	char *old_addr;
	char *new_addr;
};

/**
 * struct kmend_object - the functions a patch replaces in one object
 * @name:	"vmlinux" or a module name
 * @patched:	content of the patched file; NULL when absent
 * @funcs:	its functions, sorted by name
 */
struct kmend_object {
	char *name;
	char *patched;
	struct kmend_func *funcs;
	size_t nr_funcs;
};

/**
 * struct kmend_patch - a patch as its sysfs directory showed it
 * @name:	the patch module's name
 * @runtime:	"kmend" (kmend.ko's patch) or "livepatch" (the kernel's)
 * @attrs:	every file of the patch directory, sorted by name
 * @objs:	every object directory, sorted by name
 */
struct kmend_patch {
	char *name;
	const char *runtime;
	struct kmend_attr *attrs;
	size_t nr_attrs;
	struct kmend_object *objs;
	size_t nr_objs;
};

#define kmend_for_each_attr(patch, attr) \
	for (attr = (patch)->attrs; attr < (patch)->attrs + (patch)->nr_attrs; \
	     attr++)

#define kmend_for_each_object(patch, obj) \
	for (obj = (patch)->objs; obj < (patch)->objs + (patch)->nr_objs; obj++)

#define kmend_for_each_func(obj, func) \
	for (func = (obj)->funcs; func < (obj)->funcs + (obj)->nr_funcs; func++)

const char *kmend_sysfs_root(void);
const char *kmend_livepatch_root(void);
int kmend_check_sysfs(void);
int kmend_check_patch_runtime(const char *name);
const char *kmend_patch_runtime(const char *name);

int kmend_find_patch(const char *name);
int kmend_require_patch(const char *name);
int kmend_find_module(const char *name);
int kmend_list_module_holders(const char *name, char ***names, size_t *nr);
int kmend_read_module_state(const char *name, char **state);
int kmend_is_patch_module(const char *name);

int kmend_list_patches(char ***names, size_t *nr);
int kmend_list_all_patches(char ***names, size_t *nr);
void kmend_free_names(char **names, size_t nr);
int kmend_list_dir(const char *dir, mode_t type, char ***names, size_t *nr);

int kmend_read_patch(const char *name, struct kmend_patch *patch);
void kmend_free_patch(struct kmend_patch *patch);
const struct kmend_attr *kmend_patch_attr(const struct kmend_patch *patch,
					  const char *name);
size_t kmend_count_funcs(const struct kmend_patch *patch);

int kmend_read_patch_flag(const char *patch, const char *attr, bool optional,
			  int *value);
int kmend_read_patch_text(const char *patch, const char *attr, char **text);
int kmend_write_patch_attr(const char *patch, const char *attr,
			   const char *value);
int kmend_find_transition(char *name, size_t size);

#endif /* _KMEND_SYSFS_H */
