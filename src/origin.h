/* SPDX-License-Identifier: GPL-3.0-or-later */
/* origin: where the directory of a catalogue's profile was. The
 * journals of a directory catalogue are keyed by a hash of its real
 * path (catalog.h), so a directory moved or renamed opens with another
 * key and an empty profile, its ratings left under the old key. So
 * that this is never a silent loss, <key>.source in the data directory
 * holds the directory's real path and a newline, written (whole) when
 * a journal of the catalogue exists and the file does not say so
 * already. A directory catalogue opened without ratings or signals of
 * its own then looks at the other .source files: the journals of one
 * whose directory is gone are named, with the commands that move them
 * to this catalogue. The bundled and synthetic catalogues have no
 * .source (their keys do not depend on a path); a bundled one opened
 * with an empty profile names the profile an older taste kept apart
 * for its directory opened by its path. */
#ifndef TASTE_ORIGIN_H
#define TASTE_ORIGIN_H

struct catalog;

/* Write <key>.source for c when it is a directory catalogue with a
 * journal (ratings or signals) and the file does not hold c's real
 * path. Failures are ignored (a read-only data directory): it is a
 * hint for later, never needed to read or write a profile. */
void origin_record(const struct catalog *c);
/* When c is a directory catalogue whose journals are missing or empty:
 * for each other key whose .source names a directory that is gone and
 * which has a journal that is not empty, lines saying where its
 * profile is and how to move it here (translated, each ending in a
 * newline), malloc'd; NULL when there is nothing to say. */
char *origin_orphans(const struct catalog *c);

#endif
