/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_view: the Import screen (see import_view.h). One overlay whose
 * content is rebuilt for its stage: the file chooser, the format list
 * or the report. Every row that Enter acts on is marked in a table
 * parallel to the overlay's lines, so headings and report text are
 * never taken for a choice. The report text is import_print's, the
 * same as 'taste import' prints, wrapped to the overlay's width; the
 * write is import_apply's, after a y/N question. A zip archive that
 * holds CSV files (a Letterboxd export as downloaded) is listed with a
 * note that it must be unzipped first; choosing it says so in the
 * words of taste import. A generic CSV (the format csv, or a typed
 * path whose header no format knows) gets a form instead: which header
 * column holds the rating, the title, the year... and the scale, the
 * options taste import csv takes (import_csv.h). Nothing is written
 * before that question is answered y: reading and matching only look
 * at the journals (a signals journal that does not exist yet is not
 * created until there are signals to write). */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "import.h"
#include "import_csv.h"
#include "import_view.h"
#include "keymap.h"
#include "lines.h"
#include "overlay.h"
#include "profile.h"
#include "safe.h"
#include "text.h"
#include "theme.h"
#include "usertags.h"
#include "util.h"
#include "zipinfo.h"

/* Candidates (CSV files, directories, zips) of a directory read to
 * tell their format, at most: the newest first. */
#define SNIFF_MAX 100

/* The stages; IV_CSV is the generic CSV's form, IV_CSV_COL the
 * header's columns for one of its fields. */
enum iv_stage { IV_CHOOSE, IV_FORMAT, IV_REPORT, IV_CSV, IV_CSV_COL };

/* What Enter on a line does. */
enum iv_act {
	IV_NOTHING, IV_TYPE, IV_FILE, IV_FMT, IV_FORMATS, IV_CONFIRM,
	IV_CANCEL, IV_CSV_FIELD, IV_CSV_PICK, IV_CSV_SCALE, IV_CSV_READ,
	IV_CSV_FORM,
};

struct iv_mark {
	enum iv_act act;
	size_t idx;
};

/* An export found in a directory. */
struct iv_file {
	char *path;
	char *name;     /* safe to print */
	const struct import_format *fmt;    /* NULL for a zip */
	bool downloads;
};

struct import_view {
	struct app *app;
	struct overlay *ov;
	enum iv_stage stage;
	struct iv_mark *marks;      /* one per line of the overlay */
	size_t cap_marks;
	struct iv_file *files;
	size_t n_files, cap_files;
	char *cwd, *downloads;      /* safe to print */
	size_t unread;              /* candidates past SNIFF_MAX, not read */
	char *path;                 /* the file being imported */
	char *typed;                /* the path as typed, while it is read */
	char *note;                 /* why the line chosen was not read */
	struct iv_mark note_at;     /* the line the note goes under */
	int width;                  /* of the text, at the last build */
	const struct import_format *fmt;    /* chosen, or NULL: sniffed */
	const struct import_format **fmts;  /* the personal formats */
	size_t n_fmts;
	struct import_result r;
	bool have_r;
	struct csv_form csv;        /* the generic CSV's columns */
	bool have_csv;
	enum csv_field field;       /* whose column IV_CSV_COL picks */
};

/* True for the generic CSV format, whose columns the form gives. */
static bool is_generic(const struct import_format *f)
{
	return f && strcmp(f->name, "csv") == 0;
}

/* ---------------------------------------------------------------------
 * Finding exports
 * ------------------------------------------------------------------- */

/* True when name ends in ext, a dot and three letters (any case). */
static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name);
	return n > 4 && strcasecmp(name + n - 4, ext) == 0;
}

/* The format of an export at path (st its stat): a CSV file or a
 * directory in a personal format; NULL for anything else, and for a
 * zip, which *zip then says. */
static const struct import_format *export_format(const char *path,
						 const char *name,
						 const struct stat *st,
						 bool *zip)
{
	char err[256];
	const struct import_format *f = NULL;
	*zip = S_ISREG(st->st_mode) && has_ext(name, ".zip") &&
	       zipinfo_csv_members(path) > 0;
	if ((S_ISREG(st->st_mode) && has_ext(name, ".csv")) ||
	    S_ISDIR(st->st_mode))
		f = import_sniff(path, err, sizeof err);
	return f && f->kind == IMPORT_PERSONAL ? f : NULL;
}

