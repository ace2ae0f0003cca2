/* SPDX-License-Identifier: GPL-3.0-or-later */
/* usertags: your own words for items, which imports bring: Goodreads
 * shelves (Bookshelves, less shelves that say where a book is kept:
 * text_is_shelf), Letterboxd tags and IMDb genres. They are part of
 * your profile: the content model reads them beside your ratings as
 * features of the items you rated (your "sci-fi" shelf points your
 * profile at books the community tags sci-fi), taste export writes
 * them and taste import reads them back.
 *
 * One file per catalogue, <catalogue key>.tags.csv in the data
 * directory: "item_id,genres,tags", one row per item, the words
 * "|"-joined as written. It is written whole, atomically (replace.h),
 * and only when an import changes it, under a lock (<file>.lock), over
 * the file as it is then: two imports at once both keep their words.
 * A later import's genres of an item replace the earlier genres, its
 * tags the earlier tags (an export gives every shelf of a book at
 * once), so IMDb's genres and Letterboxd's tags of one film stay side
 * by side. Lines the file has that cannot be read are reported and
 * left as they are: no import writes over such a file. */
#ifndef TASTE_USERTAGS_H
#define TASTE_USERTAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct usertags;

/* The words of catalogue key (read when the file exists, else empty);
 * dir NULL means the data directory. NULL with err when the file is
 * there and cannot be opened; one with lines it cannot read is read in
 * part and says so (usertags_problem), and is never written over. */
struct usertags *usertags_open(const char *dir, const char *catalog_key,
			       char *err, size_t errlen);
void usertags_free(struct usertags *t);
/* Items with words. */
size_t usertags_count(const struct usertags *t);
/* The k-th item's id (first-set order). */
const char *usertags_id(const struct usertags *t, size_t k);
/* An item's genres and tags ("Drama|Romance"); NULL when it has none
 * (t may be NULL). */
const char *usertags_genres(const struct usertags *t, const char *item_id);
const char *usertags_tags(const struct usertags *t, const char *item_id);
/* Set an item's words (NULL or "" for none); true when they changed. */
bool usertags_set(struct usertags *t, const char *item_id,
		  const char *genres, const char *tags);
/* True when usertags_set would change the item's words. */
bool usertags_differ(const struct usertags *t, const char *item_id,
		     const char *genres, const char *tags);
/* Why the file was read only in part ("...: 1 line cannot be read
 * (line 4: unterminated quote ...)"), or NULL. */
const char *usertags_problem(const struct usertags *t);
/* True when the file is not as it was read or saved (another process
 * imported): open it again to see. */
bool usertags_stale(const struct usertags *t);
/* Write the file when something changed since it was read or saved:
 * the items changed here over the file as another process may have
 * left it. 0, or -1 with err (the file is then as it was). */
int usertags_save(struct usertags *t, char *err, size_t errlen);

/* "sci-fi, favourites" (a comma list as exports write it) as
 * "sci-fi|favourites": words trimmed, empty ones and, when
 * drop_shelves, shelves (text_is_shelf) left out, duplicates once;
 * NULL when none is left. malloc'd. */
char *usertags_join(const char *list, bool drop_shelves);

#endif
