/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text: the byte- and character-level helpers every importer and pane
 * needs.
 *
 * Validation follows RFC 3629 (no overlongs, no surrogates, nothing
 * above U+10FFFF) with a word-at-a-time fast path over ASCII, since
 * whole catalogue files go through it. Latin-1 decoding uses the
 * Windows-1252 table for 0x80-0x9F, as files that are not UTF-8 in
 * practice come from Windows tools.
 *
 * Folding is for search only and does not depend on the locale: ASCII
 * and the Latin-1 Supplement / Latin Extended-A letters map to plain
 * ASCII (é->e, ß->ss, æ->ae, ł->l), Greek and Cyrillic capitals are
 * lowered (Greek accents and final sigma folded, ё as е), fullwidth
 * ASCII is ASCII, apostrophes vanish ("Schindler's" finds
 * "schindlers"), other punctuation becomes a space, each Chinese or
 * Japanese ideograph or kana is a word of its own (no spaces in those
 * scripts, so a search can start at any character), and every other
 * character (Hangul, Arabic, ...) is kept as part of a word.
 *
 * Title normalisation undoes the library-style "Matrix, The" of
 * MovieLens and splits off the year and the goodbooks series. */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

/* Length of the well-formed UTF-8 sequence at s[0..n) and its code
 * point, or 0 when the bytes are not one. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	size_t len, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2 || c > 0xf4)
		return 0;
	len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (len > n)
		return 0;
	v = c & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return 0;
	*cp = v;
	return len;
}

/* Append code point cp as UTF-8 at out; returns the bytes written. */
static size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* True when the 8 bytes at s are all ASCII. */
static bool word_is_ascii(const unsigned char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof w);
	return (w & UINT64_C(0x8080808080808080)) == 0;
}

/* Check that s[0..n) is well-formed UTF-8. */
bool text_is_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len;

		if (i + 8 <= n && word_is_ascii(p + i)) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		len = utf8_decode(p + i, n - i, &cp);
		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

/* Windows-1252 0x80-0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* Decode Windows-1252 into out (undefined bytes become U+FFFD). */
size_t text_latin1_decode(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	char *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t cp = p[i];

		if (cp >= 0x80 && cp < 0xa0)
			cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80]
						    : 0xfffd;
		o += utf8_encode(cp, o);
	}
	return (size_t)(o - out);
}

/* Decode Windows-1252 to a new UTF-8 string. */
char *text_latin1_to_utf8(const char *s, size_t n, size_t *out_len)
{
	char *out;
	size_t len;

	if (n > (SIZE_MAX - 1) / 3)
		fatal(_("text too large to convert (%zu bytes)"), n);
	out = xmalloc(3 * n + 1);       /* U+20AC and U+FFFD take 3 bytes */
	len = text_latin1_decode(s, n, out);
	out[len] = '\0';
	if (out_len)
		*out_len = len;
	return out;
}

/* Copy s into out, every byte that starts no well-formed sequence
 * replaced by U+FFFD (one per byte, so counts are bytes). */
size_t text_utf8_repair(const char *s, size_t n, char *out, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);

		if (k == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			++*bad;
			i++;
			continue;
		}
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	return o;
}

/* True when s[0..n) holds a well-formed sequence of 2 to 4 bytes. */
bool text_has_utf8_multibyte(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t cp;

		if (p[i] >= 0xc2 && utf8_decode(p + i, n - i, &cp) > 1)
			return true;
	}
	return false;
}

/* ASCII letters for U+00C0..U+017F; "" is punctuation (× and ÷). */
static const char *const fold_latin[0x180 - 0xc0] = {
	/* U+00C0 */
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */
	"a", "a", "a", "a", "a", "a", "c", "c",
	"c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e",
	"e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h",
	"i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k",
	"k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */
	"l", "l", "l", "n", "n", "n", "n", "n",
	"n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r",
	"r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t",
	"u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y",
	"y", "z", "z", "z", "z", "z", "z", "s",
};

/* True for the ideographs and kana of Chinese and Japanese, which are
 * written without spaces: each is folded as a word of its own, so that
 * a prefix search finds any character of a title ("侍" finds
 * "七人の侍"). Hangul is left alone, as Korean puts spaces between
 * words. */