/* qsort order of files: the current directory first, then by name. */
static int file_cmp(const void *a, const void *b)
{
	const struct iv_file *x = a, *y = b;
	if (x->downloads != y->downloads)
		return x->downloads ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* A directory entry that may be an export, by its name and kind. */
struct iv_cand {
	char *name;
	struct stat st;
};

/* True when an entry is worth reading: a CSV file, a zip, or a
 * directory (a Letterboxd export unzipped). */
static bool is_candidate(const char *name, const struct stat *st)
{
	return S_ISDIR(st->st_mode) ||
	       (S_ISREG(st->st_mode) && (has_ext(name, ".csv") ||
					 has_ext(name, ".zip")));
}

/* qsort order of candidates: the newest first (the export just
 * downloaded), then by name. */
static int cand_cmp(const void *a, const void *b)
{
	const struct iv_cand *x = a, *y = b;
	if (x->st.st_mtime != y->st.st_mtime)
		return x->st.st_mtime > y->st.st_mtime ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The candidates of dir, newest first, into *out; how many. */
static size_t list_candidates(const char *dir, struct iv_cand **out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0, cap = 0;
	*out = NULL;
	while (d && (e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		bool ok = stat(path, &st) == 0 &&
			  is_candidate(e->d_name, &st);
		free(path);
		if (!ok)
			continue;
		xgrow((void **)out, &cap, n + 1, sizeof **out);
		(*out)[n++] = (struct iv_cand){ xstrdup(e->d_name), st };
	}
	if (d)
		closedir(d);
	if (n > 1)
		qsort(*out, n, sizeof **out, cand_cmp);
	return n;
}

/* Add the exports of dir: CSV files and directories whose format is
 * a personal one (sniffed by import_sniff, as taste import does), and
 * zip archives that hold CSV files. Every entry is looked at; the
 * newest SNIFF_MAX candidates are read, the rest counted in unread. */
static void scan_dir(struct import_view *v, const char *dir, bool dl)
{
	struct iv_cand *c;
	size_t n = list_candidates(dir, &c);
	for (size_t k = 0; k < n; k++) {
		char *path = xasprintf("%s/%s", dir, c[k].name);
		bool zip = false;
		const struct import_format *f = k < SNIFF_MAX
			? export_format(path, c[k].name, &c[k].st, &zip)
			: NULL;
		v->unread += k >= SNIFF_MAX;
		if (f || zip) {
			xgrow((void **)&v->files, &v->cap_files,
			      v->n_files + 1, sizeof *v->files);
			v->files[v->n_files++] = (struct iv_file){
				path, safe_dup(c[k].name), f, dl };
		} else {
			free(path);
		}
		free(c[k].name);
	}
	free(c);
}

/* The exports in the current directory and ~/Downloads. */
static void find_exports(struct import_view *v)
{
	char buf[4096];
	const char *home = getenv("HOME");
	if (getcwd(buf, sizeof buf)) {
		v->cwd = safe_dup(buf);
		scan_dir(v, buf, false);
	}
	if (home && *home) {
		char *dl = xasprintf("%s/Downloads", home);
		v->downloads = safe_dup(dl);
		scan_dir(v, dl, true);
		free(dl);
	}
	if (v->n_files)
		qsort(v->files, v->n_files, sizeof *v->files, file_cmp);
}

/* A typed path with a leading "~/" made absolute; malloc'd. */
static char *expand_home(const char *s)
{
	const char *home = getenv("HOME");
	if (s[0] == '~' && (s[1] == '/' || !s[1]) && home && *home)
		return xasprintf("%s%s", home, s + 1);
	return xstrdup(s);
}

/* ---------------------------------------------------------------------
 * Building the stages
 * ------------------------------------------------------------------- */

/* Mark the lines added since line `from` with act. */
static void mark_from(struct import_view *v, size_t from, enum iv_act act,
		      size_t idx)
{
	size_t n = v->ov->lines.n;
	xgrow((void **)&v->marks, &v->cap_marks, n + 1, sizeof *v->marks);
	for (size_t k = from; k < n; k++)
		v->marks[k] = (struct iv_mark){ act, idx };
}

/* Lines of text, wrapped, that Enter does nothing on. */
static void add_lines(struct import_view *v, unsigned flags,
		      const char *text, int width)
{
	size_t from = v->ov->lines.n;
	lines_para(&v->ov->lines, flags, text, (size_t)(width > 20 ? width
							 : 20));
	mark_from(v, from, IV_NOTHING, 0);
}

/* A note or heading among the choices: the cursor never rests on it. */
static void add_text(struct import_view *v, unsigned flags,
		     const char *text, int width)
{
	add_lines(v, flags | LINE_NOTE, text, width);
}

/* A line Enter acts on, and under it why it was not read, if it was
 * chosen and was not. */
static void add_choice(struct import_view *v, enum iv_act act, size_t idx,
		       const char *c0, const char *c1)
{
	size_t from = v->ov->lines.n;
	lines_add(&v->ov->lines, 0, c0, NULL, c1, NULL);
	mark_from(v, from, act, idx);
	if (v->note && v->note_at.act == act && v->note_at.idx == idx)
		add_text(v, LINE_HEAD, v->note, v->width);
}

/* The file chooser. */
static void build_choose(struct import_view *v, int width)
{
	char buf[1024];
	bool dl_head = false;
	add_choice(v, IV_TYPE, 0, _("Type a path (Tab completes file "
				    "names)..."), NULL);
	if (v->n_files && !v->files[0].downloads) {
		xsnprintf(buf, sizeof buf, _("Exports in %s"),
			  v->cwd ? v->cwd : ".");
		add_text(v, LINE_HEAD, buf, width);
	}
	for (size_t k = 0; k < v->n_files; k++) {
		const struct iv_file *f = &v->files[k];
		if (f->downloads && !dl_head) {
			xsnprintf(buf, sizeof buf, _("Exports in %s"),
				  v->downloads);
			add_text(v, LINE_HEAD, buf, width);
			dl_head = true;
		}
		if (f->fmt) {
			add_choice(v, IV_FILE, k, f->name, _(f->fmt->label));
			continue;
		}
		/* the name is beside it: a long one keeps the room */
		add_choice(v, IV_FILE, k, f->name, _("zip: unzip it first"));
	}
	if (!v->n_files)
		add_text(v, 0, _("No Goodreads, Letterboxd, IMDb or taste "
				 "export, nor a zip of CSV files, was found "
				 "in the current directory or in ~/Downloads: "
				 "type its path."), width);
	if (v->unread) {
		xsnprintf(buf, sizeof buf, ngettext("%zu older CSV file, zip "
			  "or folder was not read: type its path to import "
			  "it.", "%zu older CSV files, zips or folders were "
			  "not read: type the path of one to import it.",
			  v->unread), v->unread);
		add_text(v, 0, buf, width);
	}
	add_text(v, 0, _("Nothing is written before you have read the "
			 "report and confirmed. Esc cancels."), width);
	overlay_col(v->ov, 0, NULL, AL_LEFT, true);
	overlay_col(v->ov, 1, NULL, AL_LEFT, false);
	overlay_col(v->ov, 2, NULL, AL_LEFT, false);
}

/* The format list. */
static void build_format(struct import_view *v, int width)
{
	add_choice(v, IV_FMT, v->n_fmts, _("Sniff it from the file (the "
					   "default)"), NULL);
	for (size_t k = 0; k < v->n_fmts; k++)
		add_choice(v, IV_FMT, k, v->fmts[k]->name,
			   is_generic(v->fmts[k])
			   ? _("generic CSV: choose its columns next")
			   : _(v->fmts[k]->label));
	add_text(v, 0, _("The file is read again in the format chosen."),
		 width);
	/* the first line runs over the labels' column: the names' column
	 * is as wide as the names */
	overlay_col(v->ov, 0, NULL, AL_LEFT, true);
	overlay_col(v->ov, 1, NULL, AL_LEFT, false);
	overlay_col(v->ov, 2, NULL, AL_LEFT, true);
}

/* import_print's report, one overlay line per line, wrapped. */
static void add_report_text(struct import_view *v, int width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return;
	import_print(&v->r, f, 0);
	fclose(f);
	for (char *line = text, *nl; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		/* keep the report's indentation as it prints; the
		 * cursor reads it line by line */
		add_lines(v, 0, *line ? line : " ", width);
	}
	free(text);
}

/* The items whose words (shelves, tags, genres) the import would
 * write: none when your words cannot be read or written. */
static size_t iv_words_due(const struct import_view *v)
{
	const struct usertags *t = v->app->words;
	return t && !usertags_problem(t) && v->r.words_planned
	       ? v->r.words_changed : 0;
}

/* What the import writes: "3 rows" or, with only words to write, "the
 * words of 2 items". */
static void iv_what(const struct import_view *v, char *buf, size_t n)
{
	size_t pending = import_pending(&v->r), w = iv_words_due(v);
	if (pending || !w)
		xsnprintf(buf, n, ngettext("%zu row", "%zu rows", pending),
			  pending);
	else
		xsnprintf(buf, n, ngettext("the words of %zu item",
					   "the words of %zu items", w), w);
}

/* The y/N question before writing. */
static void iv_confirm_label(const struct import_view *v, char *buf,
			     size_t n)
{
	char what[256];
	iv_what(v, what, sizeof what);
	xsnprintf(buf, n, _("Write %s to your profile? (y/N) "), what);
}

/* The report with its actions on top. */
static void build_report(struct import_view *v, int width)
{
	char buf[1024], what[256];
	size_t pending = import_pending(&v->r) + iv_words_due(v);
	char *cat = safe_dup(v->app->cat->name);
	if (pending) {
		iv_what(v, what, sizeof what);
		xsnprintf(buf, sizeof buf, _("Import: write %s to your "
					     "profile of %s"), what, cat);
		add_choice(v, IV_CONFIRM, 0, buf, NULL);
	}
	add_choice(v, IV_CANCEL, 0, pending ? _("Cancel: write nothing")
			: _("Nothing to write: close"), NULL);
	xsnprintf(buf, sizeof buf, _("Format: %s (%s): choose another"),
		  v->r.fmt ? v->r.fmt->name : "?",
		  v->fmt ? _("chosen") : _("sniffed"));
	add_choice(v, IV_FORMATS, 0, buf, NULL);
	if (is_generic(v->fmt))
		add_choice(v, IV_CSV_FORM, 0, _("Columns of the CSV: change "
						"them"), NULL);
	add_text(v, LINE_HEAD, _("Report"), width);
	add_report_text(v, width);
	free(cat);
	overlay_col(v->ov, 0, NULL, AL_LEFT, true);
}

/* "Score (first row: 8)": the column of field k, or a dash. */
static void csv_value(const struct csv_form *f, enum csv_field k,
		      char *buf, size_t n)
{
	const char *col = csv_form_col(f, k);
	if (!col)
		xsnprintf(buf, n, "%s", "-");
	else
		xsnprintf(buf, n, _("%s (first row: %s)"), col,
			  f->sample[f->col[k]]);
}

/* The generic CSV's form: a field per line, the scale, then read (the
 * words around them are headings, so the labels' column stays narrow).
 */
static void build_csv(struct import_view *v, int width)
{
	char val[512];
	add_text(v, LINE_HEAD, _("A CSV in no format taste knows: say which "
				 "column of its header holds what (Enter on a "
				 "field). The rating is needed, and one of "
				 "title, IMDb id, ISBN, Goodreads id or "
				 "catalogue id to find the item."), width);
	for (int k = 0; k < CSV_FIELD_COUNT; k++) {
		csv_value(&v->csv, (enum csv_field)k, val, sizeof val);
		add_choice(v, IV_CSV_FIELD, (size_t)k,
			   csv_field_label((enum csv_field)k), val);
	}
	scale_describe(&v->csv.scale, val, sizeof val);
	add_choice(v, IV_CSV_SCALE, 0, _("Scale of the ratings"), val);
	add_choice(v, IV_CSV_READ, 0, _("Read the file with these columns"),
		   csv_form_ready(&v->csv) ? NULL
		   : _("first choose the rating and a title or id column"));
	add_text(v, LINE_HEAD, _("From a shell: taste import csv FILE "
				 "--rating-col NAME --title-col NAME, and "
				 "--year-col, --imdb-col, --scale "
				 "MIN:MAX:STEP..."), width);
	overlay_col(v->ov, 0, NULL, AL_LEFT, false);
	overlay_col(v->ov, 1, NULL, AL_LEFT, false);
	overlay_col(v->ov, 2, NULL, AL_LEFT, true);
}

/* The header's columns for the field being chosen, and none. */
static void build_csv_col(struct import_view *v, int width)
{
	const struct csv_form *f = &v->csv;
	char val[512];
	(void)width;
	add_choice(v, IV_CSV_PICK, f->n_head, _("(none)"), NULL);
	for (size_t c = 0; c < f->n_head; c++) {
		xsnprintf(val, sizeof val, _("first row: %s"), f->sample[c]);
		add_choice(v, IV_CSV_PICK, c, f->shown[c], val);
	}
	overlay_col(v->ov, 0, NULL, AL_LEFT, false);
	overlay_col(v->ov, 1, NULL, AL_LEFT, false);
	overlay_col(v->ov, 2, NULL, AL_LEFT, true);
}

/* Overlay callback: the content of the stage. */
static void iv_build(struct overlay *o, int width)
{
	struct import_view *v = o->ctx;
	v->ov = o;
	v->width = width;
	switch (v->stage) {
	case IV_CHOOSE: build_choose(v, width); break;
	case IV_FORMAT: build_format(v, width); break;
	case IV_REPORT: build_report(v, width); break;
	case IV_CSV: build_csv(v, width); break;
	case IV_CSV_COL: build_csv_col(v, width); break;
	}
	mark_from(v, o->lines.n, IV_NOTHING, 0);
}

/* The overlay's title for stage s; path is safe to print. */
static void iv_title(struct import_view *v, enum iv_stage s,
		     const char *path)
{
	char *t = v->ov->title;
	size_t n = sizeof v->ov->title;
	switch (s) {
	case IV_CHOOSE:
		xsnprintf(t, n, "%s", _("Import: choose a file"));
		break;
	case IV_FORMAT:
		xsnprintf(t, n, _("Import: the format of %s"), path);
		break;
	case IV_REPORT:
		xsnprintf(t, n, _("Import: report of %s"), path);
		break;
	case IV_CSV:
		xsnprintf(t, n, _("Import: the columns of %s"), path);
		break;
	case IV_CSV_COL:
		xsnprintf(t, n, _("Import: the column of %s in %s"),
			  csv_field_label(v->field), path);
		break;
	}
}

/* Highlight the line Enter on which does (act, idx), if shown. */
static void iv_select(struct import_view *v, enum iv_act act, size_t idx)
{
	struct overlay *o = v->ov;
	for (size_t r = 0; r < o->n_shown; r++) {
		struct iv_mark m = v->marks[o->shown[r]];
		if (m.act == act && m.idx == idx) {
			ui_table_select(&o->table, r);
			return;
		}
	}
}

/* Show stage s from its first line. */
static void iv_stage(struct import_view *v, enum iv_stage s)
{
	char *path = v->path ? safe_dup(v->path) : NULL;
	v->stage = s;
	free(v->note);
	v->note = NULL;
	iv_title(v, s, path ? path : "");
	free(path);
	/* on the report y writes at once and n cancels */
	v->ov->extra_ctx = s == IV_REPORT ? KC_BIT(KC_IMPORT_REPORT) : 0;
	v->ov->table.sel = 0;
	v->ov->table.top = 0;
	overlay_rebuild(v->ov);
	app_dirty(v->app, DIRTY_OVERLAY | DIRTY_KEYS);
}

/* ---------------------------------------------------------------------
 * Reading, confirming
 * ------------------------------------------------------------------- */

/* The last part of path ("ratings.csv"). */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* The end of s that fits in cols cells, after an ellipsis when it had
 * to be cut; malloc'd. */
static char *fit_left(const char *s, int cols)
{
	const char *ell = theme_glyphs()->ellipsis;
	size_t off = 0, len = strlen(s);

	if (cols < 2 || (int)text_width(s) <= cols)
		return xstrdup(s);
	while (off < len && (int)text_width(s + off) > cols -
	       (int)text_width(ell)) {
		off++;
		while (off < len && ((unsigned char)s[off] & 0xc0) == 0x80)
			off++;
	}
	return xasprintf("%s%s", ell, s + off);
}

/* How a note names path: as typed (its start cut off only when it is
 * wider than the note) for the typed line, else its last part (the
 * title names it whole); malloc'd. */
static char *note_name(const struct import_view *v, struct iv_mark at,
		       const char *path)
{
	if (at.act == IV_TYPE && v->typed)
		return fit_left(v->typed, v->width > 22 ? v->width - 2 : 20);
	return xstrdup(base_name(path));
}

/* Say why the line of at (chosen) did nothing: why, whole, in a note
 * under it, with path named by note_name, and short on the status
 * line; safe to print. */
static void iv_note(struct import_view *v, struct iv_mark at,
		    const char *path, const char *why, const char *toast)
{
	const char *in = path && *path ? strstr(why, path) : NULL;
	char *name = in ? note_name(v, at, path) : NULL;
	char *text = in ? xasprintf("%.*s%s%s", (int)(in - why), why,
				    name, in + strlen(path))
			: xstrdup(why);
	free(name);
	free(v->note);
	v->note = safe_dup(text);
	v->note_at = at;
	free(text);
	overlay_rebuild(v->ov);
	app_toast(v->app, TOAST_ERR, "%s", toast);
	app_dirty(v->app, DIRTY_OVERLAY);
}

/* A file not read, chosen on the line of at: why, under that line. */
static void iv_not_read(struct import_view *v, struct iv_mark at,
			const char *path, const char *err)
{
	char *why = v->stage == IV_FORMAT
		? xasprintf(_("%s: choose another format"), err)
		: xstrdup(err);
	iv_note(v, at, path, why, _("Not read: why is under the line "
				    "chosen"));
	free(why);
}

/* Read and match path, chosen on the line of at; the report stage, or
 * false after a note under that line, the stage and the report there
 * was (if any) left as they were. */
static bool iv_read(struct import_view *v, const char *path,
		    struct iv_mark at)
{
	struct app *a = v->app;
	struct import_opts o = { .format = v->fmt ? v->fmt->name : NULL,
				 .screen = true };
	struct import_result r;
	char err[1024];
	o.catalog_scale = &a->cat->scale;
	if (is_generic(v->fmt) && v->have_csv)
		csv_form_opts(&v->csv, &o);
	if (import_read(path, &o, &r, err, sizeof err) != 0) {
		import_result_free(&r);
		iv_not_read(v, at, path, err);
		return false;
	}
	if (v->have_r)
		import_result_free(&v->r);
	v->r = r;
	v->have_r = true;
	if (path != v->path) {
		free(v->path);
		v->path = xstrdup(path);
	}
	if (!app_signals(a, false, err, sizeof err) && err[0]) {
		iv_not_read(v, at, path, err);
		return false;
	}
	import_match(&v->r, a->cat, a->prof, a->signals);
	if (a->words)
		import_plan_words(&v->r, a->cat, a->words);
	iv_stage(v, IV_REPORT);
	return true;
}

/* Close the screen, writing nothing. */
static void iv_cancel(struct import_view *v)
{
	struct app *a = v->app;

	app_overlay_close(a);       /* frees v */
	app_toast(a, TOAST_INFO, "%s", _("Import cancelled: nothing was "
					"written"));
}

/* Whether the plan writes a signal (seen or wanted): the signals
 * journal is then needed, and made when it does not exist yet. */
static bool iv_writes_signals(const struct import_result *r)
{
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct import_row *row = &r->rows[i];

		if (row->what != IMPORT_RATING &&
		    (row->status == IMPORT_NEW ||
		     row->status == IMPORT_CHANGED))
			return true;
	}
	return false;
}

/* Write the report's rows to the profile and close the screen; on a
 * failure say why and stay on the report. */
static void iv_write(struct import_view *v)
{
	struct app *a = v->app;
	char err[1024] = "";
	size_t written = 0, pending = import_pending(&v->r);
	size_t words_due = iv_words_due(v);

	if (!pending && !words_due) {
		app_toast(a, TOAST_INFO, "%s", _("Nothing to write: n or Esc "
						"closes"));
		return;
	}
	if (iv_writes_signals(&v->r) && !app_signals(a, true, err,
						     sizeof err)) {
		app_toast(a, TOAST_ERR, _("Import failed: %s"), err);
		return;
	}
	if (import_apply(&v->r, a->prof, a->signals, &written, err,
			 sizeof err) != 0) {
		app_toast(a, TOAST_ERR, _("Import failed: %s"), err);
		return;
	}
	size_t words = 0;
	if (a->words && import_apply_words(&v->r, a->words, &words, err,
					   sizeof err) != 0) {
		app_toast(a, TOAST_ERR, _("Imported the rows, but not your "
					  "shelves, tags and genres: %s"), err);
		return;
	}
	char *file = safe_dup(v->path);
	app_overlay_close(a);       /* frees v */
	app_rated(a, INTERN_NONE);
	if (!pending)
		app_toast(a, TOAST_OK, ngettext(
			"Imported the shelves, tags or genres of %zu item "
			"from %s", "Imported the shelves, tags or genres of "
			"%zu items from %s", words), words, file);
	else if (written < pending) /* rated elsewhere since the report */
		app_toast(a, TOAST_OK, ngettext(
			"Imported %zu of %zu rows from %s: the others were "
			"rated since the report, and kept",
			"Imported %zu of %zu rows from %s: the others were "
			"rated since the report, and kept", pending),
			written, pending, file);
	else
		app_toast(a, TOAST_OK, ngettext("Imported %zu row from %s",
						"Imported %zu rows from %s",
						written), written, file);
	free(file);
}

/* The answer to "write N rows?": y writes, anything else does not. */
static void confirm_done(struct app *a, void *ctx, const char *text)
{
	struct import_view *v = ctx;

	if (!text || (text[0] != 'y' && text[0] != 'Y' &&
		      strcasecmp(text, _("yes")) != 0)) {
		app_toast(a, TOAST_INFO, "%s", _("Import cancelled: nothing "
						"was written"));
		return;
	}
	iv_write(v);
}

/* y and n on the report: write at once, or cancel. */
static bool iv_act(struct overlay *o, enum action act)
{
	struct import_view *v = o->ctx;

	if (v->stage != IV_REPORT || !v->have_r)
		return false;
	if (act == ACT_IMPORT_YES)
		iv_write(v);
	else if (act == ACT_IMPORT_NO)
		iv_cancel(v);
	else
		return false;
	return true;
}

/* A zip chosen (at the line of act, idx): say, under that line, why
 * it cannot be read, in taste import's words, and what to do; true
 * when path is one. */
static bool iv_zip(struct import_view *v, const char *path,
		   enum iv_act act, size_t idx)
{
	if (!zipinfo_is_zip(path))
		return false;
	const char *name = base_name(path);
	char *why = xasprintf(_("%s is a zip archive: extract it and import "
				"the directory or one of its CSV files"),
			      name);
	char *note = xasprintf(_("%s: unzip %s in a shell, then choose "
				 "what it made here."), why, name);
	iv_note(v, (struct iv_mark){ act, idx }, NULL, note,
		_("A zip archive: unzip it first (see the note)"));
	free(note);
	free(why);
	return true;
}

/* ---------------------------------------------------------------------
 * The generic CSV's form
 * ------------------------------------------------------------------- */

/* Show the form of path's columns (its header read, unless the form is
 * of that file already), the format csv chosen; -1 with err when path
 * cannot be read as CSV. */
static int iv_csv_start(struct import_view *v, const char *path,
			char *err, size_t errlen)
{
	struct csv_form f;
	if (!v->have_csv || !v->path || strcmp(path, v->path) != 0) {
		if (csv_form_open(&f, path, err, errlen) != 0)
			return -1;
		if (v->have_csv)
			csv_form_free(&v->csv);
		v->csv = f;
		v->have_csv = true;
		char *p = xstrdup(path);
		free(v->path);
		v->path = p;
	}
	v->fmt = import_format_find("csv");
	iv_stage(v, IV_CSV);
	iv_select(v, IV_CSV_FIELD, 0);
	return 0;
}

/* A typed file whose header no format knows: the form, with a word on
 * why; true when it went there. A file no format reads (a Letterboxd
 * list) is not offered the form: import_read says why. */
static bool iv_unknown_csv(struct import_view *v, const char *path)
{
	char err[1024];
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    import_refused(path) || import_sniff(path, err, sizeof err) ||
	    iv_csv_start(v, path, err, sizeof err) != 0)
		return false;
	app_toast(v->app, TOAST_INFO, "%s", _("No export taste knows has "
					     "this header: say which column "
					     "holds what"));
	return true;
}

/* A typed directory that is no export as a whole: say what to do on
 * the screen (taste import's message names its options); true when it
 * was one. */
static bool iv_unknown_dir(struct import_view *v, const char *path)
{
	char err[1024], *why;
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    import_sniff(path, err, sizeof err))
		return false;
	why = xasprintf(_("%s: no export taste knows as a directory; type "
			  "the path of one of its files (Tab lists them)"),
			path);
	iv_note(v, (struct iv_mark){ IV_TYPE, 0 }, NULL, why,
		_("Not an export: why is under the line chosen"));
	free(why);
	return true;
}

