/* emit/report_xlsx.c -- the round as an Excel workbook (libxlsxwriter).
 *
 * Sheets: Tally (one row per text), Replies (one row per reply x text),
 * Problems (as `annex2 check --json` lists them, with unreadable files and
 * superseded or duplicate replies), Not replied (ISO3 codes of the manifest
 * with no readable reply), Mail (with the round's sent.jsonl: per state when
 * it was sent and reminded, when its reply was received, from which address,
 * and the message's S/MIME verdict -- the HTML report's mail table),
 * Consultation (what was asked, and the totals).
 *
 * libxlsxwriter writes to a file name: the workbook goes to a temporary file
 * beside the target, which is synced and renamed into place, so no
 * half-written workbook is ever left under the target's name.  Strings are
 * made valid UTF-8 without control characters and cut to Excel's cell limit
 * before they reach the library. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "annex2/mail.h"
#include "core/util.h"

#define MAX_COLS   16
#define CELL_MAX   32000   /* code points; Excel's limit is 32767 */
#define WIDTH_MAX  70.0

typedef struct xw {
	lxw_workbook *wb;
	lxw_format *head, *pct, *note, *met, *notmet, *risk, *key;
	a2_buf tmp;
	lxw_error lerr;    /* first library error */
	int nomem;
} xw;

typedef struct sheet {
	lxw_worksheet *ws;
	double width[MAX_COLS];
	int ncols;
	lxw_row_t rows;    /* rows written, header included */
} sheet;

static void
note_err(xw *X, lxw_error e)
{
	if (e != LXW_NO_ERROR && X->lerr == LXW_NO_ERROR)
		X->lerr = e;
}

/* Valid UTF-8, no control characters but tab and newline, at most CELL_MAX
 * code points.  Returns the code point count; the text is in X->tmp. */
static size_t
clean(xw *X, const char *s)
{
	size_t n = strlen(s), i = 0, cps = 0;

	X->tmp.len = 0;
	if (X->tmp.data != NULL)
		X->tmp.data[0] = '\0';
	while (i < n && cps < CELL_MAX) {
		unsigned cp;
		size_t k = a2_utf8_next(s + i, n - i, &cp);
		if (k == 0)
			break;
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f || cp == 0xFFFD || cp == 0xFFFE || cp == 0xFFFF)
			a2_buf_put_cp(&X->tmp, 0xFFFD);
		else
			a2_buf_add(&X->tmp, s + i, k);
		i += k;
		cps++;
	}
	a2_buf_putc(&X->tmp, '\0');   /* a terminator even for "" */
	if (X->tmp.failed) {
		X->nomem = 1;
		return 0;
	}
	return cps;
}

static void
widen(sheet *S, lxw_col_t col, double w)
{
	if (col < MAX_COLS) {
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		if (S->width[col] < w)
			S->width[col] = w;
		if ((int)col + 1 > S->ncols)
			S->ncols = (int)col + 1;
	}
}

static void
row_seen(sheet *S, lxw_row_t row)
{
	if (row + 1 > S->rows)
		S->rows = row + 1;
}

/* A string cell; NULL leaves the cell empty. */
static void
put_s(xw *X, sheet *S, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
	size_t cps;

	row_seen(S, row);
	if (s == NULL)
		return;
	cps = clean(X, s);
	if (X->nomem)
		return;
	note_err(X, worksheet_write_string(S->ws, row, col, X->tmp.data, f));
	widen(S, col, (double)cps + 2);
}

static void
put_n(xw *X, sheet *S, lxw_row_t row, lxw_col_t col, double v, lxw_format *f)
{
	row_seen(S, row);
	note_err(X, worksheet_write_number(S->ws, row, col, v, f));
	widen(S, col, 8);
}

static void
put_b(xw *X, sheet *S, lxw_row_t row, lxw_col_t col, int v)
{
	row_seen(S, row);
	note_err(X, worksheet_write_boolean(S->ws, row, col, v, NULL));
	widen(S, col, 9);
}

