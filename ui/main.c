/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main: the taste binary. The command line runs subcommands itself;
 * with no subcommand the TUI starts with the options it parsed. */
#include <config.h>

#include <locale.h>

#include "app.h"
#include "cli.h"
#include "i18n.h"
#include "options.h"

/* Set up the locale and gettext, then the CLI or the TUI. */
int main(int argc, char **argv)
{
	struct taste_opts opts = { 0 };
	int rc;

	setlocale(LC_ALL, "");
	/* numbers in data files and on the command line are always read
	 * and written with a '.' whatever the user's locale */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
	rc = cli_main(argc, argv, &opts);
	if (rc != -1)
		return rc;
	return app_run(&opts);
}
