/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_tune: `taste eval --grid 'factors=16,32;reg=0.05,0.1'`, the grid
 * search of tune.h on the command line: progress on stderr, the table
 * of mean validation RMSE (or NDCG@k for iALS) with the best cell
 * marked, or --json. cli_model.c parses the eval options and hands the
 * data over. */
#ifndef TASTE_CLI_TUNE_H
#define TASTE_CLI_TUNE_H

#include <stdbool.h>

#include "eval.h"
#include "tune.h"

/* Run the grid spec over the ratings of d with o; returns the exit
 * code (0, 1 when no cell could be measured, 2 for a bad grid). */
int cli_tune_eval(const struct eval_data *d, const char *spec,
		  const struct tune_opts *o, bool json);

#endif
