/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intern: id strings to dense indices.
 *
 * The table is open addressing with linear probing; it doubles when it
 * would pass half full, which keeps probe runs short without tuning.
 * Every id has a record in an arena (64-bit FNV-1a hash, index, length
 * and the bytes together); arena blocks double up to 1 MiB and never
 * move, which is what makes intern_str() pointers stable. A slot (16
 * bytes) holds the index and length, and either the bytes themselves
 * (ids of up to 8 bytes, nearly every id in a ratings file) or the
 * record: looking up a short id costs one cache miss, a long one two,
 * strings are compared only when the lengths (and for long ids the
 * full hashes) agree, and growing rehashes only the short ids. On a
 * load of millions of ratings the table is evicted from the cache by
 * the rows streaming past, so the misses are what interning costs.
 *
 * Decimal ids as they are written ("0", "7", "123456"; never "007",
 * "+7" or " 7", which stay other strings) skip the hash: a plain array
 * indexed by the number holds their index, 4 bytes an entry instead
 * of a 16-byte slot at most half full, so the ids of a ratings file
 * (movieId up to ~200000) stay in the cache where the hash table did
 * not. Which of the two holds a decimal id is decided by the array's
 * size alone: a value below it is in the array, any other id in the
 * hash. The array grows (by doubling, up to DIRECT_MAX entries) only
 * while it stays dense enough, at most DIRECT_DENSITY entries per id
 * beyond the first DIRECT_MIN, so sparse large ids cost no memory;
 * when it grows, the decimal ids of the hash that now fall below its
 * size move into it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "util.h"

#define ARENA_FIRST 4096
#define ARENA_MAX (1u << 20)

/* One id in the arena: its hash, index and length next to the bytes,
 * so a successful probe touches the slot and this record only. */
struct intern_rec {
	uint64_t hash;
	uint32_t id;
	uint32_t len;
	char s[];
};

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

#define SLOT_INLINE 8

/* A slot: id INTERN_NONE when empty. */
struct slot {
	uint32_t id;
	uint32_t len;
	union {
		char s[SLOT_INLINE];        /* len <= SLOT_INLINE, 0-padded */
		const struct intern_rec *r; /* longer ids */
	} u;
};

/* The direct array (see the header comment). */
#define DIRECT_DIGITS 8
#define DIRECT_MIN 1024
#define DIRECT_MAX (1u << 26)
#define DIRECT_DENSITY 8

struct intern {
	struct slot *slots;
	size_t mask;                /* slot count - 1 (a power of two) */
	size_t hashed;              /* ids in the slots */
	uint32_t *direct;           /* decimal id -> index, or INTERN_NONE */
	size_t direct_n;            /* entries: 0 or a power of two */
	const char **strs;          /* index -> string */
	size_t n, cap;
	uint32_t limit;             /* most ids the table will hold */
	struct arena_block *block;
	size_t next_block;
};

/* 64-bit FNV-1a: simple, no seed, good enough spread for ids. */
static uint64_t fnv1a(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* n empty slots. */
static struct slot *slots_new(size_t n)
{
	struct slot *s = xmalloc(n * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i].id = INTERN_NONE;
	return s;
}

/* An empty table. */
struct intern *intern_new(void)
{
	struct intern *t = xcalloc(1, sizeof *t);

	t->mask = 63;
	t->slots = slots_new(t->mask + 1);
	t->limit = INTERN_NONE;         /* indices 0 .. 2^32-2 */
	t->next_block = ARENA_FIRST;
	return t;
}

/* Free the table, its index and every arena block. */
void intern_free(struct intern *t)
{
	struct arena_block *b, *next;

	if (!t)
		return;
	for (b = t->block; b; b = next) {
		next = b->next;
		free(b);
	}
	free(t->slots);
	free(t->direct);
	free(t->strs);
	free(t);
}

/* For tests of the overflow path: behave as if full at limit ids. */
void intern_set_limit(struct intern *t, uint32_t limit)
{
	t->limit = limit < INTERN_NONE ? limit : INTERN_NONE;
}

/* A record for s[0..len) in the arena (8-byte aligned, never moves). */
static struct intern_rec *arena_rec(struct intern *t, const char *s,
				    size_t len)
{
	size_t need = (sizeof(struct intern_rec) + len + 1 + 7) & ~(size_t)7;
	struct arena_block *b = t->block;
	struct intern_rec *r;

	if (!b || b->size - b->used < need) {
		size_t size = t->next_block > need ? t->next_block : need;

		b = xmalloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		b->next = t->block;
		t->block = b;
		if (t->next_block < ARENA_MAX)
			t->next_block *= 2;
	}
	r = (struct intern_rec *)(void *)(b->data + b->used);
	b->used += need;
	memcpy(r->s, s, len);
	r->s[len] = '\0';
	r->len = (uint32_t)len;
	return r;
}

/* The home slot of hash h. FNV-1a's low bits barely differ between
 * ids that differ in their last digit ("1000".."1009"), which packs
 * them into runs that linear probing then walks: the hash is mixed
 * (a Murmur3-style finaliser) before masking. */
static size_t intern_home(uint64_t h, size_t mask)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	return (size_t)h & mask;
}

