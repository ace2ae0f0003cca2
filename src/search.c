/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search: items as you type. The query is folded like the items' search
 * texts (catalog.c builds them once), so matching is plain byte work:
 * each query word must start a word of the item's text, found with
 * strstr and a check that the hit begins a word. A linear scan over
 * 10,000 short texts takes well under a millisecond, so there is no
 * index to keep up to date. Matches are ranked: the exact title, then
 * titles that start with the query (a leading article ignored, so
 * "matrix" ranks "The Matrix" as exact), then the most rated, ties by
 * item index. search_title, for titles typed on a command line, tries
 * the exact title first, then the title without its article, and only
 * then the word prefixes, and leaves the choice between several items
 * to the person. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "text.h"
#include "topk.h"
#include "util.h"

/* How a match ranks, best first. */
enum search_class { CLASS_EXACT, CLASS_START, CLASS_OTHER, CLASS_KEY };

struct search_hit {
	uint32_t item;
	uint32_t n_ratings;
	enum search_class cls;
};

/* Fold and split text into words. */
void search_query_init(struct search_query *q, const char *text)
{
	char *f = text_fold(text ? text : "");
	q->fold = xstrdup(text_trim(f));
	free(f);
	q->buf = xstrdup(q->fold);
	q->n = 0;
	q->words = xmalloc((strlen(q->buf) / 2 + 1) * sizeof *q->words);
	for (char *tok = strtok(q->buf, " "); tok; tok = strtok(NULL, " "))
		q->words[q->n++] = tok;
}

/* Free what search_query_init made. */
void search_query_free(struct search_query *q)
{
	free(q->fold);
	free(q->buf);
	free(q->words);
	memset(q, 0, sizeof *q);
}

/* True when w occurs in text at the start of a word. */
static bool search_word_in(const char *text, const char *w)
{
	for (const char *p = text; (p = strstr(p, w)); p++)
		if (p == text || p[-1] == ' ')
			return true;
	return false;
}

/* True when every query word starts a word of fold. */
bool search_query_match(const struct search_query *q, const char *fold)
{
	if (!q->n || !fold)
		return false;
	for (size_t k = 0; k < q->n; k++)
		if (!search_word_in(fold, q->words[k]))
			return false;
	return true;
}

/* Length of a leading article word (with its space) in a folded title,
 * so "the matrix" compares as "matrix"; 0 when there is none. */
static size_t search_article(const char *t, size_t len)
{
	static const char *const articles[] = {
		"the ", "a ", "an ", "le ", "la ", "les ", "l ", "der ",
		"die ", "das ", "el ", "los ", "las ", "il ", "lo ", "gli ",
		"un ", "une ", "una ", "ein ", "eine " };
	for (size_t k = 0; k < ARRAY_LEN(articles); k++) {
		size_t n = strlen(articles[k]);
		if (n < len && memcmp(t, articles[k], n) == 0)
			return n;
	}
	return 0;
}

/* Rank a matching item against the folded query: its title with and
 * without a leading article is compared. */
static enum search_class search_classify(const struct item *it,
					 const char *q, size_t qlen)
{
	size_t len = it->fold_title;
	size_t skip = search_article(it->fold, len);
	const char *bare = it->fold + skip;
	if ((len == qlen && memcmp(it->fold, q, qlen) == 0) ||
	    (len - skip == qlen && memcmp(bare, q, qlen) == 0))
		return CLASS_EXACT;
	if ((len >= qlen && memcmp(it->fold, q, qlen) == 0) ||
	    (len - skip >= qlen && memcmp(bare, q, qlen) == 0))
		return CLASS_START;
	return CLASS_OTHER;
}

/* Best first: class, then most rated, then item index. */
static int search_hit_cmp(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->n_ratings != y->n_ratings)
		return x->n_ratings > y->n_ratings ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* The best max hits seen: a bounded heap, so a one-letter query
 * matching most of the catalogue sorts only max hits. */
TOPK_DEFINE(hit_top, struct search_hit, search_hit_cmp)

/* How the title key of the query (text_title_key: no spaces or "and")
 * fits an item's: equal (CLASS_EXACT), a start of it (CLASS_KEY, after
 * every match by words), else not (CLASS_OTHER); so "oldboy" finds "Old
 * Boy" and "lock stock and two" "Lock, Stock & Two Smoking Barrels",
 * which the words alone miss. Keys under three bytes fit nothing. */
static enum search_class search_key_fit(const struct item *it,
					const char *qkey, size_t qklen)
{
	if (qklen < 3)
		return CLASS_OTHER;
	char *k = text_title_key_folded(it->fold, it->fold_title,
					 false);
	size_t klen = strlen(k);
	enum search_class cls = klen < qklen || memcmp(k, qkey, qklen) != 0
				? CLASS_OTHER : klen == qklen ? CLASS_EXACT
				: CLASS_KEY;
	free(k);
	return cls;
}

/* Up to max matching items, best first: every query word starts a word
 * of the item's search text, or the query's title key fits its title's
 * (search_key_fit). */
