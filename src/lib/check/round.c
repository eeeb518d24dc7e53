/* check/round.c -- a round of replies: standings, who has not replied, and
 * the tally per text against the threshold (SPEC counting rules). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/util.h"
#include "annex2/review.h"

const char *
a2_standing_name(a2_standing s)
{
	switch (s) {
	case A2_SD_COUNTED: return "counted";
	case A2_SD_LATE: return "late";
	case A2_SD_NON_MEMBER: return "non-member";
	case A2_SD_UNKNOWN: return "unknown-sender";
	case A2_SD_SUPERSEDED: return "superseded";
	case A2_SD_DUPLICATE: return "duplicate";
	case A2_SD_UNREADABLE: return "unreadable";
	case A2_SD_OTHER: return "other-consultation";
	case A2_SD_DECIDED: return "not-counted";
	}
	return "unknown-sender";
}

void
a2_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

char **
a2_manifest_load(const char *path, size_t *n, a2_error *err)
{
	unsigned char *data;
	size_t len, cap = 0, lineno = 0, i;
	char **v = NULL, *line, *next;
	int col = -1;

	*n = 0;
	a2_error_at(err, path, NULL, 0, 0);
	if (a2_read_whole(path, (size_t)16 << 20, &data, &len, err) != 0)
		return NULL;
	{   /* lines are read as strings: the text ends with a NUL */
		unsigned char *z = realloc(data, len + 1);
		if (z == NULL) {
			free(data);
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			return NULL;
		}
		data = z;
		data[len] = '\0';
	}
	line = (char *)data;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {   /* a UTF-8 BOM, as spreadsheets write */
		len -= 3;
		memmove(data, data + 3, len + 1);
	}
	if (len == 0 || line[0] == '\n' || line[0] == '\r') {
		a2_error_at(err, NULL, NULL, 1, 0);
		a2_error_set(err, A2_ERR_DATA, "not a manifest: %s", len == 0 ? "the file is empty" : "no header line");
		goto fail;
	}
	for (; line != NULL && line < (char *)data + len; line = next) {
		char *f, *comma;
		int k;
		lineno++;
		next = memchr(line, '\n', len - (size_t)(line - (char *)data));
		if (next)
			*next++ = '\0';
		if (line[0] != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (lineno == 1) {
			for (k = 0, f = line; f != NULL; k++, f = comma ? comma + 1 : NULL) {
				comma = strchr(f, ',');
				if (comma)
					*comma = '\0';
				if (strcmp(f, "iso3") == 0)
					col = k;
			}
			if (col < 0) {
				a2_error_at(err, NULL, NULL, 1, 0);
				a2_error_set(err, A2_ERR_DATA, "not a manifest: no iso3 column");
				goto fail;
			}
			continue;
		}
		if (line[0] == '\0')
			continue;
		for (k = 0, f = line; f != NULL && k < col; k++) {
			f = strchr(f, ',');
			if (f)
				f++;
		}
		if (f == NULL || strlen(f) < 3 || (f[3] != ',' && f[3] != '\0')) {
			a2_error_at(err, NULL, NULL, (int)lineno, 0);
			a2_error_set(err, A2_ERR_DATA, "line %zu: no ISO3 code", lineno);
			goto fail;
		}
		f[3] = '\0';
		for (k = 0; k < 3; k++)
			f[k] = (char)(f[k] >= 'a' && f[k] <= 'z' ? f[k] - 'a' + 'A' : f[k]);
		for (i = 0; i < *n; i++)
			if (strcmp(v[i], f) == 0)
				break;
		if (i < *n)
			continue;
		if (a2_grow((void **)&v, &cap, *n + 1, sizeof(char *)) != 0 || (v[*n] = a2_strdup(f)) == NULL) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto fail;
		}
		(*n)++;
	}
	free(data);
	if (v == NULL && (v = calloc(1, sizeof(char *))) == NULL) {   /* a header alone: nobody expected */
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return v;
fail:
	free(data);
	a2_strv_free(v, *n);
	*n = 0;
	return NULL;
}

