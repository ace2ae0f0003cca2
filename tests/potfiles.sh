# SPDX-License-Identifier: GPL-3.0-or-later
# potfiles.sh: every source file with translatable strings is listed in
# po/POTFILES.in (else its messages silently never reach translators),
# and src/ never includes curses.
. "$top_srcdir/tests/tap.sh"
cd "$top_srcdir" || exit 1

# True when every file using _( or N_( is in POTFILES.in.
potfiles_complete() {
	missing=$(grep -l -E '\bN?_\(' src/*.c src/model/*.c ui/*.c |
		while read -r f; do
			grep -qx "$f" po/POTFILES.in || echo "$f"
		done)
	[ -z "$missing" ] || tap_diag "not in po/POTFILES.in: $missing"
	[ -z "$missing" ]
}

# True when no file under src/ includes a curses header.
core_has_no_curses() {
	hits=$(grep -l -E '#[[:space:]]*include[[:space:]]*[<"](n?curses|term)' \
		src/*.[ch] src/model/*.[ch])
	[ -z "$hits" ] || tap_diag "curses in the core: $hits"
	[ -z "$hits" ]
}

ok_if "every file with translatable strings is in po/POTFILES.in" \
	potfiles_complete
ok_if "src/ never includes curses" core_has_no_curses
tap_done