/* The hash of the id in a slot. */
static uint64_t slot_hash(const struct slot *sl)
{
	return sl->len <= SLOT_INLINE ? fnv1a(sl->u.s, sl->len)
				      : sl->u.r->hash;
}

/* Double the slot array and reinsert every slot by its hash. */
static void intern_grow(struct intern *t)
{
	size_t cap = (t->mask + 1) * 2, i;
	struct slot *old = t->slots;

	t->slots = slots_new(cap);
	for (i = 0; i <= t->mask; i++) {
		size_t j;

		if (old[i].id == INTERN_NONE)
			continue;
		j = intern_home(slot_hash(&old[i]), cap - 1);
		while (t->slots[j].id != INTERN_NONE)
			j = (j + 1) & (cap - 1);
		t->slots[j] = old[i];
	}
	t->mask = cap - 1;
	free(old);
}

/* True when the slot holds s[0..len) of hash h. */
static bool slot_is(const struct slot *sl, const char *s, size_t len,
		    uint64_t h)
{
	if (sl->len != len)
		return false;
	if (len <= SLOT_INLINE)
		return memcmp(sl->u.s, s, len) == 0;
	return sl->u.r->hash == h && memcmp(sl->u.r->s, s, len) == 0;
}

/* Slot where s is, or the empty slot where it would go. */
static size_t intern_probe(const struct intern *t, const char *s,
			   size_t len, uint64_t h)
{
	size_t j = intern_home(h, t->mask);

	while (t->slots[j].id != INTERN_NONE &&
	       !slot_is(&t->slots[j], s, len, h))
		j = (j + 1) & t->mask;
	return j;
}

/* The number a decimal id as written stands for: s[0..len) is 1 to
 * DIRECT_DIGITS digits without a leading zero (or just "0"). False for
 * any other string. */
