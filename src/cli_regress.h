/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_regress: `taste regress CSV --target COL ...`, linear regression
 * by gradient descent beside the closed form (regress.h), as text or
 * --json. */
#ifndef TASTE_CLI_REGRESS_H
#define TASTE_CLI_REGRESS_H

#include <stdio.h>

#include "options.h"

/* Run `taste regress` (argv[0] is "regress"); returns the exit code:
 * 0 ok, 1 bad data or a diverged descent, 2 bad usage. */
int cli_regress_main(int argc, char **argv, struct taste_opts *opts);
/* Its --help. */
void cli_regress_help(FILE *f);

#endif