static int
new_sheet(xw *X, sheet *S, const char *name, const char *const *head)
{
	lxw_col_t c;

	memset(S, 0, sizeof(*S));
	if ((S->ws = workbook_add_worksheet(X->wb, name)) == NULL) {
		X->nomem = 1;
		return -1;
	}
	for (c = 0; head != NULL && head[c] != NULL; c++) {
		put_s(X, S, 0, c, head[c], X->head);
		widen(S, c, (double)strlen(head[c]) + 4);   /* room for the filter button */
	}
	worksheet_freeze_panes(S->ws, 1, 0);
	worksheet_set_paper(S->ws, 9);   /* A4 */
	worksheet_set_landscape(S->ws);
	worksheet_fit_to_pages(S->ws, 1, 0);
	note_err(X, worksheet_repeat_rows(S->ws, 0, 0));
	return 0;
}

static void
finish_sheet(xw *X, sheet *S, int filter)
{
	int c;

	for (c = 0; c < S->ncols; c++)
		note_err(X, worksheet_set_column(S->ws, (lxw_col_t)c, (lxw_col_t)c, S->width[c], NULL));
	if (filter && S->ncols > 0)
		note_err(X, worksheet_autofilter(S->ws, 0, 0, S->rows ? S->rows - 1 : 0, (lxw_col_t)(S->ncols - 1)));
}

