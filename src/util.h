/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util: allocation that never returns NULL, fatal errors, small helpers.
 * Allocation failure is fatal; the fatal path first runs a hook so the
 * TUI can restore the terminal before the message is printed. */
#ifndef TASTE_UTIL_H
#define TASTE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <locale.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (of *cap elements of size) so that it holds at least need. */
void xgrow(void **p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* asprintf that never fails. */
char *xasprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Run hook (may be NULL) before a fatal message is printed. */
void util_set_fatal_hook(void (*hook)(void));
/* Print "taste: message" to stderr and exit(3). */
void fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* snprintf into buf[n] that always terminates; returns the length. */
size_t xsnprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Monotonic clock in seconds. */
double util_now(void);

/* splitmix64, the one seeded generator: small, well mixed and the same
 * on every platform, so a seed names the same split, initial factors
 * and synthetic ratings everywhere. Advances *s; the next 64 bits. */
uint64_t util_rng_next(uint64_t *s);
/* Uniform in (0, 1): the top 53 bits of util_rng_next, centred. */
double util_rng_uniform(uint64_t *s);
/* The C locale, for numbers in files whatever LC_NUMERIC says (made on
 * first use; use it with strtod_l or uselocale). */
locale_t util_c_locale(void);
/* v as the shortest "%g" text (C locale) that reads back as the same
 * double, for files that must keep values exactly. */
size_t util_exact_number(char *buf, size_t n, double v);
/* The first line of a small file (a path the program wrote: the
 * goodbooks attachment, a profile's .source) without its newline,
 * malloc'd; NULL when it cannot be read or is empty. */
char *util_read_line(const char *path);

#endif
