// SPDX-License-Identifier: GPL-2.0
/*
 * kmend_json.c - writing JSON (kmend_json.h).
 *
 * The text comes from patch modules (descriptions, package names) and
 * from the kernel (task names in blockers): untrusted bytes. A string is
 * written with '"', '\\' and every control character escaped, and a byte
 * that does not start or continue a valid UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF) written as
 * U+FFFD, so that any parser accepts the document.
 */
#include <stddef.h>
#include "kmend_json.h"

/*
 * The length of the valid UTF-8 sequence at @s, 0 when none starts there.
 * The second byte's range rules out overlong forms and surrogates.
 */
static size_t kmend_utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void kmend_json_string(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len;

	fputc('"', out);
	while (*s) {
		len = kmend_utf8_len(s);
		if (!len) {
			fputs("\\ufffd", out);
			s++;
		} else if (*s == '"' || *s == '\\') {
			fprintf(out, "\\%c", *s++);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(out, "\\u%04x", *s++);
		} else {
			fwrite(s, 1, len, out);
			s += len;
		}
	}
	fputc('"', out);
}

void kmend_json_bool(FILE *out, bool value)
{
	fputs(value ? "true" : "false", out);
}

/* A key and its colon; keys are ours, but escaped all the same. */
void kmend_json_key(FILE *out, const char *key)
{
	kmend_json_string(out, key);
	fputc(':', out);
}
