/* SPDX-License-Identifier: GPL-3.0-or-later */
/* safe: strings from data files made harmless for a terminal before the
 * command line prints them. A title, id, header field or path can hold
 * an escape sequence ("\e]0;owned\a", "\e[2J") or a C1 control (U+009B
 * is a CSI on many terminals); printed raw, it retitles, clears or
 * recolours the person's terminal. Every C0 control (tab and newline
 * included: they would break the layout), DEL and C1 control is written
 * as a visible escape, "\x1B" or "\u009B", and every byte that starts no
 * well-formed UTF-8 sequence as U+FFFD. Everything else is kept as it
 * is. JSON output has its own escaping (json.h). */
#ifndef TASTE_SAFE_H
#define TASTE_SAFE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* The longest a string of n bytes can become (each byte "\x1B"). */
#define SAFE_GROWTH 4

/* Copy s made safe into buf (n bytes, NUL-ended when n > 0), cut at a
 * whole character or escape when buf is short. Returns the length of
 * the whole safe text, which may be more than was written (as
 * snprintf). s NULL is "". */
size_t safe_text(const char *s, char *buf, size_t n);
/* s made safe, malloc'd. */
char *safe_dup(const char *s);
/* Write s made safe to f. */
void safe_fputs(const char *s, FILE *f);
/* printf the message into a buffer, make the whole of it safe and
 * write it to f: for messages that quote data (error text, warnings),
 * so their format must not hold '\n' or '\t' (add those apart). */
void safe_vfprintf(FILE *f, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void safe_fprintf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
