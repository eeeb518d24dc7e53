/* review/apply.c -- decisions applied over the reader's records (in
 * memory), and the list of what still needs a person. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "annex2/review.h"
#include "annex2/check.h"
#include "review/msgs.h"

int
a2_problem_is_warning(const char *code)
{
	return code != NULL && (!strcmp(code, "inferred") || !strcmp(code, "undated") ||
	    !strcmp(code, A2_PROBLEM_DECIDED));
}

/* Problems of the reader that a decision on a text settles. */
static int
is_vote_problem(const char *code)
{
	static const char *const v[] = {"missing", "conflict", "inferred", "unclear", "option-missing",
		"option-conflict", "option-unclear", NULL};
	size_t i;

	for (i = 0; v[i]; i++)
		if (!strcmp(code, v[i]))
			return 1;
	return 0;
}

static int
is_sender_problem(const char *code)
{
	return !strcmp(code, "unknown-sender") || !strcmp(code, "sender-mismatch") || !strcmp(code, "non-member");
}

/* Removes the problems of r for which drop(code) holds and whose rec is
 * rec (rec NULL: those with no rec). */
static void
drop_problems(a2_record *r, const char *rec, int (*drop)(const char *))
{
	size_t i, k = 0;

	for (i = 0; i < r->n_problems; i++) {
		a2_problem *p = &r->problems[i];
		int same = rec ? (p->rec && !strcmp(p->rec, rec)) : p->rec == NULL;
		if (same && drop(p->code)) {
			free(p->code);
			free(p->rec);
			free(p->message);
			continue;
		}
		r->problems[k++] = *p;
	}
	r->n_problems = k;
}

/* The first problem of r about rec (NULL: a sender problem) that needs a
 * person, or NULL. */
static const a2_problem *
reader_problem(const a2_record *r, const char *rec)
{
	size_t i;

	for (i = 0; i < r->n_problems; i++) {
		const a2_problem *p = &r->problems[i];
		if (rec ? (p->rec && !strcmp(p->rec, rec) && is_vote_problem(p->code)) :
		    is_sender_problem(p->code))
			return p;
	}
	return NULL;
}

/* What the reader said of a text, in words: "unclear", "assigns, comments
 * option-missing", ... */
static void
put_reader_answer(a2_buf *b, const a2_record *r, const a2_answer *a)
{
	const a2_problem *p = reader_problem(r, a->rec);

	a2_buf_puts(b, a2_status_name(a->status));
	if (a->authority != A2_AUTH_NULL)
		a2_buf_printf(b, " (%s)", a2_authority_name(a->authority));
	if (a->status == A2_ST_OK && p != NULL)
		a2_buf_printf(b, ", %s", p->code);
}

static void
put_decided(a2_buf *b, const a2_decision *d, const a2_states *states)
{
	const a2_state *st;

	a2_buf_printf(b, "; %s decided %s", d->who, d->decision);
	if (d->comments != A2_COM_NULL)
		a2_buf_printf(b, ", comments %s", a2_comments_name(d->comments));
	if (a2_decision_is_sender(d) && (st = a2_states_by_iso3(states, d->decision)) != NULL)
		a2_buf_printf(b, " (%s)", st->name);
	a2_buf_printf(b, " on %s", d->when);
	if (d->why && d->why[0])
		a2_buf_printf(b, ": \"%s\"", d->why);
	else
		a2_buf_puts(b, " (no reason given)");
}

static int
add_warn(a2_decisions *D, size_t line, char *msg)
{
	return a2_review_msg_add(&D->warn, &D->n_warn, &D->cap_warn, line, msg);
}

