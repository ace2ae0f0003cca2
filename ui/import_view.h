/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_view: the Import screen, an overlay reached with I from
 * Browse and the Search results. Three stages in one overlay: choose a
 * file (the exports found in the current directory and ~/Downloads, or
 * a path typed in the prompt with Tab completion), read its report
 * (the format sniffed or chosen; matched, unmatched with reasons,
 * implicit signals, duplicates, unchanged), then confirm, which writes
 * through import_apply as 'taste import' does, or cancel, which writes
 * nothing. After a write the app's views are told the profile changed
 * (app_rated), so Browse, Search and For you show the new ratings. */
#ifndef TASTE_UI_IMPORT_VIEW_H
#define TASTE_UI_IMPORT_VIEW_H

#include "app.h"

struct overlay;

/* The Import screen's overlay, at its first stage (choose a file). */
struct overlay *import_view_open(struct app *a);

#endif
