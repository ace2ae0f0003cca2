/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log: the -v debug log. One line per event, "2026-12-03T23:59:01.123
 * message" in local time, control bytes and DEL escaped as \xNN so a
 * message can never break the line structure. The worker thread logs
 * too, so writes are serialised by a mutex; the file is opened 0600. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static FILE *log_file;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* Open the log for appending, creating it private to the user. */
int log_open(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "a");
	if (!f) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	pthread_mutex_lock(&log_lock);
	if (log_file)
		fclose(log_file);
	log_file = f;
	pthread_mutex_unlock(&log_lock);
	return 0;
}

/* Close the log; later log_msg calls do nothing. */
void log_close(void)
{
	pthread_mutex_lock(&log_lock);
	if (log_file)
		fclose(log_file);
	log_file = NULL;
	pthread_mutex_unlock(&log_lock);
}

/* Write the local time with milliseconds, ISO 8601 without a zone. */
static void log_stamp(FILE *f)
{
	struct timeval tv;
	struct tm tm;
	char buf[32];

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(f, "%s.%03ld ", buf, (long)(tv.tv_usec / 1000));
}

/* Write s with bytes below 0x20 and DEL as \xNN. */
static void log_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02X", c);
		else
			fputc(c, f);
	}
}

/* Write one timestamped, escaped line when a log is open. */
void log_msg(const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	if (!log_file)      /* racy read is fine: opening happens at start */
		return;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	pthread_mutex_lock(&log_lock);
	if (log_file) {
		log_stamp(log_file);
		log_escaped(log_file, msg);
		fputc('\n', log_file);
	}
	pthread_mutex_unlock(&log_lock);
	free(msg);
}
