/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmend_json.h - writing JSON (RFC 8259) for machines: strings are escaped
 * and always valid UTF-8, whatever bytes they came from.
 */
#ifndef _KMEND_JSON_H
#define _KMEND_JSON_H

#include <stdbool.h>
#include <stdio.h>

void kmend_json_string(FILE *out, const char *text);
void kmend_json_bool(FILE *out, bool value);
void kmend_json_key(FILE *out, const char *key);

#endif /* _KMEND_JSON_H */