static inline bool fold_is_cjk(uint32_t cp)
{
	if (cp < 0x3005)                            /* most text: quick */
		return false;
	return cp <= 0x3007 ||                      /* 々 〆 〇 */
	       (cp >= 0x3041 && cp <= 0x30ff && cp != 0x30fb) || /* kana */
	       (cp >= 0x31f0 && cp <= 0x31ff) ||     /* small katakana */
	       (cp >= 0x3400 && cp <= 0x4dbf) ||     /* extension A */
	       (cp >= 0x4e00 && cp <= 0x9fff) ||     /* unified ideographs */
	       (cp >= 0xf900 && cp <= 0xfaff) ||     /* compatibility */
	       (cp >= 0xff66 && cp <= 0xff9f) ||     /* halfwidth kana */
	       (cp >= 0x20000 && cp <= 0x3ffff);     /* extensions B-H */
}

/* Punctuation and symbol ranges outside ASCII that separate words. */
static bool fold_is_separator(uint32_t cp)
{
	return (cp >= 0x80 && cp < 0xc0) ||
	       (cp >= 0x2000 && cp <= 0x206f) ||     /* dashes, quotes */
	       (cp >= 0x2190 && cp <= 0x2bff) ||     /* arrows, symbols */
	       (cp >= 0x3000 && cp <= 0x303f && !fold_is_cjk(cp)) ||
	       cp == 0x30fb || cp == 0xff65 ||       /* katakana dots */
	       cp == 0xfffd;
}

/* Greek letters with tonos or dialytika, and final sigma, with the
 * plain lower-case letter each folds to. */
static const uint16_t fold_greek[][2] = {
	{ 0x386, 0x3b1 }, { 0x388, 0x3b5 }, { 0x389, 0x3b7 },
	{ 0x38a, 0x3b9 }, { 0x38c, 0x3bf }, { 0x38e, 0x3c5 },
	{ 0x38f, 0x3c9 }, { 0x390, 0x3b9 }, { 0x3aa, 0x3b9 },
	{ 0x3ab, 0x3c5 }, { 0x3ac, 0x3b1 }, { 0x3ad, 0x3b5 },
	{ 0x3ae, 0x3b7 }, { 0x3af, 0x3b9 }, { 0x3b0, 0x3c5 },
	{ 0x3c2, 0x3c3 }, { 0x3ca, 0x3b9 }, { 0x3cb, 0x3c5 },
	{ 0x3cc, 0x3bf }, { 0x3cd, 0x3c5 }, { 0x3ce, 0x3c9 },
};

/* Lower-case Greek and Cyrillic without asking the locale; Greek
 * accents go (ά->α) and ё is е, as people type them. */
static uint32_t fold_lower(uint32_t cp)
{
	size_t i;

	if (cp >= 0x386 && cp <= 0x3ce)
		for (i = 0; i < ARRAY_LEN(fold_greek); i++)
			if (fold_greek[i][0] == cp)
				return fold_greek[i][1];
	if ((cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2) ||
	    (cp >= 0x410 && cp <= 0x42f))
		return cp + 0x20;
	if (cp == 0x401 || cp == 0x451)         /* Ё ё */
		return 0x435;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	return cp;
}

/* Append the folded form of one code point at o; returns bytes written
 * (a lone space stands for a separator). */
static size_t fold_one(uint32_t cp, char *o)
{
	const char *rep;

	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			*o = (char)cp;
			return 1;
		}
		if (cp == '\'' || cp == '`')
			return 0;
		*o = ' ';
		return 1;
	}
	if (cp == 0xb2 || cp == 0xb3 || cp == 0xb9) {
		*o = cp == 0xb9 ? '1' : (char)('0' + cp - 0xb0);
		return 1;
	}
	if (cp == 0xaa || cp == 0xba) {     /* ª º */
		*o = cp == 0xaa ? 'a' : 'o';
		return 1;
	}
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x2bc ||
	    (cp >= 0x300 && cp <= 0x36f))   /* apostrophes, combining */
		return 0;
	if (cp >= 0xff01 && cp <= 0xff5e)   /* fullwidth ASCII */
		return fold_one(cp - 0xfee0, o);
	if (cp >= 0xc0 && cp < 0x180) {
		rep = fold_latin[cp - 0xc0];
		if (!*rep) {
			*o = ' ';
			return 1;
		}
		memcpy(o, rep, strlen(rep));
		return strlen(rep);
	}
	if (fold_is_separator(cp)) {
		*o = ' ';
		return 1;
	}
	return utf8_encode(fold_lower(cp), o);
}

