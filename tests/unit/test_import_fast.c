/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_import_fast: the fast paths of a ratings import give exactly
 * what the general paths give. Decimal ids interned through the direct
 * array stay strings ("007" is not "7") and keep their indices when
 * they move in from the hash; a rating text remembered from an earlier
 * row reads as scale_parse and scale_check read it, bit for bit, with
 * the same rejections; timestamps of plain digits read as strtoll;
 * blocks fed to libcsv whole keep every record's lines and fields as
 * the line-by-line feed gives them. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "intern.h"
#include "matrix.h"
#include "ratings_file.h"
#include "scale.h"

/* ------------------------------------------------------------------
 * Interning
 * ---------------------------------------------------------------- */

/* Decimal-looking ids that are not written as plain numbers stay
 * other strings: each of these is its own id, found again. */
static void decimal_ids_stay_strings(void **state)
{
	static const char *const ids[] = {
		"0", "7", "007", "07", "+7", "-7", " 7", "7 ", "7.0", "",
		"00", "70", "700", "12345678", "012345678", "99999999",
		"123456789", "99999999999999999999", "4294967296", "1e3",
	};
	struct intern *t = intern_new();
	bool added;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ids / sizeof *ids; i++) {
		assert_int_equal(intern_add(t, ids[i], strlen(ids[i]), &added),
				 i);
		assert_true(added);
	}
	for (i = 0; i < sizeof ids / sizeof *ids; i++) {
		assert_int_equal(intern_add(t, ids[i], strlen(ids[i]), &added),
				 i);
		assert_false(added);
		assert_int_equal(intern_find(t, ids[i]), i);
		assert_string_equal(intern_str(t, (uint32_t)i), ids[i]);
	}
	assert_int_equal(intern_find(t, "0007"), INTERN_NONE);
	assert_int_equal(intern_find(t, "8"), INTERN_NONE);
	assert_int_equal(intern_count(t), sizeof ids / sizeof *ids);
	intern_free(t);
}

/* Large decimal ids seen first go to the hash; once enough small ones
 * make the direct array grow past them they move into it, keeping
 * their indices and string pointers. */
static void hashed_decimal_ids_move_into_the_array(void **state)
{
	static const char *const first[] = {
		"60000", "65535", "65536", "1048575", "12345678",
	};
	struct intern *t = intern_new();
	const char *p[5];
	uint32_t i, added_n = 0;
	char buf[32];
	bool added;

	(void)state;
	for (i = 0; i < 5; i++) {
		assert_int_equal(intern_add(t, first[i], strlen(first[i]),
					    &added), i);
		p[i] = intern_str(t, i);
	}
	for (i = 1; i <= 200000; i++) {
		int n = snprintf(buf, sizeof buf, "%" PRIu32, i * 3);
		uint32_t k = intern_add(t, buf, (size_t)n, &added);

		added_n += added;
		assert_string_equal(intern_str(t, k), buf);
	}
	assert_int_equal(added_n, 200000 - 2);  /* 60000 and 65535 */
	for (i = 0; i < 5; i++) {
		assert_int_equal(intern_add(t, first[i], strlen(first[i]),
					    &added), i);
		assert_false(added);
		assert_int_equal(intern_find(t, first[i]), i);
		assert_ptr_equal(intern_str(t, i), p[i]);
	}
	assert_int_equal(intern_count(t), 5 + added_n);
	assert_int_equal(intern_find(t, "3"), 5);
	assert_string_equal(intern_str(t, 5), "3");
	assert_string_equal(intern_str(t, intern_find(t, "600000")),
			    "600000");
	assert_int_equal(intern_find(t, "600001"), INTERN_NONE);
	assert_int_equal(intern_find(t, "0600000"), INTERN_NONE);
	intern_free(t);
}

/* The next number of a fixed linear congruential sequence. */
static uint32_t lcg(uint64_t *s)
{
	*s = *s * UINT64_C(6364136223846793005) + 1442695040888963407u;
	return (uint32_t)(*s >> 33);
}

