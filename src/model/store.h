/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store: binary payload helpers shared by the kNN, content and hybrid
 * kinds for save and load. Values are little-endian, as in the rest of
 * the model file (model.c), whatever the host. Each payload starts with
 * a four-byte tag and a version, checked first; every count read back
 * is bounded by the bytes left in the file before anything is
 * allocated, so a damaged file gives a message, never a huge
 * allocation. */
#ifndef TASTE_MODEL_STORE_H
#define TASTE_MODEL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/model.h"

/* True when the file still holds at least bytes past the current
 * position (always true when its size cannot be known, as for a pipe:
 * the read then fails instead). Check before allocating for a count. */
bool store_fits(FILE *f, uint64_t bytes);
/* Write n values of size bytes; 0, or -1 on a write error. */
int store_put(FILE *f, const void *p, size_t size, size_t n);
/* Read n values of size bytes; -1 with a message when the file ends. */
int store_get(FILE *f, void *p, size_t size, size_t n, char *err,
	      size_t errlen);
int store_put_tag(FILE *f, const char tag[4], uint32_t version);
/* -1 with a message when the tag or version is not the expected one. */
int store_check_tag(FILE *f, const char tag[4], uint32_t version,
		    char *err, size_t errlen);
/* A string with its length; NULL is written as its own marker. */
int store_put_str(FILE *f, const char *s);
/* Read a string written by store_put_str into *out (malloc'd, or NULL
 * for a NULL string). */
int store_get_str(FILE *f, char **out, char *err, size_t errlen);
int store_put_params(FILE *f, const struct model_params *p);
int store_get_params(FILE *f, struct model_params *p, char *err,
		     size_t errlen);
#endif
