# The ncursesw front end and the taste binary.
bin_PROGRAMS += taste
taste_SOURCES = ui/main.c
taste_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
taste_LDADD = $(CORE_LIBS) $(NCURSES_LIBS)
