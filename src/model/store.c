/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store: binary payload helpers for the kNN, content and hybrid kinds
 * (see store.h). On a big-endian host each value is byte-swapped on the
 * way in and out, so files match model.c's little-endian payloads; on
 * little-endian hosts arrays go through fwrite and fread as they are. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "model/store.h"
#include "util.h"

#define STORE_NULL_STR UINT32_MAX

/* The message every short read gives. */
static int store_damaged(char *err, size_t errlen)
{
	xsnprintf(err, errlen, "%s",
		  _("model file is truncated or damaged"));
	return -1;
}

/* Whether bytes remain in the file (see store.h). */
bool store_fits(FILE *f, uint64_t bytes)
{
	struct stat st;
	off_t pos = ftello(f);

	if (pos < 0 || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
		return true;
	return (uint64_t)(st.st_size - pos) >= bytes;
}

/* True on a big-endian host. */
static bool store_big_endian(void)
{
	return __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
}

/* Reverse the bytes of each of n values of size bytes, in place. */
static void store_swap(void *p, size_t size, size_t n)
{
	unsigned char *b = p;

	for (size_t i = 0; size > 1 && i < n; i++, b += size)
		for (size_t l = 0, r = size - 1; l < r; l++, r--) {
			unsigned char t = b[l];

			b[l] = b[r];
			b[r] = t;
		}
}

/* Write n values of size bytes, little-endian. */
int store_put(FILE *f, const void *p, size_t size, size_t n)
{
	const unsigned char *b = p;

	if (n == 0)
		return 0;
	if (!store_big_endian() || size == 1)
		return fwrite(p, size, n, f) == n ? 0 : -1;
	for (size_t i = 0; i < n; i++, b += size) {
		unsigned char v[16];

		memcpy(v, b, size);
		store_swap(v, size, 1);
		if (fwrite(v, size, 1, f) != 1)
			return -1;
	}
	return 0;
}

/* Read n little-endian values of size bytes, or fail with the
 * damaged-file message. */
int store_get(FILE *f, void *p, size_t size, size_t n, char *err,
	      size_t errlen)
{
	if (n == 0)
		return 0;
	if (!store_fits(f, (uint64_t)size * n) || fread(p, size, n, f) != n)
		return store_damaged(err, errlen);
	if (store_big_endian())
		store_swap(p, size, n);
	return 0;
}

/* The payload's tag and version. */
int store_put_tag(FILE *f, const char tag[4], uint32_t version)
{
	if (store_put(f, tag, 1, 4) != 0)
		return -1;
	return store_put(f, &version, sizeof version, 1);
}

/* Check the payload's tag and version before anything else is read. */
int store_check_tag(FILE *f, const char tag[4], uint32_t version,
		    char *err, size_t errlen)
{
	char got[4];
	uint32_t v;

	if (store_get(f, got, 1, 4, err, errlen) != 0 ||
	    store_get(f, &v, sizeof v, 1, err, errlen) != 0)
		return -1;
	if (memcmp(got, tag, 4) != 0) {
		xsnprintf(err, errlen, "%s",
			  _("model file holds another kind of model"));
		return -1;
	}
	if (v != version) {
		xsnprintf(err, errlen,
			  _("model payload version %u, expected %u: "
			    "train again"), v, version);
		return -1;
	}
	return 0;
}

/* A string as its length then its bytes. */
int store_put_str(FILE *f, const char *s)
{
	uint32_t len = s ? (uint32_t)strlen(s) : STORE_NULL_STR;

	if (store_put(f, &len, sizeof len, 1) != 0)
		return -1;
	return s ? store_put(f, s, 1, len) : 0;
}

/* Read back a string of store_put_str. */
int store_get_str(FILE *f, char **out, char *err, size_t errlen)
{
	uint32_t len;

	*out = NULL;
	if (store_get(f, &len, sizeof len, 1, err, errlen) != 0)
		return -1;
	if (len == STORE_NULL_STR)
		return 0;
	if (!store_fits(f, len))
		return store_damaged(err, errlen);
	*out = xmalloc((size_t)len + 1);
	if (store_get(f, *out, 1, len, err, errlen) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	(*out)[len] = '\0';
	return 0;
}

/* The settings field by field, so padding never reaches the file. */
int store_put_params(FILE *f, const struct model_params *p)
{
	int32_t iv[4] = { p->factors, p->epochs, p->neighbours, p->threads };
	double dv[6] = { p->reg, p->reg_bias, p->alpha, p->positive_min,
			 p->shrink, p->diversity };
	uint8_t centred = p->centred;

	if (store_put(f, iv, sizeof iv[0], 4) != 0 ||
	    store_put(f, dv, sizeof dv[0], 6) != 0 ||
	    store_put(f, &centred, 1, 1) != 0)
		return -1;
	return store_put(f, &p->seed, sizeof p->seed, 1);
}

/* Read back the settings of store_put_params. */
int store_get_params(FILE *f, struct model_params *p, char *err,
		     size_t errlen)
{
	int32_t iv[4];
	double dv[6];
	uint8_t centred;

	if (store_get(f, iv, sizeof iv[0], 4, err, errlen) != 0 ||
	    store_get(f, dv, sizeof dv[0], 6, err, errlen) != 0 ||
	    store_get(f, &centred, 1, 1, err, errlen) != 0 ||
	    store_get(f, &p->seed, sizeof p->seed, 1, err, errlen) != 0)
		return -1;
	p->factors = iv[0];
	p->epochs = iv[1];
	p->neighbours = iv[2];
	p->threads = iv[3];
	p->reg = dv[0];
	p->reg_bias = dv[1];
	p->alpha = dv[2];
	p->positive_min = dv[3];
	p->shrink = dv[4];
	p->diversity = dv[5];
	p->centred = centred != 0;
	return 0;
}