/* The scale typed for the form ("1:10:1"). */
static void scale_done(struct app *a, void *ctx, const char *text)
{
	struct import_view *v = ctx;
	struct scale sc;
	if (!text)
		return;
	if (!scale_parse_spec(text, &sc)) {
		app_toast(a, TOAST_ERR, _("Not a scale: %s (MIN:MAX:STEP, as "
					  "1:10:1)"), text);
		return;
	}
	v->csv.scale = sc;
	overlay_rebuild(v->ov);
	app_dirty(a, DIRTY_OVERLAY);
}

/* Read the file with the form's columns, when they are enough. */
static void iv_csv_read(struct import_view *v)
{
	if (!csv_form_ready(&v->csv)) {
		app_toast(v->app, TOAST_ERR, "%s", _("First choose the rating "
			  "column and a title or id column"));
		return;
	}
	iv_read(v, v->path, (struct iv_mark){ IV_CSV_READ, 0 });
}

/* Enter on a line of the form or of a field's columns. */
static void iv_pick_csv(struct import_view *v, struct iv_mark m)
{
	char spec[64];
	long col;
	switch (m.act) {
	case IV_CSV_FORM:
		iv_stage(v, IV_CSV);
		iv_select(v, IV_CSV_FIELD, 0);
		break;
	case IV_CSV_FIELD:
		v->field = (enum csv_field)m.idx;
		col = v->csv.col[v->field];
		iv_stage(v, IV_CSV_COL);
		iv_select(v, IV_CSV_PICK, col >= 0 ? (size_t)col
						   : v->csv.n_head);
		break;
	case IV_CSV_PICK:
		v->csv.col[v->field] = m.idx < v->csv.n_head ? (long)m.idx
							     : -1;
		iv_stage(v, IV_CSV);
		iv_select(v, IV_CSV_FIELD, v->field);
		break;
	case IV_CSV_SCALE:
		scale_format_spec(&v->csv.scale, spec, sizeof spec);
		app_prompt(v->app, _("Scale of the ratings (MIN:MAX:STEP): "),
			   spec, scale_done, v);
		break;
	default:
		iv_csv_read(v);
		break;
	}
}

