#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# core_journal: the profile journal and the files taste replaces, from
# the command line. A journal that is a symbolic link (to a synced
# folder) stays one when a long journal is compacted on open, and the
# rating goes to the file it names. export -o writes through a link
# (which keeps its target's mode), into a FIFO and into /dev/stdout,
# also for a user who may not open the pipe again. Commands that only
# read (import --dry-run, export, stats, recommend) leave a long 0644
# journal as it was (no compaction, same inode, mode and bytes), and
# work when the journal may only be read (0400 in a 0500 directory, as
# user nobody when run by root), while rate and a real import fail
# with status 1 and stats only warns. A catalogue directory moved after
# it was rated names its old profile and how to move it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

# A taste export rating Jumanji (id 2): an import that writes a row.
one=$work/one.csv
printf '%s\n%s\n' item_id,title,year,rating,scale,signal,timestamp,catalog \
	2,Jumanji,1995,4,,,1700000000,movies >"$one"
chmod 644 "$one"

# 150 ratings of item 1 at 1600000001.. (superseded lines dominate).
long_journal() {
	i=1
	while [ $i -le 150 ]; do
		printf 'set\t%d\t%d\t1\n' $((1600000000 + i)) $((i % 5 + 1))
		i=$((i + 1))
	done
}

# Inode, mode, size and checksum of a file, to tell it was not touched.
fingerprint() {
	printf '%s %s\n' "$(stat -c '%i %a %s %Y' "$1")" \
		"$(cksum <"$1")"
}

# True when $1 holds the text $2 (diagnostics otherwise).
holds() {
	grep -qF -- "$2" "$1" && return 0
	tap_diag "no '$2' in $1:" "$(cat "$1")"
	return 1
}

# A symlinked journal: compacted on open through the link.
linked_rate() {
	mkdir -p "$work/sync" "$data" || return 1
	long_journal >"$work/sync/movies.journal"
	ln -s ../sync/movies.journal "$data/movies.journal" || return 1
	run_taste rate --id 2 4 || return 1
	[ -L "$data/movies.journal" ] || {
		tap_diag "the link was replaced"
		return 1
	}
	[ "$(wc -l <"$work/sync/movies.journal")" = 2 ] &&
	[ "$(tail -n 1 "$work/sync/movies.journal" | cut -f 3-)" = \
	  "$(printf '4\t2')" ] || {
		tap_diag "$(cat "$work/sync/movies.journal")"
		return 1
	}
}
ok_if "a symlinked journal is compacted and written through the link" \
	linked_rate

# export -o a link to a 0644 file: written through, link and mode kept.
export_link() {
	echo old >"$work/target.csv"
	chmod 644 "$work/target.csv"
	ln -s target.csv "$work/link.csv"
	run_taste export -o "$work/link.csv" || return 1
	[ -L "$work/link.csv" ] &&
	[ "$(stat -c %a "$work/target.csv")" = 644 ] &&
		holds "$work/target.csv" "2,Jumanji,1995,4,,,"
}
ok_if "export -o LINK writes through the link" export_link

# export -o a FIFO and -o /dev/stdout: written as they are.
export_fifo() {
	mkfifo "$work/fifo" || return 1
	cat "$work/fifo" >"$work/fifo.out" &
	run_taste export -o "$work/fifo" || return 1
	wait
	[ -p "$work/fifo" ] && holds "$work/fifo.out" "2,Jumanji,1995,4,,,"
}
ok_if "export -o FIFO writes into the FIFO" export_fifo
to_stdout() {
	"$TASTE" --data-dir "$data" export -o /dev/stdout |
		grep -q "^2,Jumanji" && [ -L /dev/stdout ]
}
ok_if "export -o /dev/stdout writes to standard output" to_stdout

# Run taste as someone who may not write $data ($data and its journal
# made read-only; user nobody when we are root). Output in $out.
as_reader() {
	if [ "$(id -u)" = 0 ]; then
		(cd "$fixtures" && setpriv --reuid=65534 --regid=65534 \
			--clear-groups "$TASTE" --data-dir "$data" "$@") \
			>"$out" 2>"$errout"
	else
		(cd "$fixtures" && "$TASTE" --data-dir "$data" "$@") \
			>"$out" 2>"$errout"
	fi
}

# A fresh data directory with the long journal, 0644.
long_data() {
	rm -rf "$data" && mkdir -p "$data" || return 1
	long_journal >"$data/movies.journal"
	chmod 644 "$data/movies.journal"
	fingerprint "$data/movies.journal" >"$work/before"
}

# The journal is as long_data left it.
untouched() {
	fingerprint "$data/movies.journal" >"$work/after"
	cmp -s "$work/before" "$work/after" && return 0
	tap_diag "journal changed: $(cat "$work/before") -> " \
		"$(cat "$work/after")"
	return 1
}