/* One id of a mix of forms: plain small and large numbers, leading
 * zeros, signs, spaces, words. */
static size_t mixed_id(uint64_t *seed, char *buf, size_t cap)
{
	uint32_t r = lcg(seed), v = lcg(seed);

	switch (r % 8) {
	case 0: case 1: case 2:
		return (size_t)snprintf(buf, cap, "%" PRIu32, v % 3000);
	case 3:
		return (size_t)snprintf(buf, cap, "%" PRIu32, v % 200000000);
	case 4:
		return (size_t)snprintf(buf, cap, "0%" PRIu32, v % 3000);
	case 5:
		return (size_t)snprintf(buf, cap, "%c%" PRIu32,
					"+- "[v % 3], v % 100);
	case 6:
		return (size_t)snprintf(buf, cap, "id%" PRIu32, v % 5000);
	default:
		return (size_t)snprintf(buf, cap, "%" PRIu32 "%" PRIu32,
					v, lcg(seed));
	}
}

/* Compare two strings through pointers, for qsort. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 100k ids of mixed forms: every add gets back its own string, new ids
 * get the next index, and no two indices hold the same string. */
static void mixed_ids_map_one_to_one(void **state)
{
	struct intern *t = intern_new();
	uint64_t seed = 42;
	const char **all;
	char buf[48];
	uint32_t n, i;
	bool added;

	(void)state;
	for (i = 0; i < 100000; i++) {
		size_t len = mixed_id(&seed, buf, sizeof buf);
		uint32_t before = intern_count(t);
		uint32_t k = intern_add(t, buf, len, &added);

		assert_string_equal(intern_str(t, k), buf);
		assert_int_equal(k, added ? before : k);
		assert_int_equal(intern_count(t), before + (added ? 1 : 0));
		assert_int_equal(intern_find(t, buf), k);
	}
	n = intern_count(t);
	all = malloc(n * sizeof *all);
	assert_non_null(all);
	for (i = 0; i < n; i++)
		all[i] = intern_str(t, i);
	qsort(all, n, sizeof *all, cmp_str);
	for (i = 1; i < n; i++)
		assert_true(strcmp(all[i - 1], all[i]) != 0);
	free(all);
	intern_free(t);
}

/* A full table refuses new decimal ids too, and still finds old ones. */
static void full_table_refuses_decimal_ids(void **state)
{
	struct intern *t = intern_new();

	(void)state;
	intern_set_limit(t, 2);
	assert_int_equal(intern_add(t, "1", 1, NULL), 0);
	assert_int_equal(intern_add(t, "2", 1, NULL), 1);
	assert_int_equal(intern_add(t, "3", 1, NULL), INTERN_NONE);
	assert_int_equal(intern_add(t, "x", 1, NULL), INTERN_NONE);
	assert_int_equal(intern_add(t, "1", 1, NULL), 0);
	assert_int_equal(intern_find(t, "3"), INTERN_NONE);
	assert_int_equal(intern_count(t), 2);
	intern_free(t);
}

/* ------------------------------------------------------------------
 * Ratings files
 * ---------------------------------------------------------------- */

/* A temporary file holding text; its path in path (to unlink once
 * opened). */