/* The format csv chosen on the line of at: its form, or why not. */
static void iv_csv_chosen(struct import_view *v, struct iv_mark at)
{
	char err[1024];
	if (iv_csv_start(v, v->path, err, sizeof err) != 0)
		iv_not_read(v, at, v->path, err);
}

/* The path typed in the prompt. */
static void path_done(struct app *a, void *ctx, const char *text)
{
	struct import_view *v = ctx;
	(void)a;
	if (!text || !*text)
		return;
	char *path = expand_home(text);
	v->typed = xstrdup(text);
	if (!iv_zip(v, path, IV_TYPE, 0) && !iv_unknown_csv(v, path) &&
	    !iv_unknown_dir(v, path))
		iv_read(v, path, (struct iv_mark){ IV_TYPE, 0 });
	free(v->typed);
	v->typed = NULL;
	free(path);
}

/* The common start of a and b, in bytes, ending on a character's
 * boundary ("é1" and "è2" share no byte a prompt can show). */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	while (n > 0 && ((unsigned char)a[n] & 0xc0) == 0x80)
		n--;            /* a[n] continues the character before */
	return n;
}

/* The names in a directory that complete a typed start. */
struct completion {
	char **names;           /* as on disk, a directory's with a '/' */
	size_t n, cap;
};

