/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_text: UTF-8 checks and repair, Latin-1 decoding, search
 * folding (accents, Greek, Cyrillic, CJK one character a word), display
 * width and the title normalisation of MovieLens and goodbooks. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "text.h"
#include "fixture.h"

/* Overlongs, surrogates, code points past U+10FFFF and cut sequences
 * are not UTF-8; everything well-formed is. */
static void utf8_rejects_overlong_surrogate_and_truncated(void **state)
{
	(void)state;
	assert_true(text_is_utf8("plain ascii, long enough to use words", 37));
	assert_true(text_is_utf8("caf\xc3\xa9 \xe2\x98\x85 "
				 "\xf0\x9f\x8e\xac", 14));
	assert_true(text_is_utf8("", 0));
	assert_false(text_is_utf8("\xc0\xaf", 2));          /* overlong / */
	assert_false(text_is_utf8("\xe0\x80\xaf", 3));      /* overlong */
	assert_false(text_is_utf8("\xed\xa0\x80", 3));      /* surrogate */
	assert_false(text_is_utf8("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
	assert_false(text_is_utf8("abc\xc3", 4));           /* cut */
	assert_false(text_is_utf8("Caf\xe9 \xc9toile", 11)); /* latin-1 */
}

/* Latin-1 bytes become UTF-8; 0x80-0x9F follow Windows-1252 and its
 * five holes become U+FFFD. */
static void latin1_decodes_cp1252_and_marks_holes(void **state)
{
	size_t len;
	char *s = text_latin1_to_utf8("Caf\xe9 \xc9toile \x80\x81\x93", 15,
				      &len);

	(void)state;
	assert_string_equal(s, "Caf\xc3\xa9 \xc3\x89toile \xe2\x82\xac"
			    "\xef\xbf\xbd\xe2\x80\x9c");
	assert_int_equal(len, strlen(s));
	free(s);
}

/* Check one folding. */
static void fold_is(const char *in, const char *want)
{
	char *s = text_fold(in);

	assert_string_equal(s, want);
	free(s);
}

/* Folding lowers case, strips accents of Latin-1 and Latin Extended-A,
 * expands ß æ œ, drops apostrophes and turns punctuation to one
 * space. */
static void fold_strips_latin_accents_and_punctuation(void **state)
{
	(void)state;
	fold_is("Am\xc3\xa9lie", "amelie");
	fold_is("Stra\xc3\x9f" "e", "strasse");
	fold_is("\xc3\x86on Flux", "aeon flux");
	fold_is("Bl\xc3\xa5" "b\xc3\xa6" "rgr\xc3\xb8" "d", "blabaergrod");
	fold_is("\xc5\x81\xc3\xb3" "d\xc5\xba", "lodz");
	fold_is("\xc5\x92uvre \xc4\x8c" "apek \xc5\xa0" "koda",
		"oeuvre capek skoda");
	fold_is("Schindler's List", "schindlers list");
	fold_is("  Star Wars: Episode IV - A New Hope (1977) ",
		"star wars episode iv a new hope 1977");
	fold_is("Caf\xc3\xa9 \xe2\x80\x94 \xc2\xbfQu\xc3\xa9?", "cafe que");
	fold_is("", "");
	fold_is("!!!", "");
}

/* Other scripts stay searchable words: Cyrillic and Greek lowered
 * without the locale, Greek accents and final sigma folded, ё as е,
 * Hangul words kept whole. */
static void fold_keeps_other_scripts_as_words(void **state)
{
	(void)state;
	/* МИР! */
	fold_is("\xd0\x9c\xd0\x98\xd0\xa0!", "\xd0\xbc\xd0\xb8\xd1\x80");
	/* Αθήνα -> αθηνα */
	fold_is("\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1",
		"\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1");
	/* Ώρες Οδύσσειας -> ωρες οδυσσειας */
	fold_is("\xce\x8f\xcf\x81\xce\xb5\xcf\x82 \xce\x9f\xce\xb4"
		"\xcf\x8d\xcf\x83\xcf\x83\xce\xb5\xce\xb9\xce\xb1\xcf\x82",
		"\xcf\x89\xcf\x81\xce\xb5\xcf\x83 \xce\xbf\xce\xb4"
		"\xcf\x85\xcf\x83\xcf\x83\xce\xb5\xce\xb9\xce\xb1\xcf\x83");
	/* Ёлка ёж -> елка еж */
	fold_is("\xd0\x81\xd0\xbb\xd0\xba\xd0\xb0 \xd1\x91\xd0\xb6",
		"\xd0\xb5\xd0\xbb\xd0\xba\xd0\xb0 \xd0\xb5\xd0\xb6");
	/* 기생충 (Hangul) stays one word */
	fold_is("\xea\xb8\xb0\xec\x83\x9d\xec\xb6\xa9",
		"\xea\xb8\xb0\xec\x83\x9d\xec\xb6\xa9");
	fold_is("bad\xff" "byte", "bad byte");
}

/* Chinese and Japanese are written without spaces, so each ideograph
 * or kana folds to a word of its own and a prefix search can start at
 * any of them; fullwidth ASCII is ASCII, 々 stays a character and the
 * katakana middle dot separates. */
static void fold_splits_cjk_into_characters(void **state)
{
	(void)state;
	/* 七人の侍 */
	fold_is("\xe4\xb8\x83\xe4\xba\xba\xe3\x81\xae\xe4\xbe\x8d",
		"\xe4\xb8\x83 \xe4\xba\xba \xe3\x81\xae \xe4\xbe\x8d");
	/* 千と千尋の神隠し (2001) */
	fold_is("\xe5\x8d\x83\xe3\x81\xa8\xe5\x8d\x83\xe5\xb0\x8b\xe3\x81"
		"\xae\xe7\xa5\x9e\xe9\x9a\xa0\xe3\x81\x97 (2001)",
		"\xe5\x8d\x83 \xe3\x81\xa8 \xe5\x8d\x83 \xe5\xb0\x8b \xe3\x81"
		"\xae \xe7\xa5\x9e \xe9\x9a\xa0 \xe3\x81\x97 2001");
	/* Akira黒澤 -> akira 黒 澤 */
	fold_is("Akira\xe9\xbb\x92\xe6\xbe\xa4",
		"akira \xe9\xbb\x92 \xe6\xbe\xa4");
	/* 人々 keeps the iteration mark as a character */
	fold_is("\xe4\xba\xba\xe3\x80\x85", "\xe4\xba\xba \xe3\x80\x85");
	/* ジョン・ウー -> ジ ョ ン ウ ー */
	fold_is("\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3\xe3\x83\xbb"
		"\xe3\x82\xa6\xe3\x83\xbc",
		"\xe3\x82\xb8 \xe3\x83\xa7 \xe3\x83\xb3 \xe3\x82\xa6 "
		"\xe3\x83\xbc");
	/* ＡＢＣ１２３！ -> abc123 */
	fold_is("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3\xef\xbc\x91\xef\xbc"
		"\x92\xef\xbc\x93\xef\xbc\x81", "abc123");
}

/* Lines are repaired byte by byte: U+FFFD for each byte that starts
 * no sequence, well-formed ones copied; multi-byte detection ignores
 * lone lead and continuation bytes. */
static void utf8_repair_and_multibyte_detection(void **state)
{
	char out[64];
	size_t bad = 0, n;

	(void)state;
	n = text_utf8_repair("a\xe4\xbe\x8d\xff\xe4\xbe", 7, out, &bad);
	assert_int_equal(bad, 3);
	assert_int_equal(n, 1 + 3 + 9);
	assert_memory_equal(out, "a\xe4\xbe\x8d\xef\xbf\xbd\xef\xbf\xbd"
			    "\xef\xbf\xbd", n);
	assert_true(text_has_utf8_multibyte("x\xc3\xa9", 3));
	assert_true(text_has_utf8_multibyte("\xe9 \xe4\xbe\x8d", 5));
	assert_false(text_has_utf8_multibyte("Caf\xe9 \xc9toile", 11));
	assert_false(text_has_utf8_multibyte("plain", 5));
	assert_false(text_has_utf8_multibyte("\xc0\xaf \xed\xa0\x80", 6));
	n = text_latin1_decode("\xe9\x80", 2, out);
	assert_int_equal(n, 5);
	assert_memory_equal(out, "\xc3\xa9\xe2\x82\xac", 5);
}

/* Width counts wide characters as two columns and fit never cuts a
 * character. */
static void width_and_fit_measure_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("caf\xc3\xa9"), 4);
	assert_int_equal(text_width("\xe4\xb8\x83\xe4\xba\xba"), 4);
	assert_int_equal(text_fit("\xe4\xb8\x83\xe4\xba\xba", 3), 3);
	assert_int_equal(text_fit("caf\xc3\xa9!", 4), 5);
	assert_int_equal(text_fit("abc", 10), 3);
	assert_int_equal(text_width("a\xff" "b"), 3);
}