static void write_temp(char *path, size_t cap, const char *text, size_t n)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(path, cap, "%s/taste-fast.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* A growing text buffer. */
struct text {
	char *s;
	size_t len, cap;
};

/* Append formatted text. */
static void text_add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (t->len + (size_t)n + 1 > t->cap) {
		t->cap = (t->len + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* The reject of line, or NULL. */
static const struct reject *reject_at(const struct report *r, uint64_t line)
{
	size_t i;

	for (i = 0; i < r->n_rejects; i++)
		if (r->rejects[i].line == line)
			return &r->rejects[i];
	return NULL;
}

/* The kept triplet of the user named id, or NULL. */
static const struct triplet *kept_of(const struct ratings *r,
				     const char *id)
{
	uint32_t u = intern_find(r->users, id);
	size_t i;

	for (i = 0; u != INTERN_NONE && i < r->t.n; i++)
		if (r->t.v[i].user == u)
			return &r->t.v[i];
	return NULL;
}

/* The text libcsv and the loader's trim leave of a field written as
 * s (spaces and TABs off both ends). */
static void trimmed(const char *s, char *out, size_t cap)
{
	size_t a = 0, b = strlen(s);

	while (s[a] == ' ' || s[a] == '\t')
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	snprintf(out, cap, "%.*s", (int)(b - a), s + a);
}

/* True when the report names line as kept off-step. */
static bool offstep_at(const struct report *r, uint64_t line)
{
	size_t i;

	for (i = 0; i < r->n_offsteps; i++)
		if (r->offsteps[i].line == line)
			return true;
	return false;
}

/* What the general path makes of a rating text on scale sc: false and
 * the reason when the row is rejected, else true, the value, and in
 * *off whether it is kept off-step. */
static bool expect_rating(const char *text, const struct scale *sc,
			  double *v, enum reject_reason *why, bool *off)
{
	char t[128];
	bool nf;

	trimmed(text, t, sizeof t);
	if (!*t) {
		*why = REJ_EMPTY_RATING;
		return false;
	}
	if (!scale_parse(t, v, &nf)) {
		*why = nf ? REJ_NOT_FINITE : REJ_NOT_A_NUMBER;
		return false;
	}
	*off = false;
	switch (scale_check(sc, *v)) {
	case SCALE_BELOW_MIN:
		*why = REJ_BELOW_MIN;
		return false;
	case SCALE_ABOVE_MAX:
		*why = REJ_ABOVE_MAX;
		return false;
	case SCALE_NOT_FINITE:
		*why = REJ_NOT_FINITE;
		return false;
	case SCALE_OFF_STEP:        /* kept: the default policy */
		*off = true;
		break;
	case SCALE_OK:
		break;
	}
	return true;
}

/* Load header + rows of rating texts, each twice (the second time far
 * down, when a remembered value would be used), and check every row
 * against expect_rating: same value bit for bit (as the float kept),
 * same rejection and line. Plain decimal texts must equal strtod. */
static void check_rating_texts(const char *header, const struct scale *sc,
			       const char *const *texts, size_t n)
{
	struct ratings r;
	struct text file = { 0 };
	char path[256], err[512], id[32];
	size_t pass, i;
	int rc;

	text_add(&file, "%s\n", header);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)     /* quoted to keep its spaces */
			text_add(&file, strpbrk(texts[i], " \t") ?
				 "u%zu_%zu,1,\"%s\",1100000000\n" :
				 "u%zu_%zu,1,%s,1100000000\n", i, pass,
				 texts[i]);
	write_temp(path, sizeof path, file.s, file.len);
	rc = ratings_load(path, NULL, &r, err, sizeof err);
	unlink(path);               /* at once: a failure leaves nothing */
	assert_int_equal(rc, 0);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			uint64_t line = 2 + pass * n + i;
			const struct reject *j = reject_at(&r.report, line);
			const struct triplet *k;
			enum reject_reason why;
			bool off;
			double v;

			snprintf(id, sizeof id, "u%zu_%zu", i, pass);
			k = kept_of(&r, id);
			if (!expect_rating(texts[i], sc, &v, &why, &off)) {
				assert_non_null(j);
				assert_int_equal(j->reason, why);
				assert_int_equal(j->column, 3);
				assert_null(k);
				continue;
			}
			assert_null(j);
			assert_non_null(k);
			assert_int_equal(offstep_at(&r.report, line), off);
			assert_true(k->value == (float)v);
			assert_true(memcmp(&k->value, &(float){ (float)v },
					   sizeof(float)) == 0);
			if (strspn(texts[i], "0123456789.") ==
			    strlen(texts[i]))
				assert_true(v == strtod(texts[i], NULL));
		}
	}
	assert_int_equal(r.report.rows, 2 * n);
	ratings_free(&r);
	free(file.s);
}

