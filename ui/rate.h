/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rate: the rating keys, wherever an item is highlighted. Digits rate
 * in whole stars (scale_key_value), r asks for any value the scale
 * allows, x clears. The profile writes and fsyncs first; only when it
 * returns 0 does the screen say "Saved", otherwise it shows the error
 * and the old value stays. */
#ifndef TASTE_UI_RATE_H
#define TASTE_UI_RATE_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "keymap.h"

/* Apply a rating action to item; false when act is not one. */
bool rate_action(struct app *a, uint32_t item, enum action act, int key);
/* Your rating of item as stars (or "4.5" with --ascii) into buf, or
 * "" when you have not rated it; returns buf. */
const char *rate_format_yours(const struct app *a, uint32_t item,
			      char *buf, size_t n);
/* What you have said of item: your rating as rate_format_yours writes
 * it (*rated true), else "seen" or "want" when your signals journal
 * has it, else ""; returns buf. */
const char *rate_format_known(const struct app *a, uint32_t item,
			      char *buf, size_t n, bool *rated);

#endif
