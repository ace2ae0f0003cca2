# The ncursesw front end and the taste binary. One file per pane,
# shared widgets (table, prompt, overlay, lines, draw), the keymap, the
# theme, the layout and the terminal set-up.
bin_PROGRAMS += taste
taste_SOURCES = \
	ui/main.c \
	ui/app.c ui/app.h \
	ui/layout.c ui/layout.h \
	ui/term.c ui/term.h \
	ui/pane.h \
	ui/pane_browse.c \
	ui/pane_matrix.c \
	ui/pane_search.c \
	ui/pane_train.c \
	ui/recs_view.c ui/recs_view.h \
	ui/table.c ui/table.h \
	ui/prompt.c ui/prompt.h \
	ui/overlay.c ui/overlay.h \
	ui/lines.c ui/lines.h \
	ui/draw.c ui/draw.h \
	ui/plotdraw.c ui/plotdraw.h \
	ui/details.c ui/details.h \
	ui/dataset.c ui/dataset.h \
	ui/help.c ui/help.h \
	ui/import_view.c ui/import_view.h \
	ui/import_csv.c ui/import_csv.h \
	ui/rate.c ui/rate.h \
	ui/keymap.c ui/keymap.h \
	ui/theme.c ui/theme.h \
	ui/curses_inc.h
taste_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
taste_LDADD = $(CORE_LIBS) $(NCURSES_LIBS)
