/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log: the -v debug log, a timestamped file in the cache directory.
 * Off unless opened; never writes to the terminal. Control bytes in
 * messages are escaped so the log stays one event per line. */
#ifndef TASTE_LOG_H
#define TASTE_LOG_H

/* Open (append) the log at path; returns 0 or -1 with errno set. */
int log_open(const char *path);
void log_close(void);
/* Write one timestamped line; does nothing when no log is open. */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