/* Trim removes spaces and tabs at both ends only. */
static void trim_removes_outer_spaces_and_tabs(void **state)
{
	char a[] = " \t 007 \t", b[] = "a b", c[] = "   ";

	(void)state;
	assert_string_equal(text_trim(a), "007");
	assert_string_equal(text_trim(b), "a b");
	assert_string_equal(text_trim(c), "");
}

/* Check one movie title split. */
static void movie_is(const char *raw, const char *title, int year)
{
	struct title_parts p;

	text_split_movie_title(raw, &p);
	assert_string_equal(p.title, title);
	assert_int_equal(p.year, year);
	free(p.title);
}

/* Trailing articles move back in the main title and in alternate
 * titles; an apostrophe article joins without a space. */
static void movie_title_moves_articles_back(void **state)
{
	(void)state;
	movie_is("Matrix, The (1999)", "The Matrix", 1999);
	movie_is("American President, The (1995)", "The American President",
		 1995);
	movie_is("Ciudad, La", "La Ciudad", 0);
	movie_is("Homme, L'", "L'Homme", 0);
	movie_is("Am\xc3\xa9lie (Fabuleux destin d'Am\xc3\xa9lie Poulain, Le)"
		 " (2001)", "Am\xc3\xa9lie (Le Fabuleux destin d'Am\xc3\xa9lie "
		 "Poulain)", 2001);
	movie_is("Boot, Das (Boat, The) (1981)", "Das Boot (The Boat)", 1981);
	movie_is("Good, the Bad and the Ugly, The (1966)",
		 "The Good, the Bad and the Ugly", 1966);
	movie_is("Vitelloni, I (a.k.a. The Young and the Passionate) (1953)",
		 "I Vitelloni (a.k.a. The Young and the Passionate)", 1953);
	movie_is("Avventura, L' (Adventure, The) (1960)",
		 "L'Avventura (The Adventure)", 1960);
}