const char *
a2_outcome(size_t a, size_t d, size_t u, double thr)
{
	/* support >= thr, computed without rounding surprises at exactly 70% */
#define MEETS(x, tot) ((tot) == 0 || (double)(x) >= thr * (double)(tot) - 1e-9)
	int now = MEETS(a, a + d);
	int hi = MEETS(a + u, a + d + u);
	int lo = MEETS(a, a + d + u);
#undef MEETS
	if (u > 0 && hi != lo)
		return "at-risk";
	(void)now;
	return lo ? "met" : "not-met";
}

/* The answer of record r for text rec, or NULL. */
static const a2_answer *
answer_of(const a2_record *r, const char *rec)
{
	size_t i;

	for (i = 0; i < r->n_texts; i++)
		if (r->texts[i].rec != NULL && strcmp(r->texts[i].rec, rec) == 0)
			return &r->texts[i];
	return NULL;
}

static int
same_answers(const a2_record *a, const a2_record *b)
{
	size_t i;

	if (a->n_texts != b->n_texts)
		return 0;
	for (i = 0; i < a->n_texts; i++)
		if (a->texts[i].authority != b->texts[i].authority ||
		    a->texts[i].comments != b->texts[i].comments || a->texts[i].status != b->texts[i].status)
			return 0;
	return 1;
}

/* A reviewer's "not-counted" on the whole reply (a problem with no text). */
static int
decided_not_counted(const a2_record *r)
{
	size_t i;

	for (i = 0; i < r->n_problems; i++)
		if (r->problems[i].rec == NULL && !strcmp(r->problems[i].code, A2_PROBLEM_NOT_COUNTED))
			return 1;
	return 0;
}

static a2_standing
own_standing(const a2_form *form, const a2_record *r)
{
	if (r->is_error)
		return A2_SD_UNREADABLE;
	if (decided_not_counted(r))
		return A2_SD_DECIDED;
	if (r->consultation == NULL || strcmp(r->consultation, form->id) != 0 ||
	    a2_record_has_problem(r, "other-consultation", NULL))
		return A2_SD_OTHER;
	if (a2_record_has_problem(r, "non-member", NULL))
		return A2_SD_NON_MEMBER;
	if (r->ms_iso3 == NULL || a2_record_has_problem(r, "sender-mismatch", NULL) ||
	    a2_record_has_problem(r, "unknown-sender", NULL))
		return A2_SD_UNKNOWN;
	if (a2_record_has_problem(r, "late", NULL))
		return A2_SD_LATE;
	return A2_SD_COUNTED;
}

/* Among counted replies of one Member State the later-dated stands. */
static void
resolve_duplicates(a2_round *R)
{
	size_t i, j;

	for (i = 0; i < R->n; i++) {
		for (j = i + 1; j < R->n; j++) {
			a2_record *a = &R->recs[i], *b = &R->recs[j];
			int c;
			if (R->standing[i] != A2_SD_COUNTED && R->standing[i] != A2_SD_DUPLICATE)
				continue;
			if (R->standing[j] != A2_SD_COUNTED && R->standing[j] != A2_SD_DUPLICATE)
				continue;
			if (strcmp(a->ms_iso3, b->ms_iso3) != 0)
				continue;
			/* later by receipt when both are known (the mail round) */
			if (a->message && b->message && a->message->received && b->message->received)
				c = strcmp(a->message->received, b->message->received);
			else
				c = (a->sig_date && b->sig_date) ? strcmp(a->sig_date, b->sig_date) :
				    (a->sig_date ? 1 : b->sig_date ? -1 : 0);
			if (c == 0 && same_answers(a, b) && R->standing[i] == A2_SD_COUNTED) {
				R->standing[j] = A2_SD_SUPERSEDED;     /* the same reply twice */
				R->superseded_by[j] = i;
			} else if (c == 0) {
				R->standing[i] = R->standing[j] = A2_SD_DUPLICATE;
			} else if (c > 0) {
				R->standing[j] = A2_SD_SUPERSEDED;
				R->superseded_by[j] = i;
			} else {
				R->standing[i] = A2_SD_SUPERSEDED;
				R->superseded_by[i] = j;
			}
		}
	}
}

static int
find_missing(a2_round *R)
{
	size_t i, j, cap = 0;

	for (i = 0; i < R->n_expected; i++) {
		int seen = 0;
		for (j = 0; j < R->n && !seen; j++)
			if (!R->recs[j].is_error && R->standing[j] != A2_SD_OTHER && R->recs[j].ms_iso3 != NULL &&
			    strcmp(R->recs[j].ms_iso3, R->expected[i]) == 0)
				seen = 1;
		if (seen)
			continue;
		if (a2_grow((void **)&R->missing, &cap, R->n_missing + 1, sizeof(char *)) != 0 ||
		    (R->missing[R->n_missing] = a2_strdup(R->expected[i])) == NULL)
			return -1;
		R->n_missing++;
	}
	return 0;
}