/* MovieLens scale (0.5-5 step 0.5): the plain forms and their edges. */
static void rating_texts_read_as_the_general_path(void **state)
{
	static const char *const texts[] = {
		"0", "0.5", "5", "5.", ".5", "1e0", "+4", "-0", "04.5",
		"4.50", "00", "10", "4", "3.0", "2.5", "1.25", "4.25", "5.5",
		"0.0", "9.9", "1.", "1e400", "-1e400", "nan", "inf", "-inf",
		"0x4", "4.5.1", "abc", " 4.5", "4.5 ", "\t3", "", "1e-400",
		"3.5e0", "35e-1", "4.500000000000000001",
		"99999999999999999999", "0.05", ".", "-", "+", "4 5", "3.5",
		"0.50", "5.0", "4.0", "1.0", "3", "2", "9", "1", "05", "4.5",
	};

	(void)state;
	check_rating_texts("userId,movieId,rating,timestamp",
			   &SCALE_MOVIELENS, texts, sizeof texts /
			   sizeof *texts);
}

/* goodbooks scale (1-5 step 1): whole stars only, "4.5" off-step. */
static void rating_texts_on_whole_stars(void **state)
{
	static const char *const texts[] = {
		"1", "5", "0", "6", "4.5", "3.0", "10", "45", "4.0", "5.",
		"3", "2.5", "1.0", "0.5", "7.0", "99", "05", "4",
	};

	(void)state;
	check_rating_texts("user_id,book_id,rating,timestamp",
			   &SCALE_GOODBOOKS, texts, sizeof texts /
			   sizeof *texts);
}

/* Timestamps: plain digits (the fast path, 1 to 18 of them) read as
 * strtoll reads them; longer, signed or spaced ones as strtoll; dates
 * by the calendar; anything else is a bad timestamp. */
static void timestamps_read_as_strtoll(void **state)
{
	static const char *const texts[] = {
		"0", "1", "7", "1234567", "12345678", "123456789",
		"1100000000", "0000000001", "00000000", "99999999",
		"123456789012345678", "999999999999999999",
		"1234567890123456789", "9223372036854775807",
		"9223372036854775808", "99999999999999999999", "12345a78",
		"1234567a90", "1234567:90", "1234567/90", "+1100000000",
		"-5", " 1100000000", "1100000000 ", "", "2020-02-03",
		"2020-02-31", "2020-02-03T04:05:06Z", "1e9", "0x10",
	};
	size_t n = sizeof texts / sizeof *texts, i;
	struct ratings r;
	struct text file = { 0 };
	char path[256], err[512], id[32];
	int rc;

	(void)state;
	text_add(&file, "userId,movieId,rating,timestamp\n");
	for (i = 0; i < n; i++)
		text_add(&file, "u%zu,1,4.5,\"%s\"\n", i, texts[i]);
	write_temp(path, sizeof path, file.s, file.len);
	rc = ratings_load(path, NULL, &r, err, sizeof err);
	unlink(path);               /* at once: a failure leaves nothing */
	assert_int_equal(rc, 0);
	for (i = 0; i < n; i++) {
		const struct reject *j = reject_at(&r.report, 2 + i);
		const struct triplet *k;
		char t[64], *end;
		long long want;

		snprintf(id, sizeof id, "u%zu", i);
		k = kept_of(&r, id);
		trimmed(texts[i], t, sizeof t);
		if (!*t) {
			assert_non_null(k);
			assert_true(k->ts == INT64_MIN);
			continue;
		}
		if (strncmp(t, "2020-02-03", 10) == 0) {
			assert_non_null(k);
			assert_true(k->ts == (t[10] ? 1580702706 : 1580688000));
			continue;
		}
		errno = 0;
		want = strtoll(t, &end, 10);
		if (end != t && !*end && errno != ERANGE) {
			assert_null(j);
			assert_non_null(k);
			assert_true(k->ts == want);
		} else {
			assert_non_null(j);
			assert_int_equal(j->reason, REJ_BAD_TIMESTAMP);
			assert_int_equal(j->column, 4);
			assert_string_equal(j->text, t);
			assert_null(k);
		}
	}
	ratings_free(&r);
	free(file.s);
}

