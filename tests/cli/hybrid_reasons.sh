#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The hybrid's reasons count what the collaborative column counts: the
# users who liked both items (rating >= 4 of 5). Counted by hand from
# ml-latest-small's ratings.csv: 46 liked both Toy Story (1995) and
# Toy Story 2 (1999), 56 both Toy Story and Aladdin (1992).
. "$top_srcdir/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { LC_ALL=C.UTF-8 "$TASTE" --data-dir "$tmp/data" "$@"; }

t similar "Toy Story (1995)" -n 10 --method hybrid >"$tmp/hy" 2>"$tmp/err"
ok_if "similar --method hybrid exits 0" test $? = 0
liked='who liked Toy Story (1995) rated it highly; '
ok_if "Toy Story 2: both, 46 who liked Toy Story, count first" grep -q \
	"Toy Story 2 (1999) .* both: 46 $liked" "$tmp/hy"
ok_if "Aladdin: 56 who liked Toy Story" grep -q \
	"Aladdin (1992) .* both: 56 $liked" "$tmp/hy"
ok_if "content-only rows do not say both" sh -c \
	"! grep 'content: shares' '$tmp/hy' | grep -q 'both:'"
ok_if "no row says 0 rated it highly" sh -c \
	"! grep -q ' 0 rated it highly\| 0 who liked' '$tmp/hy'"
tap_diag "$(cat "$tmp/hy")"
tap_done
