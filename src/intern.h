/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intern: opaque id strings to dense uint32_t indices 0..n-1.
 * Ids are never parsed as numbers: "007" and "7" are different ids.
 * Open addressing on a 64-bit FNV-1a hash; strings compared in full, so
 * hash collisions cannot merge ids. Decimal ids written without a
 * leading zero mostly go in an array indexed by their number instead,
 * which changes nothing but the speed (see intern.c). */
#ifndef TASTE_INTERN_H
#define TASTE_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INTERN_NONE UINT32_MAX

struct intern;

struct intern *intern_new(void);
void intern_free(struct intern *t);
/* Index of s[0..len), adding it when new (*added tells, may be NULL).
 * Returns INTERN_NONE when the table already holds 2^32-1 ids. */
uint32_t intern_add(struct intern *t, const char *s, size_t len,
		    bool *added);
/* Index of the NUL-ended s, or INTERN_NONE when absent. */
uint32_t intern_find(const struct intern *t, const char *s);
/* The string of index i (stable for the table's lifetime). */
const char *intern_str(const struct intern *t, uint32_t i);
uint32_t intern_count(const struct intern *t);
/* For tests of the overflow path: act as if the table were full once it
 * holds limit ids (intern_add then returns INTERN_NONE for new ids). */
void intern_set_limit(struct intern *t, uint32_t limit);

#endif
