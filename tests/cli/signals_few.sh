#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The onboarding list after a watched-only Letterboxd import and two
# ratings (tests/fixtures/signals/few, on the bundled movies): eleven
# films seen, mostly crime and thrillers, then Fargo rated 5 and
# Memento 4.5. The list takes content and popular picks in turn, each
# row saying which it is ("content: shares ...", "popular: ..."), with
# no score column (the two sources' scores do not compare); --json
# gives each row's source. No reason names a two-letter title word.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

run_taste import signals/few
ok_if "the watched films import" test $? = 0
run_taste rate --id 608 5
ok_if "Fargo rated 5" test $? = 0
run_taste rate --id 4226 4.5
ok_if "Memento rated 4.5" test $? = 0
run_taste train --model content
ok_if "content trains" test $? = 0
golden signals-few 0 recommend -n 20
ok_if "ten content picks" \
	test "$(grep -c '^ *[0-9]*\. .* content: shares ' "$out")" = 10
ok_if "ten popular picks" \
	test "$(grep -c '^ *[0-9]*\. .* popular: ' "$out")" = 10
seq=$(sed -n 's/^ *[0-9]*\. .* \(content\|popular\): .*/\1/p' "$out" |
	cut -c1 | tr -d '\n')
ok_if "they alternate, content first" test "$seq" = cpcpcpcpcpcpcpcpcpcp
ok_if "no score column" eval '! grep -q " [0-9]\.[0-9][0-9][0-9]  " "$out"'
run_taste recommend -n 20 --json
ok_if "--json: ten rows from each source" eval \
	'test "$(grep -c "\"source\": \"content\"" "$out")" = 10 &&
	 test "$(grep -c "\"source\": \"popular\"" "$out")" = 10'
run_taste similar "no country for old men" --method content -n 50
ok_if "no reason names a two-letter word" eval \
	'! grep -E "shares .*\<[a-z]{1,2}(,|\$)" "$out"'
tap_done
