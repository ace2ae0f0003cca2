/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text: UTF-8 checks, Latin-1 conversion, search folding, display width
 * and catalogue title normalisation. Display width uses mbrtowc and
 * wcwidth under the current locale (setlocale is the caller's job). */
#ifndef TASTE_TEXT_H
#define TASTE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_is_utf8(const char *s, size_t n);
/* True when s[0..n) holds at least one well-formed UTF-8 sequence of
 * two or more bytes (text that is not plain ASCII and reads as UTF-8
 * somewhere). */
bool text_has_utf8_multibyte(const char *s, size_t n);
/* Decode Windows-1252 (a superset of Latin-1 in 0x80-0x9F) to UTF-8;
 * undefined bytes become U+FFFD. Returns a malloc'd, NUL-ended string. */
char *text_latin1_to_utf8(const char *s, size_t n, size_t *out_len);
/* The same into out, which has room for 3 * n bytes (not NUL-ended);
 * returns the bytes written. */
size_t text_latin1_decode(const char *s, size_t n, char *out);
/* Copy s[0..n) to out (room for 3 * n bytes, not NUL-ended) with each
 * byte that starts no well-formed UTF-8 sequence replaced by U+FFFD;
 * adds the bytes replaced to *bad and returns the bytes written. */
size_t text_utf8_repair(const char *s, size_t n, char *out, size_t *bad);
/* Fold for searching: lower case, accents removed (é->e, ß->ss, ά->α),
 * other punctuation to spaces, each Chinese/Japanese ideograph or kana
 * a word of its own ("七人の侍" -> "七 人 の 侍"), runs of spaces
 * collapsed. malloc'd. */
char *text_fold(const char *s);
/* Display columns of a UTF-8 string (invalid bytes count as 1). */
size_t text_width(const char *s);
/* Bytes of s that fit in cols display columns, cut at a character. */
size_t text_fit(const char *s, size_t cols);
/* s (a label such as "Dr. Strangelove or: How I Learned (1964)") cut
 * to at most cols display columns into buf, ending the cut in ell (an
 * ellipsis) and keeping a trailing " (year)" whole when there is room
 * for four more columns: "Dr. Strangelove or: How I Le… (1964)". Never
 * cuts inside a "\xNN" or "\u00NN" escape (safe.h). Returns buf. */
char *text_fit_label(const char *s, size_t cols, const char *ell,
		     char *buf, size_t n);
/* Trim ASCII spaces and tabs at both ends, in place; returns s. */
char *text_trim(char *s);

/* A MovieLens-style title split into parts: "Matrix, The (1999)" gives
 * title "The Matrix" and year 1999; "Amélie (Fabuleux destin
 * d'Amélie Poulain, Le) (2001)" gives "Amélie (Le Fabuleux destin...)".
 * Articles moved back: English, French, German, Spanish, Italian... */
struct title_parts {
	char *title;    /* malloc'd display title without the year */
	int year;       /* 0 when there is none */
};
void text_split_movie_title(const char *raw, struct title_parts *out);
/* A goodbooks title "Name (Series, #1)" gives title "Name" and series
 * "Series, #1"; series is NULL when there is none. Both malloc'd. */
void text_split_book_title(const char *raw, char **title, char **series);
/* The check digit ('0'-'9') of the first 12 digits of an ISBN-13, the
 * books' catalogue and the Goodreads import both need. */
char text_isbn13_check(const char *d12);
/* True when a Goodreads shelf or tag says where a book is kept or what
 * its reader means to do ("to-read", "favourites", "owned", "2015"),
 * not what the book is about. */
bool text_is_shelf(const char *tag);
/* The key titles are compared by: folded, without a leading "a.k.a.",
 * a leading article or the word "and", and without spaces, so "Lock,
 * Stock & Two Smoking Barrels" meets "... and Two ...", "Oldboy" meets
 * "Old Boy" and "(a.k.a. Se7en)" meets "Se7en". malloc'd; "" when no
 * word is left. The _folded form takes n bytes already folded, and
 * keeps a leading article unless drop_article (a person who types
 * "heat" means Heat, not The Heat). */
char *text_title_key(const char *s);
/* True when the n bytes at w are the word x. */
bool text_word_is(const char *w, size_t n, const char *x);
char *text_title_key_folded(const char *folded, size_t n,
			    bool drop_article);

#endif
