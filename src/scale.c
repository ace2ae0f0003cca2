/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scale: rating scales as their sources declare them.
 *
 * Values are compared with a small tolerance (1e-9 of the range end,
 * 1e-6 of a step) because half stars come in as decimal text; a value
 * within it of min + k*step is on the step. Parsing is strtod on the
 * whole field: trailing junk, hex, NaN, inf and overflow are refused,
 * and an underflow (1e-400) is kept as the tiny finite number it is,
 * for scale_check to judge. Stars are drawn on five: a scale whose max
 * is not 5 is shown as v*5/max stars (IMDb 7/10 is ★★★½). */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "scale.h"
#include "util.h"

const struct scale SCALE_MOVIELENS = { 0.5, 5.0, 0.5 };
const struct scale SCALE_GOODBOOKS = { 1.0, 5.0, 1.0 };
const struct scale SCALE_GENERIC = { 1.0, 5.0, 0.5 };

/* Judge v against the scale: range first, then the step. */
enum scale_verdict scale_check(const struct scale *sc, double v)
{
	double eps = 1e-9 * fmax(1.0, fmax(fabs(sc->min), fabs(sc->max)));

	if (!isfinite(v))
		return SCALE_NOT_FINITE;
	if (v < sc->min - eps)
		return SCALE_BELOW_MIN;
	if (v > sc->max + eps)
		return SCALE_ABOVE_MAX;
	if (sc->step > 0) {
		double k = (v - sc->min) / sc->step;

		/* !(a <= b), so that a NaN from an overflow is off the step */
		if (!(fabs(k - nearbyint(k)) <= 1e-6))
			return SCALE_OFF_STEP;
	}
	return SCALE_OK;
}

/* Parse a whole rating field; *not_finite tells inf and overflow apart
 * from text that is no number at all (including NaN). */
/* "4", "4.5", "10.0": up to 15 digits with at most one '.', nothing
 * else. Digits over a power of ten divide exactly as strtod rounds
 * (both are exact doubles and IEEE division rounds correctly), so the
 * value is strtod's; this path only skips strtod's generality, which
 * costs a tenth of a large import. False when s is not of this form. */
static bool parse_plain(const char *s, double *out)
{
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	uint64_t v = 0;
	int digits = 0, frac = -1;

	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > 15)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (frac >= 0)
			frac++;
	}
	if (!digits)
		return false;
	*out = (double)v / pow10[frac > 0 ? frac : 0];
	return true;
}

bool scale_parse(const char *s, double *out, bool *not_finite)
{
	const char *p = s;
	char *end;
	double v;

	*not_finite = false;
	if (parse_plain(s, out))
		return true;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || strpbrk(p, "xX"))        /* empty, or hex */
		return false;
	errno = 0;
	v = strtod(p, &end);
	if (end == p)
		return false;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end)
		return false;
	if (isnan(v))
		return false;
	if (isinf(v) || (errno == ERANGE && fabs(v) == HUGE_VAL)) {
		*not_finite = true;
		return false;
	}
	*out = v;
	return true;
}

/* The nearest value min + k*step inside the scale; halfway values go
 * up (2.75 on half stars is 3). */
double scale_round(const struct scale *sc, double v)
{
	double r = v;
	char buf[40];

	if (sc->step > 0)
		r = sc->min + floor((v - sc->min) / sc->step + 0.5) * sc->step;
	r = fmin(sc->max, fmax(sc->min, r));
	if (!isfinite(r))
		return r;
	/* 15 digits: 0.1 + 2 * 0.1 is 0.3, not 0.30000000000000004 */
	locale_t old = uselocale(util_c_locale());
	snprintf(buf, sizeof buf, "%.15g", r);
	r = strtod(buf, NULL);
	uselocale(old);
	return r;
}

/* The rating a digit key stands for: stars on 5-point scales, '0' as
 * ten on 10-point ones. */
bool scale_key_value(const struct scale *sc, int key, double *out)
{
	double v;

	if (key < '0' || key > '9')
		return false;
	v = key - '0';
	if (key == '0')
		v = sc->max == 10 ? 10 : -1;
	if (sc->max <= 5 && v > 5)
		return false;
	if (v < 0 || scale_check(sc, v) == SCALE_BELOW_MIN ||
	    scale_check(sc, v) == SCALE_ABOVE_MAX)
		return false;
	*out = v;
	return true;
}

/* Copy src into buf[n], never cutting a UTF-8 character. */
static size_t copy_chars(char *buf, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (n == 0)
		return 0;
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(buf, src, len);
	buf[len] = '\0';
	return len;
}

