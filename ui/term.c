/* SPDX-License-Identifier: GPL-3.0-or-later */
/* term: terminal set-up and restore. The signal handlers only store the
 * signal number in a volatile sig_atomic_t (no curses, no stdio in a
 * handler); the loop sees it within one getch timeout and leaves
 * through the normal path, so the terminal is restored and the profile
 * (already fsync'ed at every rating) is closed. */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "curses_inc.h"
#include "term.h"
#include "theme.h"
#include "util.h"

static volatile sig_atomic_t term_got_signal;
static bool curses_on;
static int saved_stderr = -1;
static FILE *err_file;

/* Remember which signal asked us to stop. */
static void on_signal(int sig)
{
	term_got_signal = sig;
}

/* Route SIGINT, SIGTERM and SIGHUP to on_signal (no SA_RESTART, so a
 * blocked read returns at once). */
static void term_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Send stderr to a temporary file while curses owns the screen. */
static void stderr_capture(void)
{
	fflush(stderr);
	err_file = tmpfile();
	if (!err_file)
		return;
	saved_stderr = dup(STDERR_FILENO);
	if (saved_stderr < 0 ||
	    dup2(fileno(err_file), STDERR_FILENO) < 0) {
		fclose(err_file);
		err_file = NULL;
	}
}

/* Put stderr back and print what was written to it meanwhile. */
static void stderr_release(void)
{
	char buf[4096];
	size_t n;

	if (!err_file)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
	rewind(err_file);
	while ((n = fread(buf, 1, sizeof(buf), err_file)) > 0)
		fwrite(buf, 1, n, stderr);
	fclose(err_file);
	err_file = NULL;
}

/* Mouse clicks and the wheel, reported at once (no click interval). */
static void term_mouse(void)
{
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		  BUTTON5_PRESSED, NULL);
	mouseinterval(0);
}

/* Take the terminal: signals, stderr capture, curses, colours, mouse. */
void term_start(bool color, bool ascii, bool mouse)
{
	term_signals();
	stderr_capture();
	util_set_fatal_hook(term_stop);
	initscr();
	curses_on = true;
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	wtimeout(stdscr, KEY_TIMEOUT_MS);
	theme_init(color, ascii);
	if (mouse)
		term_mouse();
	curs_set(0);
	/* stdscr is only read from; refresh it once so that wget_wch
	 * never repaints it over the other windows */
	wnoutrefresh(stdscr);
}

/* Give the terminal back (idempotent) and print captured stderr. */
void term_stop(void)
{
	if (curses_on) {
		curs_set(1);
		endwin();
		curses_on = false;
	}
	util_set_fatal_hook(NULL);
	stderr_release();
}

/* The signal that asked us to stop, or 0. */
int term_signal(void)
{
	return term_got_signal;
}

/* Forget a pending SIGINT (a pane took it as ^C). A SIGTERM or SIGHUP
 * arriving meanwhile overwrites the flag and is kept. */
void term_forget_sigint(void)
{
	sigset_t all, old;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if (term_got_signal == SIGINT)
		term_got_signal = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
}
