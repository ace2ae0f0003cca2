/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util: allocation wrappers that never return NULL, the fatal path and a
 * monotonic clock. Running out of memory is treated as impossible to
 * recover from: the hook (the TUI's terminal restore) runs first, then
 * one line goes to stderr and the process exits with status 3. */
#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "util.h"

static void (*fatal_hook)(void);

/* Set the function that restores the terminal before a fatal message. */
void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Print "taste: message" and exit(3); the hook runs once, first. */
void fatal(const char *fmt, ...)
{
	void (*hook)(void) = fatal_hook;
	va_list ap;

	fatal_hook = NULL;      /* a fatal error inside the hook ends here */
	if (hook)
		hook();
	fputs("taste: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}

/* malloc that treats failure as fatal; xmalloc(0) returns a valid block. */
void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal(_("out of memory (%zu bytes)"), n);
	return p;
}

/* calloc that checks the product for overflow and failure. */
void *xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (!p)
		fatal(_("out of memory (%zu x %zu bytes)"), n, size);
	return p;
}

/* realloc that never returns NULL. */
void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		fatal(_("out of memory (%zu bytes)"), n);
	return q;
}

/* Grow an array geometrically (x1.5, at least 16) to hold need elements. */
void xgrow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return;
	if (c < 16)
		c = 16;
	while (c < need) {
		if (c > SIZE_MAX / 3)
			fatal(_("array too large (%zu elements)"), need);
		c += c / 2;
	}
	if (size && c > SIZE_MAX / size)
		fatal(_("array too large (%zu elements)"), need);
	*p = xrealloc(*p, c * size);
	*cap = c;
}

/* strdup that never fails. */
char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* The first n bytes of s (or fewer at a NUL) as a new string. */
char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* asprintf that never fails. */
char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal(_("out of memory"));
	return s;
}

/* snprintf whose result is always terminated; returns the length kept. */
size_t xsnprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (n == 0)
		return 0;
	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	if (r < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)r < n ? (size_t)r : n - 1;
}

/* Seconds on the monotonic clock (for timings, never for dates). */
double util_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* splitmix64 (util.h). */
uint64_t util_rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in (0, 1) (util.h). */
double util_rng_uniform(uint64_t *s)
{
	return ((util_rng_next(s) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/* The C locale (util.h). */
locale_t util_c_locale(void)
{
	static locale_t loc;

	if (!loc)
		loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return loc;
}

/* Shortest %g that strtod reads back the same (util.h). */
size_t util_exact_number(char *buf, size_t n, double v)
{
	locale_t old = uselocale(util_c_locale());
	size_t len = 0;

	/* From 10: 10 is "10", not the "1e+01" that %.1g reads back. */
	for (int prec = 10; prec <= 17; prec++) {
		len = xsnprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	uselocale(old);
	return len;
}

char *util_read_line(const char *path)
{
	char buf[PATH_MAX + 2];
	FILE *f = path ? fopen(path, "re") : NULL;
	char *line = NULL;
	if (f && fgets(buf, sizeof buf, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		line = *buf ? xstrdup(buf) : NULL;
	}
	if (f)
		fclose(f);
	return line;
}
