/* SPDX-License-Identifier: GPL-3.0-or-later */
/* i18n: gettext markers. _() translates now, N_() marks for later. */
#ifndef TASTE_I18N_H
#define TASTE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