/* Only a ", Article" that ends a title moves; commas elsewhere stay. */
static void movie_title_leaves_inner_commas(void **state)
{
	(void)state;
	movie_is("Honey, I Shrunk the Kids (1989)", "Honey, I Shrunk the Kids",
		 1989);
	movie_is("Paris, I Love You (Paris, je t'aime) (2006)",
		 "Paris, I Love You (Paris, je t'aime)", 2006);
	movie_is("Hip Hop Witch, Da (2000)", "Hip Hop Witch, Da", 2000);
}

/* The year is the last bracket when it is a year or a year range;
 * other brackets stay, spaces around go. */
static void movie_title_takes_year_from_last_bracket(void **state)
{
	(void)state;
	movie_is("Shichinin no samurai (Seven Samurai) (1954)",
		 "Shichinin no samurai (Seven Samurai)", 1954);
	movie_is("Death Note: Desu n\xc3\xb4to (2006\xe2\x80\x93" "2007)",
		 "Death Note: Desu n\xc3\xb4to", 2006);
	movie_is("Babylon 5 (1994-1998)", "Babylon 5", 1994);
	movie_is("Show (2015\xe2\x80\x93 )", "Show", 2015);
	movie_is("Babylon 5", "Babylon 5", 0);
	movie_is("(500) Days of Summer (2009)", "(500) Days of Summer", 2009);
	movie_is("Runaway Brain (1995) ", "Runaway Brain", 1995);
	movie_is("Fahrenheit 451 (Remake) ", "Fahrenheit 451 (Remake)", 0);
	movie_is("", "", 0);
}

