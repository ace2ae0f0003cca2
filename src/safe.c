/* SPDX-License-Identifier: GPL-3.0-or-later */
/* safe: terminal-safe copies of strings from data. The text is walked
 * one character at a time: ASCII controls and DEL become "\xNN" (upper
 * case hex, as the import report has always written them), a
 * well-formed UTF-8 sequence for U+0080-U+009F becomes "\u00NN", a byte
 * that starts no well-formed sequence (overlong, surrogate, cut short)
 * becomes U+FFFD, and the rest is copied. The result is pure printable
 * text whose display width text_width measures as it will be shown. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safe.h"
#include "util.h"

/* Room for the longest piece: "\u009B" and its NUL. */
#define PIECE_MAX 8

/* Length of the well-formed UTF-8 sequence of two or more bytes at s
 * and its code point in *cp; 0 when there is none. */
static size_t safe_utf8_len(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t n, i;

	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	v = c & (0x7fu >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)  /* also stops at the NUL */
			return 0;
		v = v << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return 0;
	*cp = v;
	return n;
}

/* The safe form of the character at s in piece; returns how many bytes
 * of s it stands for and sets *len to its length. */
static size_t safe_piece(const unsigned char *s, char *piece, size_t *len)
{
	unsigned cp = 0;
	size_t n;

	if (*s < 0x20 || *s == 0x7f) {
		*len = xsnprintf(piece, PIECE_MAX, "\\x%02X", *s);
		return 1;
	}
	if (*s < 0x80) {
		piece[0] = (char)*s;
		*len = 1;
		return 1;
	}
	n = safe_utf8_len(s, &cp);
	if (n == 0) {
		memcpy(piece, "\xef\xbf\xbd", 3);   /* U+FFFD */
		*len = 3;
		return 1;
	}
	if (cp < 0xa0) {
		*len = xsnprintf(piece, PIECE_MAX, "\\u%04X", cp);
		return n;
	}
	memcpy(piece, s, n);
	*len = n;
	return n;
}

/* Copy s made safe into buf; the length of the whole safe text. */
size_t safe_text(const char *s, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t total = 0, written = 0;
	bool full = n == 0;

	while (*p) {
		char piece[PIECE_MAX];
		size_t len;

		p += safe_piece(p, piece, &len);
		if (!full && written + len < n) {
			memcpy(buf + written, piece, len);
			written += len;
		} else {
			full = true;
		}
		total += len;
	}
	if (n)
		buf[written] = '\0';
	return total;
}

/* s made safe, malloc'd. */
char *safe_dup(const char *s)
{
	size_t len = safe_text(s, NULL, 0);
	char *out = xmalloc(len + 1);

	safe_text(s, out, len + 1);
	return out;
}

/* Write s made safe to f, a piece at a time. */
void safe_fputs(const char *s, FILE *f)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		char piece[PIECE_MAX];
		size_t len;

		p += safe_piece(p, piece, &len);
		fwrite(piece, 1, len, f);
	}
}

/* Format, make the whole message safe and write it. */
void safe_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	va_list again;
	char small[512], *s = small;
	int len;

	va_copy(again, ap);
	len = vsnprintf(small, sizeof small, fmt, ap);
	if (len >= (int)sizeof small) {
		s = xmalloc((size_t)len + 1);
		vsnprintf(s, (size_t)len + 1, fmt, again);
	}
	va_end(again);
	if (len > 0)
		safe_fputs(s, f);
	if (s != small)
		free(s);
}

/* safe_vfprintf with the arguments inline. */
void safe_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	safe_vfprintf(f, fmt, ap);
	va_end(ap);
}
