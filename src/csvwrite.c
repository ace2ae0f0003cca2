/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csvwrite: see csvwrite.h. */
#include <config.h>

#include <string.h>

#include "csvwrite.h"

/* One field, quoted only where needed (csvwrite.h). */
void csv_put_field(FILE *f, const char *s)
{
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") ||
		    (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
			   s[n - 1] == '\t'));

	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
