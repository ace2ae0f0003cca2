/* SPDX-License-Identifier: GPL-3.0-or-later */
/* zipinfo: the end of central directory record is found in the last
 * 64 KiB + 22 bytes of the file (its comment is at most 65,535
 * bytes); the central directory it points to is read whole (at most
 * ZIP_CD_MAX bytes) and walked entry by entry, every length checked
 * against what was read. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util.h"
#include "zipinfo.h"

#define ZIP_EOCD_LEN 22                 /* the record without comment */
#define ZIP_TAIL_MAX (65535 + ZIP_EOCD_LEN)
#define ZIP_CD_ENTRY_LEN 46             /* an entry without its names */
#define ZIP_CD_MAX (16L << 20)          /* a larger directory: no zip */

/* The little-endian number of 2 bytes at p. */
static uint32_t le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

/* The little-endian number of 4 bytes at p. */
static uint32_t le32(const unsigned char *p)
{
	return le16(p) | le16(p + 2) << 16;
}

/* Read n bytes at offset off of f into a new buffer, or NULL. */
static unsigned char *read_at(FILE *f, long off, long n)
{
	unsigned char *buf;

	if (n <= 0 || fseek(f, off, SEEK_SET) != 0)
		return NULL;
	buf = xmalloc((size_t)n);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The offset of the end of central directory record in the tail of
 * size bytes that starts at file offset base, or -1. */
static long find_eocd(const unsigned char *tail, long size, long base)
{
	for (long k = size - ZIP_EOCD_LEN; k >= 0; k--)
		if (memcmp(tail + k, "PK\5\6", 4) == 0)
			return base + k;
	return -1;
}

/* The CSV members of the n entries of the central directory cd (len
 * bytes), or -1 when it is not one. */
static long count_csv(const unsigned char *cd, long len, uint32_t n)
{
	long at = 0, csv = 0;

	for (uint32_t k = 0; k < n; k++) {
		const unsigned char *e = cd + at;
		long name, rest;

		if (at + ZIP_CD_ENTRY_LEN > len ||
		    memcmp(e, "PK\1\2", 4) != 0)
			return -1;
		name = (long)le16(e + 28);
		rest = name + (long)le16(e + 30) + (long)le16(e + 32);
		if (at + ZIP_CD_ENTRY_LEN + rest > len)
			return -1;
		if (name >= 4 && strncasecmp((const char *)e +
					     ZIP_CD_ENTRY_LEN + name - 4,
					     ".csv", 4) == 0)
			csv++;
		at += ZIP_CD_ENTRY_LEN + rest;
	}
	return csv;
}

/* True when path starts like a zip archive. */
bool zipinfo_is_zip(const char *path)
{
	struct stat st;
	unsigned char b[4];
	FILE *f = stat(path, &st) == 0 && S_ISREG(st.st_mode)
		  ? fopen(path, "rb") : NULL;
	bool zip = f && fread(b, 1, 4, f) == 4 &&
		   (memcmp(b, "PK\3\4", 4) == 0 ||
		    memcmp(b, "PK\5\6", 4) == 0);

	if (f)
		fclose(f);
	return zip;
}

/* The CSV members of a zip archive, or -1. */
long zipinfo_csv_members(const char *path)
{
	struct stat st;
	FILE *f = stat(path, &st) == 0 && S_ISREG(st.st_mode)
		  ? fopen(path, "rb") : NULL;
	unsigned char *tail = NULL, *cd = NULL;
	long size, n, eocd, csv = -1;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <
	    ZIP_EOCD_LEN)
		goto out;
	n = size < ZIP_TAIL_MAX ? size : ZIP_TAIL_MAX;
	tail = read_at(f, size - n, n);
	eocd = tail ? find_eocd(tail, n, size - n) : -1;
	if (eocd >= 0) {
		const unsigned char *r = tail + (eocd - (size - n));
		long cd_len = (long)le32(r + 12), cd_off = (long)le32(r + 16);

		if (cd_len == 0 && le16(r + 10) == 0)
			csv = 0;        /* an empty archive */
		else if (cd_len <= ZIP_CD_MAX && cd_off + cd_len <= eocd &&
			 (cd = read_at(f, cd_off, cd_len)) != NULL)
			csv = count_csv(cd, cd_len, le16(r + 10));
	}
out:
	free(cd);
	free(tail);
	if (f)
		fclose(f);
	return csv;
}