/* Fold s for searching: lower case, accents off, single spaces, each
 * CJK character a word. */
char *text_fold(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, len = 0;
	char *out = xmalloc(2 * n + 1);    /* ß->ss doubles at most */
	bool cjk, prev_cjk = false;

	while (i < n) {
		char tmp[4];
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp), m;

		if (k == 0) {       /* a stray byte separates words */
			cp = ' ';
			k = 1;
		}
		i += k;
		m = fold_one(cp, tmp);
		cjk = fold_is_cjk(cp);
		if ((m == 1 && tmp[0] == ' ') || cjk || prev_cjk) {
			if (len > 0 && out[len - 1] != ' ')
				out[len++] = ' ';
		}
		prev_cjk = cjk;
		if (m == 1 && tmp[0] == ' ')
			continue;
		memcpy(out + len, tmp, m);
		len += m;
	}
	if (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	return out;
}

/* Columns and bytes of the character at s (invalid byte: 1 and 1). */
static size_t char_cols(const char *s, mbstate_t *st, size_t *bytes)
{
	wchar_t wc;
	size_t k = mbrtowc(&wc, s, MB_CUR_MAX, st);
	int w;

	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		memset(st, 0, sizeof *st);
		*bytes = 1;
		return 1;
	}
	*bytes = k;
	w = wcwidth(wc);
	return w < 0 ? 1 : (size_t)w;
}

/* Display columns of s under the current locale. */
size_t text_width(const char *s)
{
	mbstate_t st;
	size_t cols = 0;

	memset(&st, 0, sizeof st);
	while (*s) {
		size_t k;

		cols += char_cols(s, &st, &k);
		s += k;
	}
	return cols;
}

/* Bytes of s that fit in cols columns without cutting a character. */
size_t text_fit(const char *s, size_t cols)
{
	const char *p = s;
	mbstate_t st;
	size_t used = 0;

	memset(&st, 0, sizeof st);
	while (*p) {
		size_t k, w = char_cols(p, &st, &k);

		if (used + w > cols)
			break;
		used += w;
		p += k;
	}
	return (size_t)(p - s);
}

/* fit bytes of s moved back to the start of a "\xNN" or "\u00NN"
 * escape (safe.h) they would cut in two. */
static size_t fit_escape(const char *s, size_t fit)
{
	for (size_t back = 1; back <= 5 && back <= fit; back++) {
		const char *e = s + fit - back;
		size_t len = e[0] != '\\' ? 0 : e[1] == 'x' ? 4
			   : e[1] == 'u' ? 6 : 0;
		if (len > back)
			return fit - back;
	}
	return fit;
}

/* Bytes of s before a trailing " (dddd)" (a year), or strlen(s). */
static size_t year_start(const char *s)
{
	size_t n = strlen(s);

	if (n < 8 || strcmp(s + n - 1, ")") || strncmp(s + n - 7, " (", 2))
		return n;
	for (size_t i = n - 5; i < n - 1; i++)
		if (s[i] < '0' || s[i] > '9')
			return n;
	return n - 7;
}

/* s cut to cols columns, the year kept (see text.h). */
char *text_fit_label(const char *s, size_t cols, const char *ell,
		     char *buf, size_t n)
{
	size_t y = year_start(s), ew = text_width(ell), keep;
	size_t tail = text_width(s + y) + ew;

	if (text_width(s) <= cols) {
		xsnprintf(buf, n, "%s", s);
		return buf;
	}
	if (!s[y] || tail + 4 > cols) {
		if (ew >= cols) {
			xsnprintf(buf, n, "%.*s", (int)fit_escape(s,
				  text_fit(s, cols)), s);
			return buf;
		}
		keep = fit_escape(s, text_fit(s, cols - ew));
		xsnprintf(buf, n, "%.*s%s", (int)keep, s, ell);
		return buf;
	}
	keep = fit_escape(s, text_fit(s, cols - tail));
	if (keep > y)
		keep = y;
	while (keep > 0 && s[keep - 1] == ' ')
		keep--;
	xsnprintf(buf, n, "%.*s%s%s", (int)keep, s, ell, s + y);
	return buf;
}

