# TUI tests: the real taste binary driven through tmux (tests/tui/lib.sh),
# each in a fresh --data-dir and on a private tmux socket. They skip
# when tmux is missing.
TUI_TESTS = \
	tests/tui/rate-search.sh \
	tests/tui/resize.sh \
	tests/tui/browse.sh \
	tests/tui/help.sh \
	tests/tui/ascii.sh \
	tests/tui/books.sh \
	tests/tui/narrow.sh \
	tests/tui/signals.sh \
	tests/tui/concurrent.sh \
	tests/tui/input.sh \
	tests/tui/recs.sh \
	tests/tui/recs-focus.sh \
	tests/tui/import-refuse.sh
TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/lib.sh bench/ui-latency.sh
