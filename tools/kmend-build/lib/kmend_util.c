// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_util.c - messages, allocation and the string hash table.
 */
#include <errno.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kmend_util.h"

const char *kmend_prog = "kmend";
bool kmend_verbose;

static void kmend_vmsg(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", kmend_prog, kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void kmend_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kmend_vmsg("error: ", fmt, ap);
	va_end(ap);
}

void kmend_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kmend_vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void kmend_debug(const char *fmt, ...)
{
	va_list ap;

	if (!kmend_verbose)
		return;
	va_start(ap, fmt);
	kmend_vmsg("", fmt, ap);
	va_end(ap);
}

void kmend_err_sys(const char *path, const char *call)
{
	kmend_err("%s: %s: %s", path, call, strerror(errno));
}

void kmend_err_elf(const char *path, const char *call)
{
	kmend_err("%s: %s: %s", path, call, elf_errmsg(-1));
}

int kmend_file_commit(int fd, const char *tmp, const char *path, int ret)
{
	if (close(fd) && !ret) {
		kmend_err_sys(tmp, "close");
		ret = -1;
	}
	if (!ret && rename(tmp, path)) {
		kmend_err_sys(path, "rename");
		ret = -1;
	}
	if (ret)
		unlink(tmp);
	return ret;
}

void *kmend_zalloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		kmend_err("out of memory allocating %zu bytes", size);
	return p;
}

void *kmend_realloc_array(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size) {
		kmend_err("array of %zu elements is too large", nmemb);
		return NULL;
	}
	p = realloc(ptr, nmemb * size > 0 ? nmemb * size : 1);
	if (!p)
		kmend_err("out of memory growing an array to %zu elements",
			  nmemb);
	return p;
}

char *kmend_strdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		kmend_err("out of memory copying a string");
	return p;
}

char *kmend_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (ret < 0) {
		kmend_err("out of memory formatting a string");
		return NULL;
	}
	return p;
}

bool kmend_starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

bool kmend_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* FNV-1a: short keys, no adversary. */
static size_t kmend_hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return (size_t)h;
}

int kmend_hash_init(struct kmend_hash *h, size_t expected)
{
	size_t n = 64;

	while (n < expected * 2)
		n <<= 1;
	h->buckets = kmend_zalloc(n * sizeof(*h->buckets));
	if (!h->buckets)
		return -1;
	h->nbuckets = n;
	return 0;
}

void kmend_hash_free(struct kmend_hash *h)
{
	free(h->buckets);
	h->buckets = NULL;
	h->nbuckets = 0;
}

/*
 * Nodes are appended at the end of their chain, so that duplicates are
 * visited in the order they were added (file order).
 */
void kmend_hash_add(struct kmend_hash *h, struct kmend_hnode *node,
		    const char *key)
{
	struct kmend_hnode **pp;

	node->key = key;
	node->next = NULL;
	pp = &h->buckets[kmend_hash_str(key) & (h->nbuckets - 1)];
	while (*pp)
		pp = &(*pp)->next;
	*pp = node;
}

static struct kmend_hnode *kmend_hash_scan(struct kmend_hnode *n,
					   const char *key)
{
	for (; n; n = n->next)
		if (!strcmp(n->key, key))
			return n;
	return NULL;
}

struct kmend_hnode *kmend_hash_first(const struct kmend_hash *h,
				     const char *key)
{
	if (!h->nbuckets)
		return NULL;
	return kmend_hash_scan(h->buckets[kmend_hash_str(key) &
					  (h->nbuckets - 1)], key);
}

struct kmend_hnode *kmend_hash_next(const struct kmend_hnode *node)
{
	return kmend_hash_scan(node->next, node->key);
}
