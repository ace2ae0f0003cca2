/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rate: rating actions. A value that is not on the scale (off-step,
 * out of range, not a number) is refused with a message that names the
 * scale, and nothing is written. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rate.h"
#include "scale.h"
#include "text.h"
#include "theme.h"
#include "util.h"
#include "view.h"

/* The catalogue id of item i (what the profile stores). */
static const char *item_id(const struct app *a, uint32_t i)
{
	return intern_str(a->cat->item_ids, i);
}

/* Your rating of item as stars (or "4.5") into buf, or "". */
const char *rate_format_yours(const struct app *a, uint32_t item,
			      char *buf, size_t n)
{
	double v;

	buf[0] = '\0';
	if (profile_get(a->prof, item_id(a, item), &v))
		scale_format(&a->cat->scale, v, theme_ascii(), buf, n);
	return buf;
}

/* Your rating as stars, else "seen" or "want" from your signals
 * journal (a->signals), else "". */
const char *rate_format_known(const struct app *a, uint32_t item,
			      char *buf, size_t n, bool *rated)
{
	double v;

	*rated = rate_format_yours(a, item, buf, n)[0] != '\0';
	if (*rated || !a->signals ||
	    !profile_get(a->signals, item_id(a, item), &v))
		return buf;
	xsnprintf(buf, n, "%s", view_signal_tag(v));
	return buf;
}

/* Write the rating; say "Saved" only once the profile has it on disk. */
static void rate_set(struct app *a, uint32_t item, double v)
{
	char err[256], label[256], stars[32];

	app_label(a, item, label, sizeof(label));
	if (profile_set(a->prof, item_id(a, item), v, err, sizeof(err))) {
		app_toast(a, TOAST_ERR, _("Not saved: %s"), err);
		return;
	}
	scale_format(&a->cat->scale, v, theme_ascii(), stars, sizeof(stars));
	app_toast(a, TOAST_OK, _("Saved: %s %s"), label, stars);
	app_rated(a, item);
}

/* "seen" or "wanted": what a signal value says, for a sentence. */
static const char *signal_word(double sig)
{
	return sig == CATALOG_SIGNAL_WANT ? _("wanted") : _("seen");
}

/* x: remove your rating of item, else your signal of it (seen or
 * wanted), so that a wrong import can be taken back item by item. */
static void rate_clear(struct app *a, uint32_t item)
{
	char err[256], label[256];
	const char *id = item_id(a, item);
	double v, sig;
	bool has_sig = a->signals && profile_get(a->signals, id, &sig);

	app_label(a, item, label, sizeof(label));
	if (profile_get(a->prof, id, &v)) {
		if (profile_clear(a->prof, id, err, sizeof(err))) {
			app_toast(a, TOAST_ERR, _("Not cleared: %s"), err);
			return;
		}
		if (has_sig)
			app_toast(a, TOAST_OK, _("Cleared: %s, still %s (x "
						 "again clears that)"), label,
				  signal_word(sig));
		else
			app_toast(a, TOAST_OK, _("Cleared: %s"), label);
	} else if (has_sig) {
		/* an imported seen or wanted, taken back */
		if (profile_clear(a->signals, id, err, sizeof(err))) {
			app_toast(a, TOAST_ERR, _("Not cleared: %s"), err);
			return;
		}
		app_toast(a, TOAST_OK, _("Cleared: %s is no longer %s"), label,
			  signal_word(sig));
	} else {
		app_toast(a, TOAST_INFO, _("%s has no rating of yours"), label);
		return;
	}
	app_rated(a, item);
}

/* Why v cannot be saved on scale sc, or NULL when it can. */
static const char *refusal(const struct scale *sc, double v)
{
	switch (scale_check(sc, v)) {
	case SCALE_OK: return NULL;
	case SCALE_OFF_STEP: return _("is between the steps of the scale");
	case SCALE_BELOW_MIN: return _("is below the scale");
	case SCALE_ABOVE_MAX: return _("is above the scale");
	default: return _("is not a finite number");
	}
}

/* The r prompt ended: parse, check against the scale, save. */
static void exact_done(struct app *a, void *ctx, const char *text)
{
	uint32_t item = (uint32_t)(uintptr_t)ctx;
	const struct scale *sc = &a->cat->scale;
	char desc[64], *copy, *t;
	const char *why;
	double v;
	bool nf;

	if (!text)
		return;
	copy = xstrdup(text);
	t = text_trim(copy);
	scale_describe(sc, desc, sizeof(desc));
	if (!*t) {
		app_toast(a, TOAST_INFO, _("Nothing saved"));
	} else if (!scale_parse(t, &v, &nf)) {
		app_toast(a, TOAST_ERR,
			  _("\"%s\" is not a rating (scale %s): nothing saved"),
			  t, desc);
	} else if ((why = refusal(sc, v)) != NULL) {
		app_toast(a, TOAST_ERR, _("%s %s %s: nothing saved"), t, why,
			  desc);
	} else {
		/* at the step, as the journal keeps it (5.0000000001 is 5) */
		rate_set(a, item, scale_round(sc, v));
	}
	free(copy);
}

/* The r prompt's label in cols cells: the title is cut first, so the
 * scale and the colon always show. */
static void exact_label(struct app *a, void *ctx, int cols, char *buf,
			size_t n)
{
	uint32_t item = (uint32_t)(uintptr_t)ctx;
	char label[256], desc[64];
	int fixed;

	scale_describe(&a->cat->scale, desc, sizeof(desc));
	xsnprintf(buf, n, _("Rate %s (%s): "), "", desc);
	fixed = (int)text_width(buf);
	app_label_fit(a, item, cols - fixed, label, sizeof(label));
	xsnprintf(buf, n, _("Rate %s (%s): "), label, desc);
}

/* r: ask for any value the scale allows, the current one selected. */
static void rate_exact(struct app *a, uint32_t item)
{
	char cur[32] = "";
	double v;

	if (profile_get(a->prof, item_id(a, item), &v))
		xsnprintf(cur, sizeof(cur), "%g", v);
	app_prompt(a, "", cur, exact_done, (void *)(uintptr_t)item);
	app_prompt_label(a, exact_label);
}

/* A digit key: whole stars on the catalogue's scale. */
static void rate_digit(struct app *a, uint32_t item, int key)
{
	char desc[64];
	double v;

	if (scale_key_value(&a->cat->scale, key, &v)) {
		rate_set(a, item, v);
		return;
	}
	scale_describe(&a->cat->scale, desc, sizeof(desc));
	app_toast(a, TOAST_ERR, _("%c is not a rating on the scale %s"), key,
		  desc);
}

/* Apply a rating action to item; false when act is not one. */
bool rate_action(struct app *a, uint32_t item, enum action act, int key)
{
	if (item == INTERN_NONE)
		return false;
	switch (act) {
	case ACT_RATE: rate_digit(a, item, key); return true;
	case ACT_RATE_EXACT: rate_exact(a, item); return true;
	case ACT_RATE_CLEAR: rate_clear(a, item); return true;
	default: return false;
	}
}
