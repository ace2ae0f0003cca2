/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_model: the model subcommands of the CLI: train, eval, recommend,
 * similar. cli.c hands them over after parsing the global options. */
#ifndef TASTE_CLI_MODEL_H
#define TASTE_CLI_MODEL_H

#include <stdbool.h>

#include "options.h"

/* True when sub is one of the model subcommands. */
bool cli_model_has(const char *sub);
/* Run model subcommand sub with its own arguments (argv[0] is sub).
 * Returns the exit code: 0 ok, 1 bad data, 2 bad usage. */
int cli_model_main(const char *sub, int argc, char **argv,
		   const struct taste_opts *opts);

#endif
