/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csvwrite: the one CSV field writer (taste export, eval --save-split):
 * a field is written as it is unless a reader would misread it, then
 * quoted with its quotes doubled, so csvread (libcsv) reads it back
 * byte for byte. */
#ifndef TASTE_CSVWRITE_H
#define TASTE_CSVWRITE_H

#include <stdio.h>

/* s as one field: quoted when it holds a comma, a quote, CR or LF, or
 * starts or ends with a space or TAB (which readers trim). */
void csv_put_field(FILE *f, const char *s);

#endif