size_t search_items(const struct catalog *c, const char *query,
		    uint32_t *out, size_t max)
{
	struct search_query q;
	search_query_init(&q, query);
	if (!q.n || !max) {
		search_query_free(&q);
		return 0;
	}
	size_t qlen = strlen(q.fold), n = 0;
	char *qkey = text_title_key_folded(q.fold, qlen, false);
	size_t qklen = strlen(qkey);
	if (max > c->n_items)
		max = c->n_items;
	struct search_hit *heap = xmalloc((max + 1) * sizeof *heap);
	for (uint32_t i = 0; i < c->n_items; i++) {
		const struct item *it = &c->items[i];
		enum search_class cls;
		if (search_query_match(&q, it->fold))
			cls = search_classify(it, q.fold, qlen);
		else if ((cls = search_key_fit(it, qkey, qklen)) ==
			 CLASS_OTHER)
			continue;
		struct search_hit x = { i, it->n_ratings, cls };
		hit_top_offer(heap, &n, max, x);
	}
	free(qkey);
	hit_top_sort(heap, n);
	for (size_t j = 0; j < n; j++)
		out[j] = heap[j].item;
	free(heap);
	search_query_free(&q);
	return n;
}

/* ---------------------------------------------------------------------
 * Titles typed on a command line
 * ------------------------------------------------------------------- */

/* True when folded q is the item's title without its leading article,
 * alone or followed by the year ("matrix", "matrix 1999"). */
static bool search_bare_is(const struct item *it, const char *q,
			   size_t qlen)
{
	size_t skip = search_article(it->fold, it->fold_title);
	size_t blen = it->fold_title - skip;
	if (qlen < blen || memcmp(it->fold + skip, q, blen) != 0)
		return false;
	if (qlen == blen)
		return true;
	char year[24];
	size_t ylen = it->year ? xsnprintf(year, sizeof year, " %d",
					   abs(it->year)) : 0;
	return ylen && qlen == blen + ylen &&
	       memcmp(q + blen, year, ylen) == 0;
}

/* Sort n hits best first, put the best max items in out and free the
 * hits; returns n. */
static size_t search_hits_out(struct search_hit *hits, size_t n,
			      uint32_t *out, size_t max)
{
	if (n > 1)
		qsort(hits, n, sizeof *hits, search_hit_cmp);
	for (size_t k = 0; k < n && k < max; k++)
		out[k] = hits[k].item;
	free(hits);
	return n;
}

/* Every item whose bare title (or bare title and year) is the query,
 * most rated first; returns how many, the best max in out. */
static size_t search_bare(const struct catalog *c, const char *title,
			  uint32_t *out, size_t max)
{
	struct search_query q;
	search_query_init(&q, title);
	size_t qlen = strlen(q.fold), n = 0;
	struct search_hit *hits = xmalloc((c->n_items + 1) * sizeof *hits);
	for (uint32_t i = 0; qlen && i < c->n_items; i++)
		if (search_bare_is(&c->items[i], q.fold, qlen))
			hits[n++] = (struct search_hit){
				i, c->items[i].n_ratings, CLASS_EXACT };
	search_query_free(&q);
	return search_hits_out(hits, n, out, max);
}

/* Every item the words match, in search order; returns how many, the
 * best max in out. */
static size_t search_words(const struct catalog *c, const char *title,
			   uint32_t *out, size_t max)
{
	uint32_t *all = xmalloc((c->n_items + 1) * sizeof *all);
	size_t n = search_items(c, title, all, c->n_items);
	memcpy(out, all, (n < max ? n : max) * sizeof *out);
	free(all);
	return n;
}

/* True when folded q is the item's title key, alone or followed by
 * the year ("oldboy" and "oldboy 2003" for Old Boy (2003)). */
static bool search_key_is(const struct item *it, const char *q)
{
	char *k = text_title_key_folded(it->fold, it->fold_title,
					 false);
	size_t klen = strlen(k);
	char *qk = text_title_key_folded(q, strlen(q), false);
	bool is = strcmp(k, qk) == 0;
	if (!is && it->year && strncmp(qk, k, klen) == 0) {
		char year[24];
		xsnprintf(year, sizeof year, "%d", abs(it->year));
		is = strcmp(qk + klen, year) == 0;
	}
	free(qk);
	free(k);
	return is;
}

/* Every item whose exact title, or title key (text_title_key: "oldboy"
 * for "Old Boy", "lock stock and two smoking barrels" for "Lock, Stock
 * & Two..."), is the query, most rated first: both films when one is
 * "Oldboy" and the other "Old Boy", never one of them guessed. */
static size_t search_exact(const struct catalog *c, const char *title,
			   uint32_t *out, size_t max)
{
	struct search_query q;
	uint32_t exact[64];
	size_t ne = catalog_title_matches(c, title, exact, 64), n = 0;
	struct search_hit *hits = xmalloc((c->n_items + 1) * sizeof *hits);
	search_query_init(&q, title);
	for (uint32_t i = 0; i < c->n_items; i++) {
		bool is = false;
		for (size_t k = 0; k < ne && k < 64 && !is; k++)
			is = exact[k] == i;
		if (is || (*q.fold && search_key_is(&c->items[i], q.fold)))
			hits[n++] = (struct search_hit){
				i, c->items[i].n_ratings, CLASS_EXACT };
	}
	search_query_free(&q);
	return search_hits_out(hits, n, out, max);
}

/* The items a typed title can mean: exact (or its title key), else
 * bare, else words. */
size_t search_title(const struct catalog *c, const char *title,
		    uint32_t *out, size_t max, enum search_rule *rule)
{
	static size_t (*const rules[])(const struct catalog *,
				       const char *, uint32_t *, size_t) = {
		search_exact, search_bare, search_words };
	size_t n = 0, k;
	/* After the loop k is one past the rule that matched, which is
	 * that rule's enum value (SEARCH_EXACT is 1). */
	for (k = 0; title && k < ARRAY_LEN(rules) && !n; k++)
		n = rules[k](c, title, out, max);
	if (rule)
		*rule = n ? (enum search_rule)k : SEARCH_NOTHING;
	return n;
}
