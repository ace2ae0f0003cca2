/* SPDX-License-Identifier: GPL-3.0-or-later */
/* term: the terminal while curses runs. stderr goes to a temporary file
 * (anything written there would garble the screen) and is printed once
 * the terminal is restored. SIGINT, SIGTERM and SIGHUP only set a flag
 * that the main loop reads; the fatal path restores the terminal first. */
#ifndef TASTE_UI_TERM_H
#define TASTE_UI_TERM_H

/* How long a key read waits (ms): the loop notices signals, resizes and
 * other processes' ratings at this pace. */
#define KEY_TIMEOUT_MS 250

#include <stdbool.h>

/* Take the terminal: signals, stderr capture, curses, colours, mouse. */
void term_start(bool color, bool ascii, bool mouse);
/* Give it back (idempotent) and print what went to stderr. */
void term_stop(void);
/* The signal that asked us to stop, or 0. */
int term_signal(void);
/* Forget a pending SIGINT that a pane used as a key (^C in the Train
 * pane); any other signal stays. */
void term_forget_sigint(void);

#endif