static int
apply_text(const a2_decision *d, a2_record *r, a2_answer *a, const a2_states *states)
{
	a2_buf b = {0};
	char *msg;
	int rc;

	a2_buf_puts(&b, "the reader said ");
	put_reader_answer(&b, r, a);
	put_decided(&b, d, states);
	if ((msg = a2_buf_take(&b)) == NULL)
		return -1;
	drop_problems(r, a->rec, is_vote_problem);
	if (strcmp(d->decision, "not-counted") == 0) {
		if (a2_record_add_problem(r, A2_PROBLEM_NOT_COUNTED, a->rec,
		    "left out of the tally of %s by decision", a->rec) != 0) {
			free(msg);
			return -1;
		}
	} else {
		a->status = A2_ST_OK;
		a->authority = strcmp(d->decision, "assigns") == 0 ? A2_AUTH_ASSIGNS : A2_AUTH_NOT;
		a->comments = a->authority == A2_AUTH_ASSIGNS ? d->comments : A2_COM_NULL;
	}
	rc = a2_record_add_problem(r, A2_PROBLEM_DECIDED, a->rec, "%s", msg);
	free(msg);
	return rc;
}

static int
apply_sender(const a2_decision *d, a2_record *r, const a2_state *st, const a2_states *states)
{
	a2_buf b = {0};
	const a2_problem *p = reader_problem(r, NULL);
	char *msg;
	int rc;

	a2_buf_puts(&b, "the reader said ");
	if (p != NULL)
		a2_buf_printf(&b, "%s (%s)", p->code, r->ms_iso3 ? r->ms_iso3 : "no Member State");
	else if (r->ms_iso3 != NULL)
		a2_buf_printf(&b, "%s", r->ms_iso3);
	else
		a2_buf_puts(&b, "no Member State");
	put_decided(&b, d, states);
	if ((msg = a2_buf_take(&b)) == NULL)
		return -1;
	if (st == NULL) {   /* not-counted */
		if (a2_record_add_problem(r, A2_PROBLEM_NOT_COUNTED, NULL, "the reply is not counted, by decision") != 0) {
			free(msg);
			return -1;
		}
	} else {
		char *iso = a2_strdup(st->iso3), *name = a2_strdup(st->name), *src = a2_strdup("review");
		if (iso == NULL || name == NULL || src == NULL) {
			free(iso);
			free(name);
			free(src);
			free(msg);
			return -1;
		}
		free(r->ms_iso3);
		free(r->ms_name);
		free(r->ms_source);
		r->ms_iso3 = iso;
		r->ms_name = name;
		r->ms_source = src;
		drop_problems(r, NULL, is_sender_problem);
	}
	rc = a2_record_add_problem(r, A2_PROBLEM_DECIDED, NULL, "%s", msg);
	free(msg);
	return rc;
}

typedef struct rec_at { const char *sha; size_t i; } rec_at;

static int
by_sha(const void *a, const void *b)
{
	return strcmp(((const rec_at *)a)->sha, ((const rec_at *)b)->sha);
}

