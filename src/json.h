/* SPDX-License-Identifier: GPL-3.0-or-later */
/* json: the few writers --json output needs (strings escaped per RFC
 * 8259, numbers that are never NaN or inf). */
#ifndef TASTE_JSON_H
#define TASTE_JSON_H

#include <stdio.h>

/* Write s as a JSON string literal; NULL is written as null. */
void json_string(FILE *f, const char *s);
/* Write v with up to 6 significant digits; non-finite as null. */
void json_number(FILE *f, double v);

#endif
