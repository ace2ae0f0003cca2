/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli: the non-interactive command line. It reaches the same core as
 * the TUI. Exit codes: 0 ok, 1 bad data, 2 bad usage. */
#ifndef TASTE_CLI_H
#define TASTE_CLI_H

#include "options.h"

/* Parse global options and run a subcommand. Returns the exit code, or
 * -1 when no subcommand was given and the TUI should start with *opts. */
int cli_main(int argc, char **argv, struct taste_opts *opts);

#endif
