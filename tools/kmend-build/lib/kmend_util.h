/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_util.h - messages, allocation and a string hash table for the
 * kmend build tools.
 *
 * The library never exits: a function that fails prints one message that
 * names the file, the call and the reason, and returns -1 or NULL.
 */
#ifndef _KMEND_UTIL_H
#define _KMEND_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define KMEND_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define kmend_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* The name of the running command, the prefix of every message. */
extern const char *kmend_prog;
/* Extra messages about each decision, for --verbose. */
extern bool kmend_verbose;

void kmend_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PATH: CALL: strerror(errno)" */
void kmend_err_sys(const char *path, const char *call);
/* "PATH: CALL: elf_errmsg(-1)" */
void kmend_err_elf(const char *path, const char *call);
void kmend_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kmend_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * End a file written as @tmp through @fd: close @fd and, when @ret (the
 * writing's result) is 0, rename @tmp over @path, so that @path is never
 * seen half-written; on any failure @tmp is removed. Returns 0 or -1.
 */
int kmend_file_commit(int fd, const char *tmp, const char *path, int ret);

void *kmend_zalloc(size_t size);
void *kmend_realloc_array(void *ptr, size_t nmemb, size_t size);
char *kmend_strdup(const char *s);
char *kmend_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

bool kmend_starts_with(const char *s, const char *prefix);
bool kmend_ends_with(const char *s, const char *suffix);

/*
 * A chained hash table of nodes embedded in the objects it indexes. Keys
 * may repeat: kmend_hash_for_each_match() visits every node with the key.
 */
struct kmend_hnode {
	struct kmend_hnode *next;
	const char *key;
};

struct kmend_hash {
	struct kmend_hnode **buckets;
	size_t nbuckets;
};

int kmend_hash_init(struct kmend_hash *h, size_t expected);
void kmend_hash_free(struct kmend_hash *h);
void kmend_hash_add(struct kmend_hash *h, struct kmend_hnode *node,
		    const char *key);
struct kmend_hnode *kmend_hash_first(const struct kmend_hash *h,
				     const char *key);
struct kmend_hnode *kmend_hash_next(const struct kmend_hnode *node);

#define kmend_hash_for_each_match(h, k, node) \
	for (node = kmend_hash_first(h, k); node; node = kmend_hash_next(node))

#endif /* _KMEND_UTIL_H */
