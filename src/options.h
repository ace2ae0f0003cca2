/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options: the global options that the CLI and the TUI share. */
#ifndef TASTE_OPTIONS_H
#define TASTE_OPTIONS_H

#include <stdbool.h>

struct taste_opts {
	const char *catalog;   /* name or directory; default "movies" */
	const char *data_dir;  /* --data-dir, NULL for XDG */
	bool no_color;         /* --no-color or NO_COLOR set */
	bool ascii;            /* --ascii */
	bool no_mouse;         /* --no-mouse */
	bool verbose;          /* -v: debug log in the cache directory */
	bool catalog_given;    /* --catalog was given (import picks a
				  default catalogue by format otherwise) */
};

#endif