static inline bool direct_value(const char *s, size_t len, uint32_t *v)
{
	uint32_t x = 0;
	size_t i;

	if (len - 1 >= DIRECT_DIGITS || (s[0] == '0' && len > 1))
		return false;
	for (i = 0; i < len; i++) {
		unsigned d = (unsigned char)s[i] - (unsigned)'0';

		if (d > 9)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

/* Entries the direct array needs to hold value v: a power of two. */
static size_t direct_size_for(uint32_t v)
{
	size_t n = DIRECT_MIN;

	while (n <= v)
		n *= 2;
	return n;
}

/* Put every slot but the decimal ids below the direct array's size
 * back in place, moving those into the array. */
static void direct_take_from_slots(struct intern *t)
{
	size_t cap = t->mask + 1, i;
	struct slot *old = t->slots;
	uint32_t v;

	t->slots = slots_new(cap);
	t->hashed = 0;
	for (i = 0; i < cap; i++) {
		size_t j;

		if (old[i].id == INTERN_NONE)
			continue;
		if (old[i].len <= SLOT_INLINE &&
		    direct_value(old[i].u.s, old[i].len, &v) &&
		    v < t->direct_n) {
			t->direct[v] = old[i].id;
			continue;
		}
		j = intern_home(slot_hash(&old[i]), t->mask);
		while (t->slots[j].id != INTERN_NONE)
			j = (j + 1) & t->mask;
		t->slots[j] = old[i];
		t->hashed++;
	}
	free(old);
}

/* Grow the direct array to hold value v when it stays dense enough
 * (see the header comment); the hash's decimal ids it now covers move
 * in. False when it does not grow. */
static bool direct_grow(struct intern *t, uint32_t v)
{
	size_t most = DIRECT_MIN + DIRECT_DENSITY * (t->n + 1), n, i;

	if (v >= DIRECT_MAX || (size_t)v >= most)   /* the usual no: fast */
		return false;
	if ((n = direct_size_for(v)) > most)
		return false;
	t->direct = xrealloc(t->direct, n * sizeof *t->direct);
	for (i = t->direct_n; i < n; i++)
		t->direct[i] = INTERN_NONE;
	t->direct_n = n;
	if (t->hashed)
		direct_take_from_slots(t);
	return true;
}

/* The record and string of a new id (index t->n), or NULL when the
 * table is full. */
static struct intern_rec *intern_new_rec(struct intern *t, const char *s,
					 size_t len, uint64_t h)
{
	struct intern_rec *r;

	if (t->n >= t->limit || len > UINT32_MAX)
		return NULL;
	xgrow((void **)&t->strs, &t->cap, t->n + 1, sizeof *t->strs);
	r = arena_rec(t, s, len);
	r->hash = h;
	r->id = (uint32_t)t->n;
	t->strs[t->n++] = r->s;
	return r;
}

/* Index of the decimal id s[0..len) of value v below direct_n, adding
 * it when it is new. */
static uint32_t intern_add_direct(struct intern *t, const char *s,
				  size_t len, uint32_t v, bool *added)
{
	struct intern_rec *r;

	if (t->direct[v] != INTERN_NONE)
		return t->direct[v];
	if (!(r = intern_new_rec(t, s, len, 0)))
		return INTERN_NONE;
	t->direct[v] = r->id;
	if (added)
		*added = true;
	return r->id;
}

/* Index of s[0..len), adding it when it is new. */
uint32_t intern_add(struct intern *t, const char *s, size_t len,
		    bool *added)
{
	struct intern_rec *r;
	struct slot *sl;
	uint64_t h;
	uint32_t v;
	size_t j;

	if (added)
		*added = false;
	if (direct_value(s, len, &v) &&
	    (v < t->direct_n || direct_grow(t, v)))
		return intern_add_direct(t, s, len, v, added);
	h = fnv1a(s, len);
	j = intern_probe(t, s, len, h);
	if (t->slots[j].id != INTERN_NONE)
		return t->slots[j].id;
	if (t->n >= t->limit || len > UINT32_MAX)
		return INTERN_NONE;
	if ((t->hashed + 1) * 2 > t->mask + 1) {
		intern_grow(t);
		j = intern_probe(t, s, len, h);
	}
	r = intern_new_rec(t, s, len, h);
	sl = &t->slots[j];
	sl->id = r->id;
	sl->len = (uint32_t)len;
	memset(&sl->u, 0, sizeof sl->u);
	if (len <= SLOT_INLINE)
		memcpy(sl->u.s, s, len);
	else
		sl->u.r = r;
	t->hashed++;
	if (added)
		*added = true;
	return r->id;
}

/* Index of the NUL-ended s, or INTERN_NONE. */
uint32_t intern_find(const struct intern *t, const char *s)
{
	size_t len = strlen(s);
	uint32_t v;

	if (direct_value(s, len, &v) && v < t->direct_n)
		return t->direct[v];
	return t->slots[intern_probe(t, s, len, fnv1a(s, len))].id;
}

/* The string of index i; NULL for an index the table does not hold. */
const char *intern_str(const struct intern *t, uint32_t i)
{
	return i < t->n ? t->strs[i] : NULL;
}

/* Number of distinct ids. */
uint32_t intern_count(const struct intern *t)
{
	return (uint32_t)t->n;
}