/* Trim ASCII spaces and tabs at both ends of s, in place. */
char *text_trim(char *s)
{
	size_t start = 0, end = strlen(s);

	while (s[start] == ' ' || s[start] == '\t')
		start++;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (start > 0)
		memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

/* Articles that library-style titles move to the end ("Matrix, The").
 * An article ending in an apostrophe joins the word without a space. */
static const char *const title_articles[] = {
	"The", "A", "An",                           /* English */
	"La", "Le", "Les", "L'", "Un", "Une", "Des", /* French */
	"Il", "Lo", "Gli", "I", "Una", "Uno",       /* Italian */
	"El", "Los", "Las",                         /* Spanish */
	"Die", "Der", "Das", "Ein", "Eine",         /* German */
	"De", "Het", "Den", "Det",                  /* Dutch, Nordic */
};

/* True when s is one of the movable articles. */
static bool title_is_article(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(title_articles); i++)
		if (strlen(title_articles[i]) == n &&
		    memcmp(title_articles[i], s, n) == 0)
			return true;
	return false;
}

/* s[0..n) with a trailing ", Article" moved to the front, malloc'd. */
static char *title_front_article(const char *s, size_t n)
{
	size_t i, art;

	for (i = n; i >= 2; i--)
		if (s[i - 2] == ',' && s[i - 1] == ' ')
			break;
	if (i < 2 || i - 2 == 0 || !title_is_article(s + i, n - i))
		return xstrndup(s, n);
	art = n - i;
	return xasprintf("%.*s%s%.*s", (int)art, s + i,
			 s[n - 1] == '\'' ? "" : " ", (int)(i - 2), s);
}