/* Users and items are strings on the fast paths too: "7", "07" and
 * "007" are three users and three items, with the look-alike warning. */
static void ids_in_a_file_stay_strings(void **state)
{
	static const char text[] =
		"userId,movieId,rating,timestamp\n"
		"7,7,4,1\n07,07,4,1\n007,007,4,1\n7,07,3,2\n";
	struct ratings r;
	char path[256], err[512];
	int rc;

	(void)state;
	write_temp(path, sizeof path, text, sizeof text - 1);
	rc = ratings_load(path, NULL, &r, err, sizeof err);
	unlink(path);               /* at once: a failure leaves nothing */
	assert_int_equal(rc, 0);
	assert_int_equal(intern_count(r.users), 3);
	assert_int_equal(intern_count(r.items), 3);
	assert_int_equal(r.t.n, 4);
	assert_int_equal(intern_find(r.users, "07"), 1);
	assert_int_equal(intern_find(r.items, "007"), 2);
	assert_true(r.report.n_warnings >= 2);
	ratings_free(&r);
}

/* A headerless file's first record is data: the header test trims a
 * copy, so its quoted ids with spaces are the same ids as elsewhere
 * (it once stored "7 " as the 2 bytes "7\0", a second user 7). */
static void first_record_ids_trimmed_alike(void **state)
{
	static const char *const texts[] = {
		"\"7 \",10,4\n7,11,5\n",           /* user */
		"1,\" 10\",4\n1,10,5\n",           /* item, a duplicate */
		"\"196 \"\t242\t3\t881250949\n196\t243\t4\t881250950\n",
	};
	static const size_t users[] = { 1, 1, 1 }, items[] = { 2, 1, 2 },
			    kept[] = { 2, 1, 2 };

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		struct ratings r;
		char path[256], err[512];
		int rc;

		write_temp(path, sizeof path, texts[k], strlen(texts[k]));
		rc = ratings_load(path, NULL, &r, err, sizeof err);
		unlink(path);
		assert_int_equal(rc, 0);
		assert_int_equal(intern_count(r.users), users[k]);
		assert_int_equal(intern_count(r.items), items[k]);
		assert_int_equal(r.t.n, kept[k]);
		ratings_free(&r);
	}
}

/* ------------------------------------------------------------------
 * Duplicates: each user's run sorted on its own
 * ---------------------------------------------------------------- */

