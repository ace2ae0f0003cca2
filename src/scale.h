/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scale: a rating scale declared by its source (min, max, step), never
 * inferred from data; checking, parsing and drawing rating values. */
#ifndef TASTE_SCALE_H
#define TASTE_SCALE_H

#include <stdbool.h>
#include <stddef.h>

struct scale {
	double min, max, step;
};

enum scale_verdict {
	SCALE_OK,
	SCALE_OFF_STEP,     /* in range but not min + k*step */
	SCALE_BELOW_MIN,
	SCALE_ABOVE_MAX,
	SCALE_NOT_FINITE,
};

extern const struct scale SCALE_MOVIELENS; /* 0.5-5 step 0.5 */
extern const struct scale SCALE_GOODBOOKS; /* 1-5 step 1 */
extern const struct scale SCALE_GENERIC;   /* 1-5 step 0.5 (documented) */

enum scale_verdict scale_check(const struct scale *sc, double v);
/* Parse a whole rating field (spaces trimmed) with strtod: false when
 * empty, junk follows the number, or it is NaN, inf or out of range. */
bool scale_parse(const char *s, double *out, bool *not_finite);
/* Nearest value on the scale (for the "round" off-step policy), to 15
 * significant digits: what is stored of a value scale_check finds OK
 * (5.0000000001 is 5 on 0.5-5). */
double scale_round(const struct scale *sc, double v);
/* Value for a rating key: '1'-'5' on 5-point scales (stars), '1'-'9'
 * and '0' for ten on 10-point ones. Returns false for other keys. */
bool scale_key_value(const struct scale *sc, int key, double *out);
/* Draw v as stars on a 5-star scale ("★★★★½") or as text "4.5" when
 * ascii; v on a 10-point scale is shown as v/2 stars. */
size_t scale_format(const struct scale *sc, double v, bool ascii,
		    char *buf, size_t n);
/* "0.5-5 step 0.5" */
size_t scale_describe(const struct scale *sc, char *buf, size_t n);

/* True when a and b are the same scale. */
bool scale_same(const struct scale *a, const struct scale *b);
/* v (SCALE_OK on from) as shown on to: itself when every value of from
 * is one of to (Goodreads 1-5 on half stars); else by ratio when both
 * start at or above 0 (IMDb 8 of 10 is 4 of 5; MovieTweetings 0 is
 * below half a star), else linearly, min to min and max to max; then
 * on to's nearest step inside it. *exact (may be NULL) tells whether
 * that last step moved it. A display value: the source's own stays
 * with the caller. */
double scale_convert(const struct scale *from, const struct scale *to,
		     double v, bool *exact);
/* Whether sc can be a source's scale: finite, MIN < MAX, STEP > 0 and
 * MAX on the step, with at most SCALE_MAX_STEPS steps (more is no
 * rating scale, and the step check would lose its meaning). */
#define SCALE_MAX_STEPS 1000000
bool scale_valid(const struct scale *sc);
/* Parse "MIN:MAX[:STEP]" (STEP 1 when left out; C-locale numbers):
 * false unless scale_valid. */
bool scale_parse_spec(const char *s, struct scale *out);
/* "0.5:5:0.5", the form scale_parse_spec reads back exactly. */
size_t scale_format_spec(const struct scale *sc, char *buf, size_t n);

#endif
