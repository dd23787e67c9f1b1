/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KMEND_SYMBOLS_H
#define _KMEND_SYMBOLS_H

#include <linux/types.h>

int kmend_symbols_init(void);
void *kmend_lookup_private(const char *name);
int kmend_resolve_func(const char *objname, const char *name,
		       unsigned long sympos, unsigned long *addr,
		       unsigned long *size);
bool kmend_is_ftrace_location(unsigned long addr);

#endif /* _KMEND_SYMBOLS_H */
