/* SPDX-License-Identifier: GPL-3.0-or-later */
/* details: the fields of an item. Lists stored "|"-joined (genres,
 * tags) are shown joined by a separator glyph; numbers keep the form
 * the CLI prints ("mean 4.19 from 278 ratings"). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "details.h"
#include "i18n.h"
#include "intern.h"
#include "profile.h"
#include "rate.h"
#include "scale.h"
#include "text.h"
#include "theme.h"
#include "usertags.h"
#include "util.h"

/* Width of the label column: the widest label used. */
#define LABEL_W 10

/* s with each "|" replaced by sep (malloc'd). */
static char *join_list(const char *s, const char *sep)
{
	size_t n = 1, sl = strlen(sep);
	char *out, *o;

	for (const char *p = s; *p; p++)
		n += *p == '|' ? sl : 1;
	out = o = xmalloc(n);
	for (const char *p = s; *p; p++) {
		if (*p == '|') {
			memcpy(o, sep, sl);
			o += sl;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* A wrapped row for a "|"-joined list, skipped when empty. */
static void add_list(struct ui_lines *out, const char *label,
		     const char *list, const char *sep, size_t width)
{
	char *s;

	if (!list || !*list)
		return;
	s = join_list(list, sep);
	lines_wrap(out, label, s, width);
	free(s);
}

/* "mean 4.19 from 278 ratings", or that there are none; a catalogue
 * without community ratings says the figures are Goodreads'. */
static void add_community(const struct app *a, struct ui_lines *out,
			  const struct item *it, size_t width)
{
	bool goodreads = !a->cat->has_ratings && a->cat->hist;
	char buf[128];

	if (it->n_ratings == 0 || !isfinite(it->mean))
		xsnprintf(buf, sizeof(buf), "%s", _("no community ratings"));
	else if (goodreads)
		xsnprintf(buf, sizeof(buf),
			  ngettext("mean %.2f from %u Goodreads rating",
				   "mean %.2f from %u Goodreads ratings",
				   it->n_ratings),
			  it->mean, it->n_ratings);
	else
		xsnprintf(buf, sizeof(buf),
			  ngettext("mean %.2f from %u rating",
				   "mean %.2f from %u ratings",
				   it->n_ratings),
			  it->mean, it->n_ratings);
	lines_wrap(out, goodreads ? _("Ratings") : _("Community"), buf,
		   width);
}

/* Append a "|" list to buf as ", "-separated words. */
static size_t words_append(char *buf, size_t len, size_t n, const char *l)
{
	for (const char *p = l; p && *p && len + 3 < n; p++) {
		if (*p != '|') {
			buf[len++] = *p;
			continue;
		}
		buf[len++] = ',';
		buf[len++] = ' ';
	}
	buf[len] = '\0';
	return len;
}

/* Your own genres and tags of the item, as imported ("Drama,
 * sci-fi"), when you gave some. */
static void add_your_words(const struct app *a, struct ui_lines *out,
			   uint32_t item)
{
	const char *id = intern_str(a->cat->item_ids, item);
	const char *g = usertags_genres(a->words, id);
	const char *t = usertags_tags(a->words, id);
	char buf[512];
	size_t len = words_append(buf, 0, sizeof(buf), g);

	if (!g && !t)
		return;
	if (g && t)
		len = words_append(buf, len, sizeof(buf), "|");
	words_append(buf, len, sizeof(buf), t);
	lines_addf(out, _("Your words"), "%s", buf);
}

/* Your rating, as stars; else "seen, not rated" (or "want, ...") for
 * an item among your signals, as Browse and Search tag it; else "not
 * rated". */
static void add_yours(const struct app *a, struct ui_lines *out,
		      uint32_t item)
{
	char stars[32], tagged[64];
	bool rated;

	struct profile_entry e;
	char num[40], sc[64];

	rate_format_known(a, item, stars, sizeof(stars), &rated);
	if (!rated && *stars)
		xsnprintf(tagged, sizeof(tagged), _("%s, not rated"), stars);
	else
		xsnprintf(tagged, sizeof(tagged), "%s",
			  *stars ? stars : _("not rated"));
	lines_add(out, rated ? LINE_STARS : 0, _("You"), tagged, NULL, NULL);
	add_your_words(a, out, item);
	if (!profile_get_entry(a->prof, intern_str(a->cat->item_ids, item),
			       &e) || !e.from)
		return;
	/* Kept as imported; the stars above are its conversion. */
	util_exact_number(num, sizeof(num), e.raw);
	scale_describe(e.from, sc, sizeof(sc));
	lines_addf(out, _("Imported"), _("%s on %s"), num, sc);
}

/* The external id, named after its source. */
static void add_ids(const struct app *a, struct ui_lines *out,
		    const struct item *it)
{
	const char *src = a->cat->kind == CATALOG_GOODBOOKS ? _("Goodreads")
							    : _("IMDb");

	if (it->ext_id && *it->ext_id)
		lines_add(out, 0, src, it->ext_id, NULL, NULL);
	lines_add(out, 0, _("Id"), intern_str(a->cat->item_ids, it->id),
		  NULL, NULL);
}

/* Rows for item, values wrapped to fit width display columns. */
void details_lines(const struct app *a, uint32_t item, int width,
		   struct ui_lines *out)
{
	const struct item *it = &a->cat->items[item];
	const char *dot = theme_ascii() ? ", " : " · ";
	size_t vw = width > LABEL_W + 10 ? (size_t)(width - LABEL_W - 2) : 8;
	bool books = a->cat->kind == CATALOG_GOODBOOKS;

	lines_wrap(out, _("Title"), it->title, vw);
	if (it->year)
		lines_addf(out, _("Year"), "%d", it->year);
	if (it->creators && *it->creators)
		lines_wrap(out, books ? _("Authors") : _("Creators"),
			   it->creators, vw);
	if (it->series && *it->series)
		lines_wrap(out, _("Series"), it->series, vw);
	add_list(out, _("Genres"), it->genres, dot, vw);
	add_list(out, _("Tags"), it->tags, ", ", vw);
	if (it->language && *it->language)
		lines_add(out, 0, _("Language"), it->language, NULL, NULL);
	add_community(a, out, it, vw);
	add_yours(a, out, item);
	add_ids(a, out, it);
}

/* Overlay callback: the rows for the overlay's width, and the title
 * cut to the frame keeping the year. */
static void details_build(struct overlay *o, int width)
{
	app_label_fit(o->app, o->item, width, o->title, sizeof(o->title));
	details_lines(o->app, o->item, width, &o->lines);
	overlay_col(o, 0, NULL, AL_LEFT, false);
	overlay_col(o, 1, NULL, AL_LEFT, true);
}

/* The details overlay of item. */
struct overlay *details_overlay(struct app *a, uint32_t item)
{
	char label[256];
	struct overlay *o;

	app_label(a, item, label, sizeof(label));
	o = overlay_new(a, label, details_build, NULL, NULL);
	o->item = item;
	o->table.select = false;
	return o;
}