/* Order by (user, item, arrival), for qsort. */
static int cmp_triplet(const void *pa, const void *pb)
{
	const struct triplet *a = pa, *b = pb;

	if (a->user != b->user)
		return a->user < b->user ? -1 : 1;
	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* True when a comes after b by (timestamp, arrival). */
static bool later(const struct triplet *a, const struct triplet *b)
{
	return a->ts != b->ts ? a->ts > b->ts : a->seq > b->seq;
}

/* triplets_resolve as its contract says, by qsort and a plain scan. */
static int reference_resolve(struct triplets *t, enum dup_policy policy,
			     struct dup_stats *st)
{
	size_t i = 0, j, o = 0;

	memset(st, 0, sizeof *st);
	qsort(t->v, t->n, sizeof *t->v, cmp_triplet);
	for (; i < t->n; i = j) {
		struct triplet first = t->v[i], last = t->v[i];
		double sum = 0;
		bool same = true;

		for (j = i; j < t->n && t->v[j].user == t->v[i].user &&
		     t->v[j].item == t->v[i].item; j++) {
			if (later(&t->v[j], &last))
				last = t->v[j];
			if (later(&first, &t->v[j]))
				first = t->v[j];
			sum += t->v[j].value;
			same &= t->v[j].value == t->v[i].value;
		}
		if (j - i > 1) {
			st->pairs++;
			st->identical += same;
			st->conflicting += !same;
		}
		if (policy == DUP_MEAN)
			last.value = (float)(sum / (double)(j - i));
		if (policy != DUP_ERROR)
			t->v[o++] = policy == DUP_FIRST ? first : last;
	}
	if (policy == DUP_ERROR)
		return st->pairs ? -1 : 0;
	t->n = o;
	return 0;
}

/* Users with runs of 1 to 5000 ratings (insertion sort, radix sort of
 * one to three bytes, already sorted runs), with duplicates and tied
 * timestamps, given in user order and shuffled: every policy keeps
 * what the reference keeps, field for field. */
static void runs_resolve_as_the_reference(void **state)
{
	static const size_t run_len[] = { 1, 2, 3, 24, 25, 26, 300, 5000,
					  40, 1, 700 };
	static const uint32_t item_range[] = { 5, 300, 70000, 20000000 };
	static const enum dup_policy policies[] = {
		DUP_LATEST, DUP_FIRST, DUP_MEAN, DUP_ERROR,
	};
	struct triplets base = { 0 };
	uint64_t seed = 7;
	size_t u, k, p, shuffled;

	(void)state;
	for (u = 0; u < 4 * sizeof run_len / sizeof *run_len; u++) {
		size_t n = run_len[u % (sizeof run_len / sizeof *run_len)];
		uint32_t range = item_range[u % 4];
		bool sorted_run = u % 5 == 4;

		for (k = 0; k < n; k++)
			triplets_push(&base, (uint32_t)u, sorted_run ?
				      (uint32_t)(k * 3 % range) :
				      lcg(&seed) % range,
				      (float)(lcg(&seed) % 10) / 2,
				      lcg(&seed) % 4 ? (int64_t)(lcg(&seed) % 5)
				      : INT64_MIN);
	}
	for (shuffled = 0; shuffled < 2; shuffled++) {
		if (shuffled) {         /* the same rows, users out of order */
			for (k = base.n - 1; k > 0; k--) {
				size_t r = lcg(&seed) % (k + 1);
				struct triplet x = base.v[k];

				base.v[k] = base.v[r];
				base.v[r] = x;
			}
			for (k = 0; k < base.n; k++)    /* arrival order */
				base.v[k].seq = k;
		}
		for (p = 0; p < sizeof policies / sizeof *policies; p++) {
			struct triplets a = { 0 }, b = { 0 };
			struct dup_stats sa, sb;

			for (k = 0; k < base.n; k++) {
				triplets_push(&a, 0, 0, 0, 0);
				a.v[k] = base.v[k];
			}
			b.v = malloc(base.n * sizeof *b.v);
			assert_non_null(b.v);
			memcpy(b.v, a.v, base.n * sizeof *b.v);
			b.n = b.cap = base.n;
			assert_int_equal(triplets_resolve(&a, policies[p], &sa),
					 reference_resolve(&b, policies[p],
							   &sb));
			assert_int_equal(sa.pairs, sb.pairs);
			assert_int_equal(sa.identical, sb.identical);
			assert_int_equal(sa.conflicting, sb.conflicting);
			assert_int_equal(a.n, b.n);
			for (k = 0; k < a.n; k++) {
				assert_int_equal(a.v[k].user, b.v[k].user);
				assert_int_equal(a.v[k].item, b.v[k].item);
				assert_true(a.v[k].value == b.v[k].value);
				assert_true(a.v[k].ts == b.v[k].ts);
				assert_int_equal(a.v[k].seq, b.v[k].seq);
			}
			triplets_free(&a);
			triplets_free(&b);
		}
	}
	assert_true(base.n > 20000);
	triplets_free(&base);
}

/* ------------------------------------------------------------------
 * Blocks fed to libcsv whole
 * ---------------------------------------------------------------- */

/* What one record should come out as. */
struct want {
	uint64_t line, last_line;
	char fields[64];            /* joined by '|' */
};

/* The records read back, compared as they come. */
struct got {
	const struct csvfile *f;
	const struct want *want;
	size_t n_want, n;
};

/* csvread callback: compare the record with the next one wanted. */
static int check_record(void *ctx, uint64_t line, char **f, size_t n)
{
	struct got *g = ctx;
	const struct csvread_rec *rec = csvread_record(g->f);
	char joined[128] = "";
	size_t i, len = 0;

	assert_true(g->n < g->n_want);
	for (i = 0; i < n; i++) {
		assert_int_equal(rec->lens[i], strlen(f[i]));
		len += (size_t)snprintf(joined + len, sizeof joined - len,
					"%s%s", i ? "|" : "", f[i]);
	}
	if (line != g->want[g->n].line ||
	    rec->last_line != g->want[g->n].last_line ||
	    strcmp(joined, g->want[g->n].fields) != 0)
		fail_msg("record %zu: got line %" PRIu64 "-%" PRIu64 " '%s', "
			 "want %" PRIu64 "-%" PRIu64 " '%s'", g->n, line,
			 rec->last_line, joined, g->want[g->n].line,
			 g->want[g->n].last_line, g->want[g->n].fields);
	g->n++;
	return 0;
}

/* Lines that make a block go line by line, each with the records it
 * gives: text, lines it spans, record fields (NULL: no record), and
 * where it goes: at the very start of its block, or in its middle. */
static const struct {
	const char *text;
	unsigned lines;
	const char *fields;
	bool block_start;
} specials[] = {
	{ "\n", 1, NULL, true },
	{ "   \n", 1, NULL, true },
	{ "\t8,9\n", 1, "8|9", true },
	{ "a,\"b\nc\",d\n", 2, "a|b\nc|d", false },
	{ "p,q,r\r\n", 1, "p|q|r", false },
	{ "s,t\r", 1, "s|t", false },
	{ "\"x\"\"y\",z\n", 1, "x\"y|z", false },
	{ " 5,6,7\n", 1, "5|6|7", false },
	{ "\n", 1, NULL, false },
	{ "\t\n", 1, NULL, false },
	{ "  \n", 1, NULL, false },
	{ "\r\n", 1, NULL, false },
	{ "\r\r\n", 2, NULL, false },
};

#define BLOCK (1u << 20)            /* csvread's block of lines */
#define PLAIN 32                    /* bytes of each plain line */

/* The records written so far, with their lines. */
struct wanted {
	struct want *v;
	size_t n, cap;
	uint64_t line;              /* the next line to be written */
};

/* Note a record of fields spanning lines lines (fields NULL: lines
 * that give no record). */
static void wanted_add(struct wanted *w, const char *fields, unsigned lines)
{
	if (fields) {
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 1024;
			w->v = realloc(w->v, w->cap * sizeof *w->v);
			assert_non_null(w->v);
		}
		w->v[w->n].line = w->line;
		w->v[w->n].last_line = w->line + lines - 1;
		snprintf(w->v[w->n].fields, sizeof w->v[w->n].fields, "%s",
			 fields);
		w->n++;
	}
	w->line += lines;
}

