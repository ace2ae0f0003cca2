/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fixture: paths of test fixtures under $top_srcdir/tests/fixtures (the
 * harness exports top_srcdir; TOP_SRCDIR is the configure-time one). */
#ifndef TASTE_TEST_FIXTURE_H
#define TASTE_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

/* "$top_srcdir/tests/fixtures/<name>" in a static buffer. */
static inline const char *fixture(const char *name)
{
	static char buf[4096];
	const char *top = getenv("top_srcdir");

	if (!top || !*top)
		top = TOP_SRCDIR;
	snprintf(buf, sizeof buf, "%s/tests/fixtures/%s", top, name);
	return buf;
}

/* "$top_srcdir/<name>": bundled data such as data/movies/movies.csv. */
static inline const char *srcfile(const char *name)
{
	static char buf[4096];
	const char *top = getenv("top_srcdir");

	if (!top || !*top)
		top = TOP_SRCDIR;
	snprintf(buf, sizeof buf, "%s/%s", top, name);
	return buf;
}

#endif
