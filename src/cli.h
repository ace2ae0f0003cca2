/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli: the non-interactive command line. It reaches the same core as
 * the TUI. Exit codes: 0 ok, 1 bad data, 2 bad usage. */
#ifndef TASTE_CLI_H
#define TASTE_CLI_H

#include <stdint.h>

#include "options.h"

struct catalog;
struct profile;

/* Parse global options and run a subcommand. Returns the exit code, or
 * -1 when no subcommand was given and the TUI should start with *opts. */
int cli_main(int argc, char **argv, struct taste_opts *opts);

/* Helpers the model subcommands (cli_model.c) share with rate. */

/* The item a title typed on the command line means, by search_title
 * (the exact title, then without its article, then the words), never a
 * guess: INTERN_NONE after a message on stderr when nothing matches or
 * several items do. Those are listed with their ids, then a command to
 * paste: "taste [--catalog CATALOG] SUB --id ID[ TAIL]" (CATALOG NULL
 * or "movies" is left out). */
uint32_t cli_title_item(const char *sub, const struct catalog *c,
			const char *title, const char *catalog,
			const char *tail, const struct taste_opts *opts);
/* The profile of c for writing, created when missing and validated
 * against c: ratings off its scale or of items it does not have are
 * hidden, which a warning on stderr says, as it says which journal
 * lines cannot be read. NULL after a message. */
struct profile *cli_profile_open(const char *sub, const struct catalog *c);
/* The same for a command that only reads (profile_open_ro): nothing is
 * created, compacted or changed, a missing journal is an empty
 * profile, and a journal you may only read will do. */
struct profile *cli_profile_read(const char *sub, const struct catalog *c);
/* The same without the warning of the ratings the catalogue hides: for
 * a backup (export), which keeps them and says so itself. */
struct profile *cli_profile_backup(const char *sub,
				   const struct catalog *c);
/* The warnings of c's import reports on stderr ("taste SUB: warning:
 * ratings.csv: empty file: no community ratings"). */
void cli_catalog_warnings(const char *sub, const struct catalog *c);
/* --sep of check and import: the delimiter ",", ";", "|", "::" or a
 * tab ("tab", "\\t" or itself); NULL for anything else. */
const char *cli_parse_sep(const char *s);

#endif
