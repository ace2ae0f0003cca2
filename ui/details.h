/* SPDX-License-Identifier: GPL-3.0-or-later */
/* details: every field of one item for people, as label/value rows,
 * long values wrapped. Shown beside the Search results and in the
 * details overlay (Enter), where the rating keys work. */
#ifndef TASTE_UI_DETAILS_H
#define TASTE_UI_DETAILS_H

#include <stdint.h>

#include "app.h"
#include "lines.h"
#include "overlay.h"

/* Rows for item, values wrapped to fit width display columns. */
void details_lines(const struct app *a, uint32_t item, int width,
		   struct ui_lines *out);
/* The details overlay of item. */
struct overlay *details_overlay(struct app *a, uint32_t item);

#endif