/* True when dir/name is a directory. */
static bool is_dir_in(const char *dir, const char *name)
{
	char *full = xasprintf("%s/%s", dir, name);
	struct stat st;
	bool d = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
	free(full);
	return d;
}

/* qsort order of names: by bytes. */
static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir that start with base (hidden ones only when base
 * starts with a dot), sorted. */
static void complete_scan(const char *dir, const char *base,
			  struct completion *c)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t blen = strlen(base);
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, base, blen) != 0 ||
		    strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 ||
		    (e->d_name[0] == '.' && base[0] != '.'))
			continue;
		xgrow((void **)&c->names, &c->cap, c->n + 1, sizeof *c->names);
		c->names[c->n++] = is_dir_in(dir, e->d_name)
			? xasprintf("%s/", e->d_name) : xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (c->n)
		qsort(c->names, c->n, sizeof *c->names, name_cmp);
}

/* List the candidates above the prompt, safe to print. */
static void complete_list(struct app *a, const struct completion *c,
			  const char *base)
{
	char **shown = xcalloc(c->n + 1, sizeof *shown);
	char *sbase = safe_dup(base), title[512];
	for (size_t k = 0; k < c->n; k++)
		shown[k] = safe_dup(c->names[k]);
	xsnprintf(title, sizeof title, ngettext(
		  "%zu name starts with \"%s\"",
		  "%zu names start with \"%s\"", c->n), c->n, sbase);
	app_prompt_candidates(a, title, shown, c->n);
	for (size_t k = 0; k < c->n; k++)
		free(shown[k]);
	free(shown);
	free(sbase);
}