static void
tally(a2_round *R)
{
	size_t t, i;

	for (t = 0; t < R->n_texts; t++) {
		a2_text_tally *T = &R->texts[t];
		T->rec = R->form->texts[t].rec;
		T->alias = R->form->texts[t].alias;
		for (i = 0; i < R->n; i++) {
			const a2_answer *a;
			if (R->standing[i] != A2_SD_COUNTED ||
			    a2_record_has_problem(&R->recs[i], A2_PROBLEM_NOT_COUNTED, T->rec)) {   /* by decision */
				T->not_counted++;
				continue;
			}
			a = answer_of(&R->recs[i], T->rec);
			if (a != NULL && (a->status == A2_ST_OK || a->status == A2_ST_INFERRED) &&
			    a->authority == A2_AUTH_ASSIGNS)
				T->assigns++;
			else if (a != NULL && (a->status == A2_ST_OK || a->status == A2_ST_INFERRED) &&
			    a->authority == A2_AUTH_NOT)
				T->does_not_assign++;
			else
				T->undecided++;
		}
		T->counted = T->assigns + T->does_not_assign;
		T->support = T->counted ? (double)T->assigns / (double)T->counted : 1.0;
		T->outcome = a2_outcome(T->assigns, T->does_not_assign, T->undecided, R->form->threshold);
	}
}

/* One file is one reply, whatever path it came by: a record whose sha256
 * was met before is taken out of recs[] (kept as a repeat).  The records
 * are ordered by sha256 (then by position) once, so that 10,000 records
 * cost a sort, not 50 million compares.  0 or -1. */
typedef struct sha_at { const char *sha; size_t i; } sha_at;

