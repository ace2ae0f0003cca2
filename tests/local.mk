# Tests: cmocka unit tests (tests/unit), golden CLI tests (tests/cli)
# and tmux-driven TUI tests (tests/tui). Each part has its fragment.
unit_ldadd = $(CORE_LIBS) $(CMOCKA_LIBS)
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
EXTRA_DIST += tests/tap.sh tests/cmocka-tap.sh

include $(srcdir)/tests/unit.mk
include $(srcdir)/tests/core.mk
include $(srcdir)/tests/tui.mk
include $(srcdir)/tests/model.mk
include $(srcdir)/tests/model2.mk
include $(srcdir)/tests/eval.mk
include $(srcdir)/tests/trainpane.mk
include $(srcdir)/tests/traincore.mk
include $(srcdir)/tests/matrix.mk
include $(srcdir)/tests/import.mk
include $(srcdir)/tests/importscreen.mk
include $(srcdir)/tests/signals.mk
include $(srcdir)/tests/speed.mk
include $(srcdir)/tests/fitstop.mk

# Project-wide checks.
TESTS += tests/potfiles.sh
EXTRA_DIST += tests/potfiles.sh