static lxw_format *
fmt(xw *X, int bold, uint32_t fg, uint32_t bg, const char *num)
{
	lxw_format *f = workbook_add_format(X->wb);

	if (f == NULL) {
		X->nomem = 1;
		return NULL;
	}
	if (bold)
		format_set_bold(f);
	if (fg)
		format_set_font_color(f, fg);
	if (bg)
		format_set_bg_color(f, bg);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static lxw_format *
outcome_fmt(xw *X, const char *o)
{
	if (o != NULL && !strcmp(o, "met"))
		return X->met;
	if (o != NULL && !strcmp(o, "not-met"))
		return X->notmet;
	return X->risk;
}

/* ---- sheets ---- */

static void
sheet_tally(xw *X, const a2_round *R)
{
	static const char *const head[] = {"Text", "Alias", "Counted", "Assigns", "Does not assign", "Support",
		"Undecided", "Not counted", "Outcome", "Title", NULL};
	sheet S;
	size_t i;

	if (new_sheet(X, &S, "Tally", head) != 0)
		return;
	for (i = 0; i < R->n_texts; i++) {
		const a2_text_tally *T = &R->texts[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		put_s(X, &S, row, 0, T->rec, NULL);
		put_s(X, &S, row, 1, T->alias, NULL);
		put_n(X, &S, row, 2, (double)T->counted, NULL);
		put_n(X, &S, row, 3, (double)T->assigns, NULL);
		put_n(X, &S, row, 4, (double)T->does_not_assign, NULL);
		put_n(X, &S, row, 5, T->support, X->pct);
		put_n(X, &S, row, 6, (double)T->undecided, NULL);
		put_n(X, &S, row, 7, (double)T->not_counted, NULL);
		put_s(X, &S, row, 8, T->outcome, outcome_fmt(X, T->outcome));
		put_s(X, &S, row, 9, i < R->form->n_texts ? R->form->texts[i].title : NULL, NULL);
	}
	finish_sheet(X, &S, 0);
}

static void
sheet_replies(xw *X, const a2_round *R)
{
	static const char *const head[] = {"File", "ISO3", "Member State", "Standing", "Date", "Complete",
		"Text", "Alias", "Authority", "Comments", "Status", "Evidence", NULL};
	sheet S;
	lxw_row_t row = 1;
	size_t i, t;

	if (new_sheet(X, &S, "Replies", head) != 0)
		return;
	for (i = 0; i < R->n; i++) {
		const a2_record *r = &R->recs[i];
		size_t nt = r->n_texts ? r->n_texts : 1;
		for (t = 0; t < nt && !X->nomem; t++, row++) {
			put_s(X, &S, row, 0, r->file, NULL);
			put_s(X, &S, row, 1, r->ms_iso3, NULL);
			put_s(X, &S, row, 2, r->ms_name, NULL);
			put_s(X, &S, row, 3, a2_standing_name(R->standing[i]), NULL);
			put_s(X, &S, row, 4, r->sig_date, NULL);
			put_b(X, &S, row, 5, r->complete && R->standing[i] == A2_SD_COUNTED);
			if (r->n_texts == 0)
				continue;
			put_s(X, &S, row, 6, r->texts[t].rec, NULL);
			put_s(X, &S, row, 7, r->texts[t].alias, NULL);
			put_s(X, &S, row, 8, a2_authority_name(r->texts[t].authority), NULL);
			put_s(X, &S, row, 9, a2_comments_name(r->texts[t].comments), NULL);
			put_s(X, &S, row, 10, a2_status_name(r->texts[t].status), NULL);
			put_s(X, &S, row, 11, r->texts[t].evidence, NULL);
		}
	}
	finish_sheet(X, &S, 1);
}

static void
problem_row(xw *X, sheet *S, lxw_row_t row, const a2_record *r, const char *sev, const char *rec,
    const char *code, const char *msg)
{
	put_s(X, S, row, 0, r->file, NULL);
	put_s(X, S, row, 1, r->ms_iso3, NULL);
	put_s(X, S, row, 2, sev, NULL);
	put_s(X, S, row, 3, rec, NULL);
	put_s(X, S, row, 4, code, NULL);
	put_s(X, S, row, 5, msg, NULL);
}

static void
sheet_problems(xw *X, const a2_round *R)
{
	static const char *const head[] = {"File", "ISO3", "Severity", "Text", "Code", "Message", NULL};
	sheet S;
	lxw_row_t row = 1;
	size_t i, j;

	if (new_sheet(X, &S, "Problems", head) != 0)
		return;
	for (i = 0; i < R->n && !X->nomem; i++) {
		const a2_record *r = &R->recs[i];
		a2_standing sd = R->standing[i];
		if (r->is_error) {
			char *m = a2_sprintf("%s: %s", r->error_code ? r->error_code : "error",
			    r->error_message ? r->error_message : "");
			if (m == NULL) {
				X->nomem = 1;
				return;
			}
			problem_row(X, &S, row++, r, "error", NULL, "unreadable", m);
			free(m);
		}
		for (j = 0; j < r->n_problems; j++) {
			const a2_problem *p = &r->problems[j];
			const char *code = p->code ? p->code : "problem";
			int warn = a2_problem_is_warning(code);
			problem_row(X, &S, row++, r, warn ? "warning" : "error", p->rec, code, p->message);
		}
		if (sd == A2_SD_SUPERSEDED || sd == A2_SD_DUPLICATE) {
			size_t k = R->superseded_by[i];
			char *m = sd == A2_SD_DUPLICATE ?
			    a2_sprintf("two different replies of %s with the same date: neither is counted",
			    r->ms_name ? r->ms_name : r->ms_iso3 ? r->ms_iso3 : "?") :
			    a2_sprintf("superseded by %s", k != (size_t)-1 && k < R->n && R->recs[k].file ?
			    R->recs[k].file : "a later reply");
			if (m == NULL) {
				X->nomem = 1;
				return;
			}
			problem_row(X, &S, row++, r, "error", NULL, sd == A2_SD_DUPLICATE ? "duplicate" : "superseded", m);
			free(m);
		}
	}
	finish_sheet(X, &S, 1);
}

static void
sheet_missing(xw *X, const a2_round *R)
{
	static const char *const head[] = {"ISO3", "Member State", NULL};
	sheet S;
	size_t i;

	if (new_sheet(X, &S, "Not replied", head) != 0)
		return;
	for (i = 0; i < R->n_missing; i++)
	{
		const a2_state *st = R->states ? a2_states_by_iso3(R->states, R->missing[i]) : NULL;
		put_s(X, &S, (lxw_row_t)(i + 1), 0, R->missing[i], NULL);
		put_s(X, &S, (lxw_row_t)(i + 1), 1, st ? st->name : "", NULL);
	}
	finish_sheet(X, &S, 0);
	if (R->n_expected == 0) {
		put_s(X, &S, 0, 2, "No manifest was given: run annex2 report --manifest manifest.csv "
		    "to list the Member States that have not replied.", X->note);
		note_err(X, worksheet_set_column(S.ws, 1, 1, 3, NULL));
	}
}

/* The mail round, as the HTML report's mail table: only with a sent log. */
static void
sheet_mail(xw *X, const a2_round *R)
{
	static const char *const head[] = {"ISO3", "Member State", "Sent", "Reminded", "Reminders",
	    "Reply received", "From", "S/MIME", "Signer", NULL};
	sheet S;
	size_t n, i;
	a2_mail_row *w = a2_mail_rows(R, &n);

	if (w == NULL)
		return;
	if (new_sheet(X, &S, "Mail", head) != 0) {
		free(w);
		return;
	}
	for (i = 0; i < n && !X->nomem; i++) {
		const a2_state *st = R->states ? a2_states_by_iso3(R->states, w[i].iso3) : NULL;
		lxw_row_t row = (lxw_row_t)(i + 1);
		put_s(X, &S, row, 0, w[i].iso3, NULL);
		put_s(X, &S, row, 1, st ? st->name : NULL, NULL);
		put_s(X, &S, row, 2, w[i].sent, NULL);
		put_s(X, &S, row, 3, w[i].reminded, NULL);
		put_n(X, &S, row, 4, (double)w[i].n_reminders, NULL);
		put_s(X, &S, row, 5, w[i].replied, NULL);
		put_s(X, &S, row, 6, w[i].from, NULL);
		put_s(X, &S, row, 7, w[i].smime ? a2_smime_word(w[i].smime) : NULL, NULL);
		put_s(X, &S, row, 8, w[i].smime ? w[i].smime->signer : NULL, NULL);
	}
	free(w);
	finish_sheet(X, &S, 1);
}

static void
kv(xw *X, sheet *S, lxw_row_t *row, const char *k, const char *v)
{
	put_s(X, S, *row, 0, k, X->key);
	put_s(X, S, *row, 1, v, NULL);
	(*row)++;
}

static void
kn(xw *X, sheet *S, lxw_row_t *row, const char *k, double v, lxw_format *f)
{
	put_s(X, S, *row, 0, k, X->key);
	put_n(X, S, *row, 1, v, f);
	(*row)++;
}

static void
sheet_consultation(xw *X, const a2_round *R)
{
	static const char *const head[] = {"Field", "Value", NULL};
	const a2_form *f = R->form;
	sheet S;
	lxw_row_t row = 1;

	if (new_sheet(X, &S, "Consultation", head) != 0)
		return;
	kv(X, &S, &row, "Consultation", f->id);
	kv(X, &S, &row, "Bureau", f->bureau);
	kv(X, &S, &row, "Circular", f->circular);
	kv(X, &S, &row, "Circular date", f->date);
	kv(X, &S, &row, "Reference", f->ref);
	kv(X, &S, &row, "Study group", f->sg);
	kv(X, &S, &row, "Study group name", f->sg_name);
	kv(X, &S, &row, "Meeting place", f->meeting_place);
	kv(X, &S, &row, "Meeting start", f->meeting_start);
	kv(X, &S, &row, "Meeting end", f->meeting_end);
	kv(X, &S, &row, "Replies due", f->deadline);
	kn(X, &S, &row, "Threshold", f->threshold, X->pct);
	kn(X, &S, &row, "Replies", (double)R->n, NULL);
	kn(X, &S, &row, "Counted", (double)R->counted, NULL);
	kn(X, &S, &row, "Not counted", (double)R->not_counted, NULL);
	kn(X, &S, &row, "Complete", (double)R->complete, NULL);
	kn(X, &S, &row, "Unreadable", (double)R->unreadable, NULL);
	if (R->n_expected > 0) {
		kn(X, &S, &row, "Forms sent (manifest)", (double)R->n_expected, NULL);
		kn(X, &S, &row, "Not replied", (double)R->n_missing, NULL);
	} else {
		kv(X, &S, &row, "Not replied", "unknown: no manifest given");
	}
	kv(X, &S, &row, "Generated by", "annex2 " ANNEX2_VERSION);
	finish_sheet(X, &S, 0);
}

static int
build(xw *X, const a2_round *R)
{
	lxw_doc_properties props;
	char *title;

	X->head = fmt(X, 1, 0x1C2733, 0xDCEBF5, NULL);
	X->pct = fmt(X, 0, 0, 0, "0.0%");
	X->note = fmt(X, 0, 0x5D6B7A, 0, NULL);
	X->met = fmt(X, 1, 0x17612A, 0xE3F3E7, NULL);
	X->notmet = fmt(X, 1, 0x9E2A1E, 0xFBE7E4, NULL);
	X->risk = fmt(X, 1, 0x7D5100, 0xFFF2D6, NULL);
	X->key = fmt(X, 1, 0, 0, NULL);
	if (X->nomem)
		return -1;
	if (X->head)
		format_set_bottom(X->head, LXW_BORDER_THIN);
	if (X->note)
		format_set_italic(X->note);

	memset(&props, 0, sizeof(props));
	title = a2_sprintf("%s Circular %s: replies and tally", R->form->bureau ? R->form->bureau : "",
	    R->form->circular ? R->form->circular : "");
	if (title == NULL) {
		X->nomem = 1;
		return -1;
	}
	props.title = title;
	props.subject = R->form->id;
	props.comments = "Written by annex2 " ANNEX2_VERSION;
	note_err(X, workbook_set_properties(X->wb, &props));
	free(title);   /* the library keeps its own copy */

	sheet_tally(X, R);
	sheet_replies(X, R);
	sheet_problems(X, R);
	sheet_missing(X, R);
	sheet_mail(X, R);
	sheet_consultation(X, R);
	return X->nomem || X->lerr != LXW_NO_ERROR ? -1 : 0;
}

/* libxlsxwriter prints "[ERROR] ..." lines of its own to standard error
 * when a write fails; the library never prints, so while the workbook is
 * built and written its standard error goes to /dev/null (the failure is
 * still known: every call's result is checked, and said by the caller). */
typedef struct quiet { int saved; } quiet;

static void
quiet_begin(quiet *q)
{
	int dn;

	fflush(stderr);
	q->saved = dup(2);
	if (q->saved >= 0 && (dn = open("/dev/null", O_WRONLY)) >= 0) {
		dup2(dn, 2);
		close(dn);
	}
}

static void
quiet_end(quiet *q)
{
	fflush(stderr);
	if (q->saved >= 0) {
		dup2(q->saved, 2);
		close(q->saved);
	}
}

int
a2_report_xlsx(const a2_round *r, const char *path, a2_error *err)
{
	quiet q;
	lxw_workbook_options opts;
	xw X;
	char *tmp;
	int fd, rc;
	lxw_error e;

	if (r == NULL || r->form == NULL || path == NULL)
		return a2_error_set(err, A2_ERR_USAGE, "a2_report_xlsx: no round or no path");
	a2_error_at(err, path, NULL, 0, 0);
	memset(&X, 0, sizeof(X));
	if ((tmp = a2_temp_template(path)) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	if ((fd = mkstemp(tmp)) < 0) {
		a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	memset(&opts, 0, sizeof(opts));
	quiet_begin(&q);
	if ((X.wb = workbook_new_opt(tmp, &opts)) == NULL) {
		quiet_end(&q);
		unlink(tmp);
		free(tmp);
		return a2_error_set(err, A2_ERR_NOMEM, "cannot start the workbook: out of memory");
	}
	rc = build(&X, r);
	e = workbook_close(X.wb);   /* frees the workbook in every case */
	quiet_end(&q);
	a2_buf_free(&X.tmp);
	if (rc != 0 || e != LXW_NO_ERROR) {
		if (X.nomem || e == LXW_ERROR_MEMORY_MALLOC_FAILED || X.lerr == LXW_ERROR_MEMORY_MALLOC_FAILED)
			a2_error_set(err, A2_ERR_NOMEM, "cannot write: out of memory");
		else
			a2_error_set(err, A2_ERR_IO, "cannot write: %s",
			    lxw_strerror(e != LXW_NO_ERROR ? e : X.lerr));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	/* make it durable and readable like a2_write_atomic() does, then rename */
	if ((fd = open(tmp, O_RDONLY)) < 0 || fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
		a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