static int
by_sha(const void *a, const void *b)
{
	const sha_at *x = a, *y = b;
	int c = strcmp(x->sha, y->sha);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int
drop_repeats(a2_round *R)
{
	size_t i, k = 0, cap = 0, first = 0;
	sha_at *ord = malloc((R->n ? R->n : 1) * sizeof(sha_at));
	size_t *keep = malloc((R->n ? R->n : 1) * sizeof(size_t));   /* the record each one repeats, or itself */
	size_t *idx;

	if (ord == NULL || keep == NULL) {
		free(ord);
		free(keep);
		return -1;
	}
	for (i = 0; i < R->n; i++) {
		ord[i].sha = R->recs[i].sha256;
		ord[i].i = keep[i] = i;
	}
	if (R->n > 1)
		qsort(ord, R->n, sizeof(sha_at), by_sha);
	for (i = 0; i < R->n; i++) {
		if (i == 0 || ord[i].sha[0] == '\0' || strcmp(ord[i - 1].sha, ord[i].sha) != 0)
			first = ord[i].i;   /* the first place of this file */
		else
			keep[ord[i].i] = first;
	}
	free(ord);
	/* idx: the new index of every kept record */
	idx = malloc((R->n ? R->n : 1) * sizeof(size_t));
	if (idx == NULL) {
		free(keep);
		return -1;
	}
	for (i = 0; i < R->n; i++)
		idx[i] = keep[i] == i ? k++ : (size_t)-1;
	for (i = 0; i < R->n; i++) {
		a2_record *r = &R->recs[i];
		if (keep[i] == i)
			continue;
		if (a2_grow((void **)&R->repeats, &cap, R->n_repeats + 1, sizeof(*R->repeats)) != 0) {
			free(idx);
			free(keep);
			return -1;
		}
		R->repeats[R->n_repeats].file = r->file;   /* taken from the record */
		R->repeats[R->n_repeats].same_as = idx[keep[i]];
		R->n_repeats++;
		r->file = NULL;
		a2_record_clear(r);
	}
	for (i = 0, k = 0; i < R->n; i++)
		if (keep[i] == i)
			R->recs[k++] = R->recs[i];
	R->n = k;
	free(idx);
	free(keep);
	return 0;
}

a2_round *
a2_round_new(const a2_form *form, a2_record *recs, size_t n, char **expected, size_t n_expected, a2_error *err)
{
	a2_round *R = calloc(1, sizeof(*R));
	size_t i;

	if (R == NULL) {
		for (i = 0; i < n; i++)
			a2_record_clear(&recs[i]);
		free(recs);
		a2_strv_free(expected, n_expected);
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	}
	R->form = form;
	R->recs = recs;
	R->n = n;
	R->expected = expected;
	R->n_expected = n_expected;
	if (drop_repeats(R) != 0)
		goto nomem;
	n = R->n;
	R->standing = calloc(n ? n : 1, sizeof(a2_standing));
	R->superseded_by = malloc((n ? n : 1) * sizeof(size_t));
	R->texts = calloc(form->n_texts ? form->n_texts : 1, sizeof(a2_text_tally));
	if (R->standing == NULL || R->superseded_by == NULL || R->texts == NULL)
		goto nomem;
	R->n_texts = form->n_texts;
	for (i = 0; i < n; i++) {
		R->standing[i] = own_standing(form, &recs[i]);
		R->superseded_by[i] = (size_t)-1;
	}
	resolve_duplicates(R);
	/* a reply superseded by one that is itself superseded names the one that stands */
	for (i = 0; i < n; i++) {
		size_t k = R->superseded_by[i], steps = 0;
		while (k != (size_t)-1 && R->superseded_by[k] != (size_t)-1 && steps++ < n)
			k = R->superseded_by[k];
		R->superseded_by[i] = k;
	}
	if (find_missing(R) != 0)
		goto nomem;
	tally(R);
	for (i = 0; i < n; i++) {
		if (R->standing[i] == A2_SD_COUNTED)
			R->counted++;
		else
			R->not_counted++;
		if (R->standing[i] == A2_SD_UNREADABLE)
			R->unreadable++;
		if (recs[i].complete && R->standing[i] == A2_SD_COUNTED)
			R->complete++;
	}
	return R;
nomem:
	a2_round_free(R);
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return NULL;
}

void
a2_round_free(a2_round *R)
{
	size_t i;

	if (R == NULL)
		return;
	for (i = 0; i < R->n; i++)
		a2_record_clear(&R->recs[i]);
	free(R->recs);
	free(R->standing);
	free(R->superseded_by);
	a2_strv_free(R->expected, R->n_expected);
	a2_strv_free(R->missing, R->n_missing);
	for (i = 0; i < R->n_repeats; i++)
		free(R->repeats[i].file);
	free(R->repeats);
	free(R->texts);
	free(R);
}

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Shares and the threshold with 15 digits: 0.7 reads 0.7, not jansson's
 * 17-digit 0.69999999999999996; a share is never decided on the text. */
static char *
dump(json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
	json_decref(o);
	return s;
}

char *
a2_round_tally_json(const a2_round *R)
{
	json_t *o = json_object(), *texts = json_array();
	size_t i;

	if (o == NULL || texts == NULL) {
		json_decref(o);
		json_decref(texts);
		return NULL;
	}
	json_object_set_new(o, "consultation", json_string(R->form->id));
	json_object_set_new(o, "threshold", json_real(R->form->threshold));
	json_object_set_new(o, "deadline", json_string(R->form->deadline));
	json_object_set_new(o, "replies", json_integer((json_int_t)R->n));
	json_object_set_new(o, "counted_replies", json_integer((json_int_t)R->counted));
	json_object_set_new(o, "not_counted_replies", json_integer((json_int_t)R->not_counted));
	json_object_set_new(o, "unreadable", json_integer((json_int_t)R->unreadable));
	for (i = 0; i < R->n_texts; i++) {
		const a2_text_tally *T = &R->texts[i];
		json_t *t = json_object();
		json_object_set_new(t, "rec", json_string(T->rec));
		json_object_set_new(t, "alias", json_string(T->alias));
		json_object_set_new(t, "counted", json_integer((json_int_t)T->counted));
		json_object_set_new(t, "assigns", json_integer((json_int_t)T->assigns));
		json_object_set_new(t, "does_not_assign", json_integer((json_int_t)T->does_not_assign));
		json_object_set_new(t, "support", json_real((double)(long long)(T->support * 1000 + 0.5) / 1000));
		json_object_set_new(t, "undecided", json_integer((json_int_t)T->undecided));
		json_object_set_new(t, "not_counted", json_integer((json_int_t)T->not_counted));
		json_object_set_new(t, "outcome", json_string(T->outcome));
		json_array_append_new(texts, t);
	}
	json_object_set_new(o, "texts", texts);
	return dump(o);
}

char *
a2_round_check_json(const a2_round *R)
{
	json_t *o = json_object(), *replies = json_array(), *missing = json_array();
	size_t i, j;

	if (o == NULL || replies == NULL || missing == NULL) {
		json_decref(o);
		json_decref(replies);
		json_decref(missing);
		return NULL;
	}
	json_object_set_new(o, "consultation", json_string(R->form->id));
	json_object_set_new(o, "replies", json_integer((json_int_t)R->n));
	json_object_set_new(o, "complete", json_integer((json_int_t)R->complete));
	json_object_set_new(o, "counted", json_integer((json_int_t)R->counted));
	json_object_set_new(o, "unreadable", json_integer((json_int_t)R->unreadable));
	for (i = 0; i < R->n; i++) {
		const a2_record *r = &R->recs[i];
		json_t *x = json_object(), *probs = json_array();
		json_object_set_new(x, "file", jstr(r->file));
		json_object_set_new(x, "iso3", jstr(r->ms_iso3));
		json_object_set_new(x, "member_state", jstr(r->ms_name));
		json_object_set_new(x, "standing", json_string(a2_standing_name(R->standing[i])));
		if (R->superseded_by[i] != (size_t)-1)
			json_object_set_new(x, "superseded_by", jstr(R->recs[R->superseded_by[i]].file));
		json_object_set_new(x, "date", jstr(r->sig_date));
		json_object_set_new(x, "complete", json_boolean(r->complete && R->standing[i] == A2_SD_COUNTED));
		if (r->is_error) {
			json_t *p = json_object();
			json_object_set_new(p, "code", json_string("unreadable"));
			json_object_set_new(p, "severity", json_string("error"));
			json_object_set_new(p, "rec", json_null());
			json_object_set_new(p, "message", json_sprintf("%s: %s", r->error_code ? r->error_code : "error",
			    r->error_message ? r->error_message : ""));
			json_array_append_new(probs, p);
		}
		for (j = 0; j < r->n_problems; j++) {
			json_t *p = json_object();
			const char *c = r->problems[j].code;
			int warn = a2_problem_is_warning(c);
			json_object_set_new(p, "code", json_string(c));
			json_object_set_new(p, "severity", json_string(warn ? "warning" : "error"));
			json_object_set_new(p, "rec", jstr(r->problems[j].rec));
			json_object_set_new(p, "message", jstr(r->problems[j].message));
			json_array_append_new(probs, p);
		}
		if (R->standing[i] == A2_SD_SUPERSEDED || R->standing[i] == A2_SD_DUPLICATE) {
			json_t *p = json_object();
			json_object_set_new(p, "code", json_string(R->standing[i] == A2_SD_DUPLICATE ? "duplicate" : "superseded"));
			json_object_set_new(p, "severity", json_string("error"));
			json_object_set_new(p, "rec", json_null());
			json_object_set_new(p, "message", R->standing[i] == A2_SD_DUPLICATE ?
			    json_sprintf("two different replies of %s with the same date: neither is counted", r->ms_name ? r->ms_name : "?") :
			    json_sprintf("superseded by %s", R->recs[R->superseded_by[i]].file ? R->recs[R->superseded_by[i]].file : "a later reply"));
			json_array_append_new(probs, p);
		}
		json_object_set_new(x, "problems", probs);
		json_array_append_new(replies, x);
	}
	json_object_set_new(o, "reply_list", replies);
	if (R->n_repeats > 0) {
		json_t *rep = json_array();
		for (i = 0; i < R->n_repeats; i++) {
			json_t *x = json_object();
			json_object_set_new(x, "file", jstr(R->repeats[i].file));
			json_object_set_new(x, "same_as", jstr(R->recs[R->repeats[i].same_as].file));
			json_array_append_new(rep, x);
		}
		json_object_set_new(o, "same_file", rep);
	}
	for (i = 0; i < R->n_missing; i++)
		json_array_append_new(missing, json_string(R->missing[i]));
	json_object_set_new(o, "not_replied", missing);
	return dump(o);
}
