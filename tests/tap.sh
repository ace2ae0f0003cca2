# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh: sourced by the shell tests; prints TAP for the harness.
#   ok_if NAME COMMAND...   one case: passes when COMMAND succeeds
#   tap_skip_all REASON     skip the whole script
#   tap_done                print the plan and exit 1 if a case failed
# Environment from the harness: TASTE (binary), top_srcdir, top_builddir.
tap_n=0
tap_failed=0

# One test case: run the command, print "ok N - NAME" or "not ok".
ok_if() {
	name=$1; shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $name"
	else
		echo "not ok $tap_n - $name"
		tap_failed=$((tap_failed + 1))
	fi
}

# Diagnostics that the harness shows without counting.
tap_diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

tap_skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" = 0 ]
}
