#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line itself: --help for taste and for every subcommand,
# --version, global options before or after the subcommand, -v, and
# the exit status of unknown commands and options.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

golden help 0 --help
golden help-short 0 -h
golden help-check 0 check --help
golden help-stats 0 stats --help
golden help-rate 0 rate -h

first_line_is() {
	want=$1; shift
	run_taste "$@" || return 1
	[ "$(head -n 1 "$out")" = "$want" ] || {
		tap_diag "first line: $(head -n 1 "$out")"
		return 1
	}
}
ok_if "--version says taste and its version" \
	first_line_is "taste 0.1.0" --version
ok_if "--version after a command" first_line_is "taste 0.1.0" stats --version
ok_if "--version names the BLAS" sh -c '"$1" --version | grep -q "^BLAS: "' \
	sh "$TASTE"

ok_if "an unknown command is bad usage" \
	status_case 2 "taste: unknown command frobnicate" frobnicate
# Only the short pointer to --help, not the whole help.
golden unknown-command 2 frobnicate
ok_if "an unknown global option is bad usage" \
	status_case 2 "taste: unknown option --bogus" --bogus
ok_if "--catalog needs a value" \
	status_case 2 "taste: an option needs a value" stats --catalog
# An empty value (an unset "$DIR" in a script) never means the default.
ok_if "--data-dir '' is bad usage, not the real profile" \
	status_case 2 "taste: --data-dir needs a directory, not an empty value" \
	rate --id 1 4 --data-dir ''
ok_if "--catalog= is bad usage, not the bundled movies" \
	status_case 2 \
	"taste: --catalog needs a name or a directory, not an empty value" \
	stats --catalog=
ok_if "export -o '' is bad usage" \
	status_case 2 "taste export: -o needs the name of the file to write" \
	export -o ''
ok_if "global options after the command" \
	first_line_is "goodbooks-10k (books)" stats --catalog=books --no-color
ok_if "-v writes a debug log in the cache directory" \
	sh -c '"$1" -v --data-dir "$2" stats >/dev/null &&
	       grep -q "catalog movies: 9742 items" "$2/taste.log"' \
	sh "$TASTE" "$data"
ok_if "the debug log is 0600" \
	sh -c '[ "$(stat -c %a "$1/taste.log")" = 600 ]' sh "$data"

tap_done
