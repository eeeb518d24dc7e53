/* emit/csv.c -- the record as CSV, one row per (file, text). */
#include <string.h>

#include "core/util.h"

const char *
a2_record_csv_header(void)
{
	return "file,sha256,format,status,consultation,iso3,member_state,source,rec,alias,"
	    "authority,comments,text_status,evidence,signatory,title,place,date,complete,problems\n";
}

/* RFC 4180 field: quoted when it holds a comma, quote or line break.  A
 * leading = + - @ is prefixed with ' so spreadsheets do not run it. */
static void
field(a2_buf *b, const char *s, int last)
{
	const char *p;

	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") != NULL || (s[0] && strchr("=+-@", s[0]))) {
		a2_buf_putc(b, '"');
		if (s[0] && strchr("=+-@", s[0]))
			a2_buf_putc(b, '\'');
		for (p = s; *p; p++) {
			if (*p == '"')
				a2_buf_putc(b, '"');
			a2_buf_putc(b, *p);
		}
		a2_buf_putc(b, '"');
	} else {
		a2_buf_puts(b, s);
	}
	a2_buf_puts(b, last ? "\n" : ",");
}

char *
a2_record_to_csv(const a2_record *r)
{
	a2_buf b = {0}, probs = {0};
	size_t i, j, n = r->n_texts ? r->n_texts : 1;

	for (i = 0; i < r->n_problems; i++)
		a2_buf_printf(&probs, "%s%s%s%s", i ? "; " : "", r->problems[i].code,
		    r->problems[i].rec ? " " : "", r->problems[i].rec ? r->problems[i].rec : "");
	if (r->is_error)
		a2_buf_printf(&probs, "%s%s: %s", probs.len ? "; " : "", r->error_code ? r->error_code : "error",
		    r->error_message ? r->error_message : "");
	for (j = 0; j < n; j++) {
		const a2_answer *a = r->n_texts ? &r->texts[j] : NULL;
		field(&b, r->file, 0);
		field(&b, r->sha256, 0);
		field(&b, a2_format_name(r->format), 0);
		field(&b, r->is_error ? "error" : "read", 0);
		field(&b, r->consultation, 0);
		field(&b, r->ms_iso3, 0);
		field(&b, r->ms_name, 0);
		field(&b, r->ms_source, 0);
		field(&b, a ? a->rec : NULL, 0);
		field(&b, a ? a->alias : NULL, 0);
		field(&b, a ? a2_authority_name(a->authority) : NULL, 0);
		field(&b, a ? a2_comments_name(a->comments) : NULL, 0);
		field(&b, a ? a2_status_name(a->status) : NULL, 0);
		field(&b, a ? a->evidence : NULL, 0);
		field(&b, r->sig_name, 0);
		field(&b, r->sig_title, 0);
		field(&b, r->sig_place, 0);
		field(&b, r->sig_date, 0);
		field(&b, r->complete ? "true" : "false", 0);
		field(&b, probs.data, 1);
	}
	a2_buf_free(&probs);
	return a2_buf_take(&b);
}
