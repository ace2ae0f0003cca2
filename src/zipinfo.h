/* SPDX-License-Identifier: GPL-3.0-or-later */
/* zipinfo: what a zip archive holds, from its central directory, read
 * without extracting anything: how many of its members are CSV files
 * (an export that must be unzipped before it is imported). Zip64 and
 * archives with a comment longer than the format allows are not read:
 * they count as no zip. */
#ifndef TASTE_ZIPINFO_H
#define TASTE_ZIPINFO_H

#include <stdbool.h>

/* True when path is a file that starts as a zip archive does (a local
 * file header, or the end record of an empty archive), readable or
 * not. */
bool zipinfo_is_zip(const char *path);
/* The members of the zip archive path whose names end in ".csv" (any
 * case), or -1 when path is no zip archive that can be read. */
long zipinfo_csv_members(const char *path);

#endif
