/* SPDX-License-Identifier: GPL-3.0-or-later */
/* help: an overlay whose rows are the keymap's, so a key added to the
 * table is documented on screen at once. */
#include <config.h>

#include "help.h"
#include "i18n.h"
#include "keymap.h"

/* Overlay callback: one row per key (or group of keys) and action. */
static void help_build(struct overlay *o, int width)
{
	(void)width;
	keymap_help_lines(&o->lines);
	overlay_col(o, 0, NULL, AL_LEFT, false);
	overlay_col(o, 1, NULL, AL_LEFT, true);
}

/* The help overlay. */
struct overlay *help_overlay(struct app *a)
{
	struct overlay *o = overlay_new(a, _("Help: keys (/ to search, Esc "
					     "to close)"), help_build, NULL,
					NULL);

	o->help = true;
	return o;
}