/* Tab in the path prompt: complete the last component from the files
 * of its directory (a directory gets its '/'); when several fit, to
 * their common start, and list them above the prompt as a shell does;
 * when none does, say so there. */
static void path_complete(struct app *a, void *ctx, struct prompt *p)
{
	(void)ctx;
	const char *text = prompt_text(p);
	const char *slash = strrchr(text, '/');
	size_t dir_len = slash ? (size_t)(slash - text) + 1 : 0;
	char *base = xstrdup(text + dir_len);
	char *typed_dir = xstrndup(text, dir_len);
	char *dir = expand_home(dir_len ? typed_dir : ".");
	struct completion c = { 0 };
	complete_scan(dir, base, &c);
	if (c.n == 0) {
		char *sbase = safe_dup(base), title[512];
		xsnprintf(title, sizeof title, _("No file name starts with "
						"\"%s\""), sbase);
		app_prompt_candidates(a, title, NULL, 0);
		free(sbase);
	} else {
		size_t len = strlen(c.names[0]);
		for (size_t k = 1; k < c.n; k++) {
			size_t m = common_prefix(c.names[0], c.names[k]);
			len = m < len ? m : len;
		}
		char *full = xasprintf("%s%.*s", typed_dir, (int)len,
				       c.names[0]);
		prompt_set(p, full);
		free(full);
		if (c.n > 1) {
			char *now = xstrndup(c.names[0], len);
			complete_list(a, &c, now);
			free(now);
		}
	}
	for (size_t k = 0; k < c.n; k++)
		free(c.names[k]);
	free(c.names);
	free(base);
	free(dir);
	free(typed_dir);
}