readers_leave_it() {
	long_data || return 1
	run_taste import "$one" --dry-run || return 1
	holds "$out" "dry run: nothing written (1 row would be)" || return 1
	run_taste export >/dev/null || return 1
	run_taste stats >/dev/null || return 1
	run_taste recommend >/dev/null || return 1
	untouched || return 1
	set -- "$data"/*.journal*
	[ "$#" = 1 ] || { tap_diag "made: $*"; return 1; }
}
ok_if "dry run, export, stats, recommend neither compact nor change it" \
	readers_leave_it

# The journal may only be read.
read_only_data() {
	long_data || return 1
	if [ "$(id -u)" = 0 ]; then
		chmod 711 "$work" && chown -R 65534:65534 "$data"
	fi
	chmod 400 "$data/movies.journal" && chmod 500 "$data"
}
reader_status() {
	want=$1; shift
	as_reader "$@"
	got=$?
	[ "$got" = "$want" ] && return 0
	tap_diag "exit $got, want $want" "$(cat "$errout")"
	return 1
}
# Whether user nobody can start taste at all (a root whose libraries
# or build tree only root may read cannot test this).
nobody_runs() {
	[ "$(id -u)" != 0 ] && return 0
	command -v setpriv >/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$TASTE" \
		--version >/dev/null 2>&1
}
if ! nobody_runs; then
	echo "ok $((tap_n + 1)) # SKIP as root, user nobody cannot run $TASTE"
	tap_n=$((tap_n + 1))
else
	read_only_data
	ok_if "export of a journal that may only be read" \
		reader_status 0 export
	ok_if "... holds its rating" holds "$out" "1,Toy Story,1995,1,,,"
	ok_if "export -o /dev/stdout by a user who may not open it" \
		reader_status 0 export -o /dev/stdout
	ok_if "... holds its rating" holds "$out" "1,Toy Story,1995,1,,,"
	ok_if "import --dry-run of it" \
		reader_status 0 import "$one" --dry-run
	ok_if "stats of it" reader_status 0 stats
	ok_if "... counts your rating" holds "$out" "your ratings"
	ok_if "recommend from it" reader_status 0 recommend
	ok_if "rate fails with status 1" reader_status 1 rate --id 2 4
	ok_if "... saying why" holds "$errout" "Permission denied"
	ok_if "import fails with status 1" reader_status 1 import "$one"
	chmod 000 "$data/movies.journal"
	ok_if "stats of an unreadable journal warns, status 0" \
		reader_status 0 stats
	ok_if "... and says what it left out" holds "$errout" \
		"warning: cannot read"
	ok_if "export of an unreadable journal fails with status 1" \
		reader_status 1 export
	chmod 700 "$data"
	chmod 600 "$data/movies.journal"
fi

# A catalogue directory moved after it was rated: its profile is named,
# with the command that moves it, which then brings the rating back.
moved_dir() {
	rm -rf "$data" "$work/mvA" "$work/mvB"
	cp -r "$fixtures/tiny-movies" "$work/mvA" || return 1
	run_taste --catalog "$work/mvA" rate --id 2 4 || return 1
	set -- "$data"/mvA-*.source
	[ "$(cat "$1")" = "$work/mvA" ] || {
		tap_diag "source: $(cat "$1")"
		return 1
	}
	mv "$work/mvA" "$work/mvB"
	run_taste --catalog "$work/mvB" stats || return 1
	holds "$errout" "warning: the ratings of $work/mvA, which is gone, \
are in $data/mvA-" || return 1
	cmd=$(sed -n 's/.*; if it moved here: //p' "$errout")
	[ -n "$cmd" ] && eval "$cmd" || return 1
	run_taste --catalog "$work/mvB" export || return 1
	holds "$out" "2,Amélie,2001,4,,," || return 1
	run_taste --catalog "$work/mvB" stats || return 1
	[ ! -s "$errout" ] || { tap_diag "$(cat "$errout")"; return 1; }
}
ok_if "a moved catalogue directory names its old profile" moved_dir

# Rated again after the move before moving the old profile: the command
# keeps both, the newer rating last (and quotes a path with a quote).
moved_and_rated() {
	old="$work/it's A" new="$work/it's B"
	rm -rf "$data" "$old" "$new"
	cp -r "$fixtures/tiny-movies" "$old" || return 1
	run_taste --catalog "$old" rate --id 2 4 || return 1
	run_taste --catalog "$old" rate --id 1 2 || return 1
	mv "$old" "$new"
	run_taste --catalog "$new" rate --id 2 5 || return 1
	cmd=$(sed -n 's/.*; if it moved here: //p' "$errout")
	[ -n "$cmd" ] && eval "$cmd" || return 1
	run_taste --catalog "$new" export || return 1
	holds "$out" "2,Amélie,2001,5,,," && holds "$out" ",1999,2,,,"
}
ok_if "... and a rating made after the move is kept" moved_and_rated

# Your words (shelves, tags, genres) of a moved directory are named too,
# with the rename that brings them along.
moved_words() {
	rm -rf "$data" "$work/wA" "$work/wB"
	cp -r "$fixtures/tiny-movies" "$work/wA" || return 1
	run_taste --catalog "$work/wA" rate --id 2 4 || return 1
	set -- "$data"/wA-*.journal
	printf 'item_id,genres,tags\n2,,whimsy\n' >"${1%.journal}.tags.csv"
	mv "$work/wA" "$work/wB"
	run_taste --catalog "$work/wB" stats || return 1
	holds "$errout" "warning: your shelves, tags and genres of $work/wA, \
which is gone, are in $data/wA-" || return 1
	for cmd in $(sed -n 's/.*; if it moved here: //p' "$errout" |
		     tr ' ' '@'); do
		eval "$(echo "$cmd" | tr '@' ' ')" || return 1
	done
	run_taste --catalog "$work/wB" export || return 1
	holds "$out" "2,Amélie,2001,4,,," && holds "$out" ",,whimsy,"
}
ok_if "a moved directory's words are named and come along" moved_words

tap_done