/* Write special k, then a line of y's that brings the file back to a
 * multiple of PLAIN bytes, so blocks keep starting where planned. */
static void add_special(struct text *t, struct wanted *w, size_t k)
{
	size_t len = strlen(specials[k].text);
	size_t fill = (PLAIN - len % PLAIN) % PLAIN;
	char ys[2 * PLAIN];

	if (fill < 2)
		fill += PLAIN;
	memset(ys, 'y', fill - 1);
	ys[fill - 1] = '\0';
	text_add(t, "%s%s\n", specials[k].text, ys);
	wanted_add(w, specials[k].fields, specials[k].lines);
	wanted_add(w, ys, 1);
}

/* A file of PLAIN-byte lines in which each of blocks 0..9 holds one
 * special line (at its start or in its middle) and the two blocks
 * after them none, the last line without its end: every record's
 * first and last line and fields come out as written, whether its
 * block went to libcsv whole or line by line. */
static void whole_blocks_keep_lines_and_fields(void **state)
{
	size_t n_specials = sizeof specials / sizeof *specials, i = 0;
	size_t total = (n_specials + 2) * BLOCK;
	struct wanted w = { NULL, 0, 0, 1 };
	struct text file = { 0 };
	struct csvfile f;
	struct got g;
	char path[256], err[256], fields[64];
	int rc;

	(void)state;
	for (;;) {
		size_t b = file.len / BLOCK, at = file.len % BLOCK;
		bool last = file.len + PLAIN >= total;

		if (b < n_specials && at == (specials[b].block_start ? 0 :
					     BLOCK / 2)) {
			add_special(&file, &w, b);
			continue;
		}
		text_add(&file, "%08zu,%06zu,3.5,11000%06zu%s", i, i % 977,
			 i % 1000000, last ? "" : "\n");
		snprintf(fields, sizeof fields, "%08zu|%06zu|3.5|11000%06zu",
			 i, i % 977, i % 1000000);
		wanted_add(&w, fields, 1);
		i++;
		if (last)
			break;
	}
	write_temp(path, sizeof path, file.s, file.len);
	rc = csvread_open(&f, path, NULL, err, sizeof err);
	unlink(path);               /* read through the open descriptor */
	assert_int_equal(rc, 0);
	memset(&g, 0, sizeof g);
	g.f = &f;
	g.want = w.v;
	g.n_want = w.n;
	assert_int_equal(csvread_each(&f, check_record, &g, err, sizeof err),
			 0);
	assert_int_equal(g.n, w.n);
	csvread_close(&f);
	free(file.s);
	free(w.v);
}

