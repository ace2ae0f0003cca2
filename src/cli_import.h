/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_import: taste import and taste export, the command-line side of
 * import.h. cli.c dispatches to them after the global options. */
#ifndef TASTE_CLI_IMPORT_H
#define TASTE_CLI_IMPORT_H

#include <stdio.h>

#include "options.h"

/* taste import [FORMAT] PATH [--dry-run] [--json] ...: exit code. */
int cli_import_run(int argc, char **argv, struct taste_opts *opts);
void cli_import_help(FILE *f);
/* taste export [-o FILE]: exit code. */
int cli_export_run(int argc, char **argv, struct taste_opts *opts);
void cli_export_help(FILE *f);

#endif