struct title_scan {
	size_t rows, with_year;
};

/* csvread callback: check every movies.csv title splits cleanly. */
static int check_movie_row(void *ctx, uint64_t line, char **f, size_t n)
{
	struct title_scan *sc = ctx;
	struct title_parts p;
	size_t len;

	if (line == 1)
		return 0;
	assert_int_equal(n, 3);
	text_split_movie_title(f[1], &p);
	len = strlen(p.title);
	assert_true(len > 0);
	assert_true(p.title[0] != ' ' && p.title[len - 1] != ' ');
	assert_true(p.year == 0 || (p.year >= 1874 && p.year <= 2030));
	sc->with_year += p.year != 0;
	sc->rows++;
	free(p.title);
	return 0;
}

/* Every bundled MovieLens title comes out trimmed with a plausible
 * year (12 have none). */
static void movie_titles_of_bundled_catalogue_are_clean(void **state)
{
	struct title_scan sc = { 0, 0 };
	struct csvfile f;
	char err[256];

	(void)state;
	assert_int_equal(csvread_open(&f, srcfile("data/movies/movies.csv"),
				      NULL, err, sizeof err), 0);
	assert_int_equal(csvread_each(&f, check_movie_row, &sc, err,
				      sizeof err), 0);
	csvread_close(&f);
	assert_int_equal(sc.rows, 9742);
	assert_int_equal(sc.rows - sc.with_year, 12);
}

/* A trailing bracket with '#' is the series; other brackets stay. */
static void book_title_splits_series_only_with_hash(void **state)
{
	char *t, *s;

	(void)state;
	text_split_book_title("The Hunger Games (The Hunger Games, #1)", &t,
			      &s);
	assert_string_equal(t, "The Hunger Games");
	assert_string_equal(s, "The Hunger Games, #1");
	free(t);
	free(s);
	text_split_book_title("Harry Potter and the Sorcerer's Stone (Harry "
			      "Potter, #1)", &t, &s);
	assert_string_equal(t, "Harry Potter and the Sorcerer's Stone");
	assert_string_equal(s, "Harry Potter, #1");
	free(t);
	free(s);
	text_split_book_title("Dune (Illustrated Edition)", &t, &s);
	assert_string_equal(t, "Dune (Illustrated Edition)");
	assert_null(s);
	free(t);
	text_split_book_title(" Going Rogue: An American Life ", &t, &s);
	assert_string_equal(t, "Going Rogue: An American Life");
	assert_null(s);
	free(t);
}

/* Run every case of this file; cmocka prints TAP for the harness. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_rejects_overlong_surrogate_and_truncated),
		cmocka_unit_test(latin1_decodes_cp1252_and_marks_holes),
		cmocka_unit_test(fold_strips_latin_accents_and_punctuation),
		cmocka_unit_test(fold_keeps_other_scripts_as_words),
		cmocka_unit_test(fold_splits_cjk_into_characters),
		cmocka_unit_test(utf8_repair_and_multibyte_detection),
		cmocka_unit_test(width_and_fit_measure_columns),
		cmocka_unit_test(trim_removes_outer_spaces_and_tabs),
		cmocka_unit_test(movie_title_moves_articles_back),
		cmocka_unit_test(movie_title_leaves_inner_commas),
		cmocka_unit_test(movie_title_takes_year_from_last_bracket),
		cmocka_unit_test(movie_titles_of_bundled_catalogue_are_clean),
		cmocka_unit_test(book_title_splits_series_only_with_hash),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