/* A small plain file without a final newline: lines 1, 2, 3. */
static void small_plain_file_counts_lines(void **state)
{
	static const struct want want[] = {
		{ 1, 1, "a|b" }, { 2, 2, "c|d" }, { 3, 3, "e|f" },
	};
	static const char text[] = "a,b\nc,d\ne,f";
	struct csvfile f;
	struct got g = { &f, want, 3, 0 };
	char path[256], err[256];
	int rc;

	(void)state;
	write_temp(path, sizeof path, text, sizeof text - 1);
	rc = csvread_open(&f, path, NULL, err, sizeof err);
	unlink(path);               /* read through the open descriptor */
	assert_int_equal(rc, 0);
	assert_int_equal(csvread_each(&f, check_record, &g, err, sizeof err),
			 0);
	assert_int_equal(g.n, 3);
	csvread_close(&f);
}

/* Run every case of this file; cmocka prints TAP for the harness. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decimal_ids_stay_strings),
		cmocka_unit_test(hashed_decimal_ids_move_into_the_array),
		cmocka_unit_test(mixed_ids_map_one_to_one),
		cmocka_unit_test(full_table_refuses_decimal_ids),
		cmocka_unit_test(rating_texts_read_as_the_general_path),
		cmocka_unit_test(rating_texts_on_whole_stars),
		cmocka_unit_test(timestamps_read_as_strtoll),
		cmocka_unit_test(ids_in_a_file_stay_strings),
		cmocka_unit_test(first_record_ids_trimmed_alike),
		cmocka_unit_test(runs_resolve_as_the_reference),
		cmocka_unit_test(whole_blocks_keep_lines_and_fields),
		cmocka_unit_test(small_plain_file_counts_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