int
a2_decisions_apply(a2_decisions *D, const a2_form *form, const a2_states *states, a2_record *recs, size_t n,
                   a2_error *err)
{
	rec_at *ord;
	size_t i, j;
	unsigned char *touched;

	for (i = 0; i < D->n_warn; i++)
		free(D->warn[i].message);
	D->n_warn = 0;
	ord = malloc((n ? n : 1) * sizeof(rec_at));
	touched = calloc(n ? n : 1, 1);
	if (ord == NULL || touched == NULL)
		goto nomem;
	for (i = 0; i < n; i++) {
		ord[i].sha = recs[i].sha256;
		ord[i].i = i;
	}
	qsort(ord, n, sizeof(rec_at), by_sha);
	for (j = 0; j < D->n; j++) {
		const a2_decision *d = &D->v[j];
		rec_at key = {d->sha256, 0}, *hit;
		a2_record *r;
		if (a2_decisions_find(D, d->sha256, d->text) != d)
			continue;   /* a later line for the same reply and text stands */
		hit = n ? bsearch(&key, ord, n, sizeof(rec_at), by_sha) : NULL;
		if (hit == NULL) {
			if (add_warn(D, d->line, a2_sprintf("a decision for %.12s… (%s), a reply that is not in this round: "
			    "not applied", d->sha256, d->file ? d->file : d->text)) != 0)
				goto nomem;
			continue;
		}
		r = &recs[hit->i];
		if (r->is_error || r->consultation == NULL || strcmp(r->consultation, form->id) != 0) {
			if (add_warn(D, d->line, a2_sprintf("%s: a decision for a reply that %s: not applied",
			    r->file ? r->file : "?", r->is_error ? "could not be read" : "is not of this consultation")) != 0)
				goto nomem;
			continue;
		}
		if (a2_decision_is_sender(d)) {
			const a2_state *st = NULL;
			if (strcmp(d->decision, "not-counted") != 0 &&
			    (st = a2_states_by_iso3(states, d->decision)) == NULL) {
				if (add_warn(D, d->line, a2_sprintf("%s: \"%s\" is not a code the Member State data knows: "
				    "not applied (the reader's verdict stands)", r->file ? r->file : "?", d->decision)) != 0)
					goto nomem;
				continue;
			}
			if (apply_sender(d, r, st, states) != 0)
				goto nomem;
		} else {
			a2_answer *a = NULL;
			size_t t;
			for (t = 0; t < r->n_texts; t++)
				if (r->texts[t].rec && !strcmp(r->texts[t].rec, d->text))
					a = &r->texts[t];
			if (a == NULL) {
				if (add_warn(D, d->line, a2_sprintf("%s: \"%s\" is not a text of %s: not applied",
				    r->file ? r->file : "?", d->text, form->id)) != 0)
					goto nomem;
				continue;
			}
			if (apply_text(d, r, a, states) != 0)
				goto nomem;
		}
		touched[hit->i] = 1;
	}
	/* membership, lateness and completeness worked out again */
	for (i = 0; i < n; i++) {
		if (!touched[i])
			continue;
		if (a2_record_recheck(&recs[i], form, states, err) != 0) {
			if (err && err->code == A2_ERR_NOMEM)
				goto nomem_set;
			if (add_warn(D, 0, a2_sprintf("%s: after the decisions: %s", recs[i].file ? recs[i].file : "?",
			    err ? err->message : "refused")) != 0)
				goto nomem;
		}
	}
	free(ord);
	free(touched);
	return 0;
nomem:
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
nomem_set:
	free(ord);
	free(touched);
	return -1;
}

static int
push_item(a2_review_item **v, size_t *n, size_t *cap, const a2_review_item *it)
{
	if (a2_grow((void **)v, cap, *n + 1, sizeof(a2_review_item)) != 0)
		return -1;
	(*v)[(*n)++] = *it;
	return 0;
}

a2_review_item *
a2_review_items(const a2_form *form, const a2_record *recs, size_t n, const a2_decisions *D, size_t *n_items,
                a2_error *err)
{
	a2_review_item *v = NULL, it;
	size_t cap = 0, i, t;

	*n_items = 0;
	for (i = 0; i < n; i++) {
		const a2_record *r = &recs[i];
		const a2_problem *p;
		if (r->is_error || r->sha256[0] == '\0' || r->consultation == NULL ||
		    strcmp(r->consultation, form->id) != 0 || a2_record_has_problem(r, "other-consultation", NULL))
			continue;
		p = reader_problem(r, NULL);
		if (p != NULL || r->ms_iso3 == NULL) {
			it.rec = i;
			it.text = "sender";
			it.reader = p ? p->code : "unknown-sender";
			it.message = p ? p->message : NULL;
			it.decided = a2_decisions_find(D, r->sha256, "sender");
			if (push_item(&v, n_items, &cap, &it) != 0)
				goto nomem;
		}
		for (t = 0; t < r->n_texts; t++) {
			const a2_answer *a = &r->texts[t];
			p = reader_problem(r, a->rec);
			if (a->status == A2_ST_OK && p == NULL)
				continue;
			it.rec = i;
			it.text = a->rec;
			it.reader = a->status != A2_ST_OK ? a2_status_name(a->status) : p->code;
			it.message = p ? p->message : NULL;
			it.decided = a2_decisions_find(D, r->sha256, a->rec);
			if (push_item(&v, n_items, &cap, &it) != 0)
				goto nomem;
		}
	}
	if (v == NULL && (v = calloc(1, sizeof(a2_review_item))) == NULL)
		goto nomem;
	return v;
nomem:
	free(v);
	*n_items = 0;
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return NULL;
}