/* Length of s[0..n) without trailing ASCII spaces. */
static size_t rtrim_len(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* Position of the '(' matching the ')' at s[n-1], or -1. */
static long title_open_paren(const char *s, size_t n)
{
	int depth = 0;
	size_t i;

	for (i = n; i > 0; i--) {
		if (s[i - 1] == ')')
			depth++;
		else if (s[i - 1] == '(' && --depth == 0)
			return (long)(i - 1);
	}
	return -1;
}

/* Parse "(1999)", "(1994-1998)", "(2006–2007)" or "(2015– )" at
 * s[0..n); returns the first year or 0. */
static int title_year_bracket(const char *s, size_t n)
{
	size_t i;
	int year = 0;

	if (n < 6 || s[0] != '(' || s[n - 1] != ')')
		return 0;
	for (i = 1; i < 5; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		year = year * 10 + (s[i] - '0');
	}
	i = 5;
	if (i < n - 1 && s[i] == '-')
		i++;
	else if (n - 1 - i >= 3 && memcmp(s + i, "\xe2\x80\x93", 3) == 0)
		i += 3;                 /* en dash */
	else if (i != n - 1)
		return 0;
	while (i < n - 1 && s[i] >= '0' && s[i] <= '9')
		i++;
	while (i < n - 1 && s[i] == ' ')
		i++;
	return i == n - 1 ? year : 0;
}

#define TITLE_MAX_GROUPS 8

/* Split a MovieLens title: year off the end, articles moved back in the
 * main title and in each trailing alternate-title bracket. */
void text_split_movie_title(const char *raw, struct title_parts *out)
{
	size_t start = 0, n = strlen(raw), gs[TITLE_MAX_GROUPS],
	       ge[TITLE_MAX_GROUPS], ng = 0, k;
	long open;
	char *joined, *res;

	while (raw[start] == ' ' || raw[start] == '\t')
		start++;
	raw += start;
	n = rtrim_len(raw, n - start);
	out->year = 0;
	open = n && raw[n - 1] == ')' ? title_open_paren(raw, n) : -1;
	if (open > 0 && title_year_bracket(raw + open, n - (size_t)open)) {
		out->year = title_year_bracket(raw + open, n - (size_t)open);
		n = rtrim_len(raw, (size_t)open);
	}
	while (ng < TITLE_MAX_GROUPS && n && raw[n - 1] == ')') {
		open = title_open_paren(raw, n);
		if (open <= 0 || raw[open - 1] != ' ')
			break;
		gs[ng] = (size_t)open + 1;
		ge[ng++] = n - 1;
		n = rtrim_len(raw, (size_t)open);
	}
	res = title_front_article(raw, n);
	for (k = ng; k-- > 0;) {
		char *inner = title_front_article(raw + gs[k], ge[k] - gs[k]);

		joined = xasprintf("%s (%s)", res, inner);
		free(inner);
		free(res);
		res = joined;
	}
	out->title = res;
}

/* Split a goodbooks title: a trailing bracket holding '#' is the
 * series ("The Hunger Games, #1"); anything else stays in the title. */
void text_split_book_title(const char *raw, char **title, char **series)
{
	size_t start = 0, n = strlen(raw);
	long open;

	while (raw[start] == ' ' || raw[start] == '\t')
		start++;
	raw += start;
	n = rtrim_len(raw, n - start);
	*series = NULL;
	open = n && raw[n - 1] == ')' ? title_open_paren(raw, n) : -1;
	if (open > 0 && memchr(raw + open, '#', n - (size_t)open) &&
	    rtrim_len(raw, (size_t)open) > 0) {
		size_t a = (size_t)open + 1, b = n - 1;

		while (a < b && raw[a] == ' ')
			a++;
		b = a + rtrim_len(raw + a, b - a);
		*series = xstrndup(raw + a, b - a);
		n = rtrim_len(raw, (size_t)open);
	}
	*title = xstrndup(raw, n);
}

/* Weights 1, 3, 1, 3, ...; the digit that makes the sum 0 mod 10. */
char text_isbn13_check(const char *d12)
{
	int sum = 0;

	for (int i = 0; i < 12; i++)
		sum += (d12[i] - '0') * (i % 2 ? 3 : 1);
	return (char)('0' + (10 - sum % 10) % 10);
}

/* Goodreads shelves that say where a book is kept or what its reader
 * means to do, not what it is about ("to-read" tops every book). */
static const char *const shelf_words[] = {
	"to-read", "currently-reading", "favorites", "favourites",
	"favorite", "favourite", "faves", "owned", "books-i-own",
	"owned-books", "default", "my-books", "i-own", "own", "to-buy",
	"wish-list", "wishlist", "kindle", "ebook", "ebooks", "e-book",
	"audiobook", "audiobooks", "audible", "library", "my-library",
	"home-library", "re-read", "reread", "re-reads", "did-not-finish",
	"dnf", "abandoned", "books", "book", "read", "have", "on-hold",
	"maybe", "tbr", "all-time-favorites", "all-time-favourites",
	"favorite-books", "shelfari-favorites", "5-stars", "4-stars",
	"3-stars", "unread", "not-read", "borrowed", "library-books",
	"my-favorites", "read-again", "own-it", "i-own-it", "bookshelf",
};
static const char *const shelf_prefixes[] = {
	"to-read", "read-in-", "read-20", "read-19", "owned", "my-",
	"books-i-", "kindle", "favorite", "favourite", "to-buy",
	"currently-", "wish",
};

/* True when a Goodreads tag is a shelf rather than a subject. */
bool text_is_shelf(const char *tag)
{
	bool letters = false;
	for (const char *p = tag; *p; p++)
		letters |= isalpha((unsigned char)*p) != 0;
	if (!letters)
		return true;    /* "2015", "-", "--1-" */
	for (size_t k = 0; k < ARRAY_LEN(shelf_words); k++)
		if (strcasecmp(tag, shelf_words[k]) == 0)
			return true;
	for (size_t k = 0; k < ARRAY_LEN(shelf_prefixes); k++)
		if (strncasecmp(tag, shelf_prefixes[k],
				strlen(shelf_prefixes[k])) == 0)
			return true;
	return false;
}

bool text_word_is(const char *w, size_t n, const char *x)
{
	return n == strlen(x) && memcmp(w, x, n) == 0;
}

char *text_title_key_folded(const char *folded, size_t n,
			    bool drop_article)
{
	char *f = xstrndup(folded, n);
	size_t len = 0, words = 0;
	for (char *w = f; *w;) {
		size_t k = strcspn(w, " ");
		if (words == 0 && strncmp(w, "a k a ", 6) == 0) {
			w += 6;
			continue;
		}
		bool drop = text_word_is(w, k, "and") ||
			    (words == 0 && text_word_is(w, k, "aka")) ||
			    (words == 0 && drop_article &&
			     (text_word_is(w, k, "the") ||
			      text_word_is(w, k, "a") ||
			      text_word_is(w, k, "an")));
		if (!drop) {
			memmove(f + len, w, k);
			len += k;
			words++;
		}
		w += k;
		while (*w == ' ')
			w++;
	}
	f[len] = '\0';
	return f;
}

char *text_title_key(const char *s)
{
	char *f = text_fold(s);
	char *key = text_title_key_folded(f, strlen(f), true);
	free(f);
	return key;
}
