/* SPDX-License-Identifier: GPL-3.0-or-later */
/* help: the help screen (? or F1), generated from the keymap table and
 * searchable with / like every overlay. */
#ifndef TASTE_UI_HELP_H
#define TASTE_UI_HELP_H

#include "app.h"
#include "overlay.h"

struct overlay *help_overlay(struct app *a);

#endif