/* v as short decimal text: "4.5", "4", "2.75". */
static void format_number(double v, char *tmp, size_t n)
{
	size_t len = xsnprintf(tmp, n, "%.2f", v);

	while (len > 0 && tmp[len - 1] == '0')
		tmp[--len] = '\0';
	if (len > 0 && tmp[len - 1] == '.')
		tmp[--len] = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
}

/* Draw v as stars ("★★★★½") or, with ascii, as its number. */
size_t scale_format(const struct scale *sc, double v, bool ascii,
		    char *buf, size_t n)
{
	char tmp[64];
	double stars;
	long halves, i;
	size_t len = 0;

	if (!isfinite(v))
		return copy_chars(buf, n, _("n/a"));
	if (ascii) {
		format_number(v, tmp, sizeof tmp);
		return copy_chars(buf, n, tmp);
	}
	stars = sc->max > 0 && sc->max != 5 ? v * 5 / sc->max : v;
	halves = lround(fmin(10, fmax(0, stars * 2)));
	if (halves == 0)
		return copy_chars(buf, n, "0");
	for (i = 0; i < halves / 2; i++)
		len += xsnprintf(tmp + len, sizeof tmp - len, "\u2605");
	if (halves % 2)
		xsnprintf(tmp + len, sizeof tmp - len, "\u00bd");
	return copy_chars(buf, n, tmp);
}

/* "0.5-5 step 0.5", or "0-100" for a scale without steps. */
size_t scale_describe(const struct scale *sc, char *buf, size_t n)
{
	if (sc->step > 0)
		return xsnprintf(buf, n, "%g-%g step %g", sc->min, sc->max,
				 sc->step);
	return xsnprintf(buf, n, "%g-%g", sc->min, sc->max);
}

/* Same min, max and step. */
bool scale_same(const struct scale *a, const struct scale *b)
{
	return a->min == b->min && a->max == b->max && a->step == b->step;
}

/* True when every value of a is a value of b: its ends are on b and
 * its step a whole number of b's. */
static bool scale_within(const struct scale *a, const struct scale *b)
{
	double k;

	if (scale_check(b, a->min) != SCALE_OK ||
	    scale_check(b, a->max) != SCALE_OK)
		return false;
	if (!(b->step > 0))
		return true;
	k = a->step / b->step;
	return k >= 1 - 1e-9 && fabs(k - nearbyint(k)) <= 1e-6;
}

/* from's v as shown on to (scale.h). */
double scale_convert(const struct scale *from, const struct scale *to,
		     double v, bool *exact)
{
	double w = v, r;

	if (!scale_same(from, to) && !scale_within(from, to)) {
		if (from->min >= 0 && to->min >= 0 && from->max > 0)
			w = v * to->max / from->max;
		else
			w = to->min + (v - from->min) * (to->max - to->min) /
				      (from->max - from->min);
	}
	r = scale_round(to, w);
	if (exact)
		*exact = scale_check(to, w) == SCALE_OK;
	return r;
}

/* One number of a spec, "[-]digits[.digits]" and the like, in the C
 * locale; false when junk follows or it is not finite. */
static bool spec_number(const char *s, const char **end, double *out)
{
	char *e;

	if (!((*s >= '0' && *s <= '9') || strchr("+-.", *s)) || !*s)
		return false;
	*out = strtod_l(s, &e, util_c_locale());
	*end = e;
	return e != s && isfinite(*out);
}

/* "MIN:MAX[:STEP]". */
bool scale_parse_spec(const char *s, struct scale *out)
{
	double v[3] = { 0, 0, 1 };
	const char *p = s, *end = s;
	int n = 0;

	if (strpbrk(s, "xX"))               /* hex */
		return false;
	while (n < 3) {
		if (!spec_number(p, &end, &v[n++]))
			return false;
		if (*end != ':')
			break;
		p = end + 1;
	}
	if (*end || n < 2)
		return false;
	*out = (struct scale){ v[0], v[1], v[2] };
	return scale_valid(out);
}

/* A scale a source may declare (scale.h). */
bool scale_valid(const struct scale *sc)
{
	if (!isfinite(sc->min) || !isfinite(sc->max) || !isfinite(sc->step))
		return false;
	if (!(sc->min < sc->max) || !(sc->step > 0))
		return false;
	if (!((sc->max - sc->min) / sc->step <= SCALE_MAX_STEPS))
		return false;
	return scale_check(sc, sc->max) == SCALE_OK;
}

/* Each number with the fewest digits that read back the same. */
size_t scale_format_spec(const struct scale *sc, char *buf, size_t n)
{
	char a[40], b[40], c[40];

	util_exact_number(a, sizeof a, sc->min);
	util_exact_number(b, sizeof b, sc->max);
	util_exact_number(c, sizeof c, sc->step);
	return xsnprintf(buf, n, "%s:%s:%s", a, b, c);
}