/* Enter on a line. */
static void iv_pick(struct overlay *o, size_t line)
{
	struct import_view *v = o->ctx;
	struct app *a = v->app;
	struct iv_mark m = line < o->lines.n ? v->marks[line]
					     : (struct iv_mark){ 0, 0 };
	char label[256];
	switch (m.act) {
	case IV_TYPE:
		app_prompt(a, _("Import file (Tab completes): "), "./",
			   path_done, v);
		app_prompt_complete(a, path_complete);
		break;
	case IV_FILE:
		v->fmt = NULL;
		if (!iv_zip(v, v->files[m.idx].path, IV_FILE, m.idx))
			iv_read(v, v->files[m.idx].path, m);
		break;
	case IV_FORMATS:
		iv_stage(v, IV_FORMAT);
		break;
	case IV_FMT: {
		/* a format the file is not in: say why and stay on the
		 * list, the format and report before it kept */
		const struct import_format *before = v->fmt;
		v->fmt = m.idx < v->n_fmts ? v->fmts[m.idx] : NULL;
		if (is_generic(v->fmt)) {
			v->fmt = before;
			iv_csv_chosen(v, m);
		} else if (!iv_read(v, v->path, m)) {
			v->fmt = before;
		}
		break;
	}
	case IV_CSV_FORM: case IV_CSV_FIELD: case IV_CSV_PICK:
	case IV_CSV_SCALE: case IV_CSV_READ:
		iv_pick_csv(v, m);
		break;
	case IV_CONFIRM:
		iv_confirm_label(v, label, sizeof label);
		app_prompt(a, label, "", confirm_done, v);
		break;
	case IV_CANCEL:
		iv_cancel(v);
		break;
	case IV_NOTHING:
		break;
	}
}

/* Free the screen's state (the overlay's ctx). */
static void iv_free(void *ctx)
{
	struct import_view *v = ctx;
	for (size_t k = 0; k < v->n_files; k++) {
		free(v->files[k].path);
		free(v->files[k].name);
	}
	free(v->files);
	free(v->marks);
	free(v->cwd);
	free(v->downloads);
	free(v->path);
	free(v->note);
	free(v->fmts);
	if (v->have_r)
		import_result_free(&v->r);
	if (v->have_csv)
		csv_form_free(&v->csv);
	free(v);
}

struct overlay *import_view_open(struct app *a)
{
	struct import_view *v = xcalloc(1, sizeof *v);
	size_t n;
	const struct import_format *f = import_formats(&n);
	v->app = a;
	v->fmts = xcalloc(n + 1, sizeof *v->fmts);
	for (size_t k = 0; k < n; k++)
		if (f[k].kind == IMPORT_PERSONAL)
			v->fmts[v->n_fmts++] = &f[k];
	find_exports(v);
	struct overlay *o = overlay_new(a, _("Import: choose a file"),
					iv_build, v, iv_free);
	v->ov = o;
	o->pick = iv_pick;
	o->pick_ctx = KC_IMPORT;
	o->act = iv_act;
	return o;
}
