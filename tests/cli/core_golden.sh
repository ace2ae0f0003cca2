# SPDX-License-Identifier: GPL-3.0-or-later
# core_golden.sh: sourced by the golden CLI tests after tap.sh. Each test runs
# $TASTE from tests/fixtures (so paths in the output are relative) with
# --data-dir in a fresh temporary directory, never the real XDG ones,
# and compares stdout (and stderr when tests/golden/NAME.err exists)
# with tests/golden/NAME.out, and the exit status with the one given.
#   golden NAME STATUS ARG...    one case
#   run_taste ARG...             run taste, output in $out / $errout
# TASTE_REGEN_GOLDEN=1 rewrites the expected files from the output (for
# review with git diff, never in a normal run).
: "${TASTE:?TASTE is not set (run through make check)}"
: "${top_srcdir:?top_srcdir is not set (run through make check)}"
LC_ALL=C.UTF-8
export LC_ALL
unset NO_COLOR TASTE_DATA
golden_dir=$top_srcdir/tests/golden
fixtures=$top_srcdir/tests/fixtures
work=$(mktemp -d "${TMPDIR:-/tmp}/taste-golden.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
data=$work/data
out=$work/stdout
errout=$work/stderr

[ -x "$TASTE" ] || tap_skip_all "no taste binary at $TASTE"
[ -d "$fixtures/cases" ] || tap_skip_all "no fixtures in $fixtures/cases"

# Run taste from the fixtures directory with the private data dir;
# the fixtures' real path in the output (a taste export names its
# catalogue's directory) reads @FIXTURES@.
run_taste() {
	(cd "$fixtures" && "$TASTE" --data-dir "$data" "$@") \
		>"$out" 2>"$errout"
	rc=$?
	real=$(cd "$fixtures" && pwd -P)
	sed -i "s|$real|@FIXTURES@|g" "$out" "$errout"
	return $rc
}

# Compare file $1 with golden file $2; print the diff as diagnostics.
same_as() {
	if [ -n "${TASTE_REGEN_GOLDEN:-}" ]; then
		cp "$1" "$2"
		return 0
	fi
	if [ ! -f "$2" ]; then
		tap_diag "missing golden file $2; output was:"
		tap_diag "$(cat "$1")"
		return 1
	fi
	if ! diff -u "$2" "$1" >"$work/diff"; then
		tap_diag "$(cat "$work/diff")"
		return 1
	fi
}

# One golden case: status, stdout and (if expected) stderr.
golden_case() {
	name=$1; want=$2; shift 2
	run_taste "$@"
	got=$?
	ok=0
	if [ "$got" != "$want" ]; then
		tap_diag "$name: exit status $got, want $want"
		tap_diag "stderr: $(cat "$errout")"
		ok=1
	fi
	same_as "$out" "$golden_dir/$name.out" || ok=1
	if [ -f "$golden_dir/$name.err" ] ||
	   { [ -n "${TASTE_REGEN_GOLDEN:-}" ] && [ -s "$errout" ]; }; then
		same_as "$errout" "$golden_dir/$name.err" || ok=1
	fi
	return $ok
}

golden() {
	ok_if "$1" golden_case "$@"
}

# A case that only checks the exit status and that stderr has a line
# starting with $3.
status_case() {
	want=$1; prefix=$2; shift 2
	run_taste "$@"
	got=$?
	[ "$got" = "$want" ] || {
		tap_diag "exit status $got, want $want"
		return 1
	}
	[ -z "$prefix" ] && return 0
	grep -q "^$prefix" "$errout" || {
		tap_diag "stderr has no line starting with '$prefix':"
		tap_diag "$(cat "$errout")"
		return 1
	}
}
