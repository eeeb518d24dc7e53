/* emit/json.c -- the record as one JSON line (jansson), and back. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/util.h"

/* The record is built into a jansson tree; any allocation that fails
 * marks the builder, and the caller gets NULL rather than a record with
 * fields missing. */
typedef struct builder {
	int failed;
} builder;

/* A JSON string of s, which the record may hold in any bytes (a file name
 * that is not UTF-8, text from a broken document): each byte that does not
 * begin valid UTF-8 becomes U+FFFD, since jansson takes only UTF-8. */
static json_t *
jstr(builder *b, const char *s)
{
	json_t *v;
	a2_buf t;
	size_t i, n;

	if (s == NULL)
		return json_null();
	n = strlen(s);
	if (a2_utf8_valid(s, n)) {
		v = json_stringn_nocheck(s, n);   /* validated just above */
	} else {
		memset(&t, 0, sizeof(t));
		for (i = 0; i < n;) {
			unsigned cp;
			size_t k = a2_utf8_next(s + i, n - i, &cp);
			a2_buf_put_cp(&t, cp);
			i += k;
		}
		v = t.failed ? NULL : json_stringn_nocheck(t.data ? t.data : "", t.len);
		a2_buf_free(&t);
	}
	if (v == NULL)
		b->failed = 1;
	return v;
}

static json_t *
jobj(builder *b)
{
	json_t *o = json_object();

	if (o == NULL)
		b->failed = 1;
	return o;
}

static json_t *
jarr(builder *b)
{
	json_t *a = json_array();

	if (a == NULL)
		b->failed = 1;
	return a;
}

/* o[key] = v (v's reference taken; a NULL o or v only marks the failure) */
static void
put(builder *b, json_t *o, const char *key, json_t *v)
{
	if (o == NULL || v == NULL) {
		json_decref(v);
		b->failed = 1;
	} else if (json_object_set_new_nocheck(o, key, v) != 0) {   /* keys: ASCII literals */
		b->failed = 1;
	}
}

static void
push(builder *b, json_t *a, json_t *v)
{
	if (a == NULL || v == NULL) {
		json_decref(v);
		b->failed = 1;
	} else if (json_array_append_new(a, v) != 0) {
		b->failed = 1;
	}
}

static json_t *
record_json(const a2_record *r)
{
	builder b = { 0 };
	json_t *o = jobj(&b), *texts, *probs, *ms, *sig;
	size_t i;

	if (o == NULL)
		return NULL;
	put(&b, o, "file", jstr(&b, r->file));
	put(&b, o, "sha256", jstr(&b, r->sha256[0] ? r->sha256 : NULL));
	put(&b, o, "format", jstr(&b, a2_format_name(r->format)));
	put(&b, o, "status", jstr(&b, r->is_error ? "error" : "read"));
	if (r->is_error) {
		json_t *e = jobj(&b);
		put(&b, e, "code", jstr(&b, r->error_code));
		put(&b, e, "message", jstr(&b, r->error_message));
		put(&b, o, "error", e);
	}
	put(&b, o, "consultation", jstr(&b, r->consultation));
	if (r->ms_iso3 != NULL) {
		ms = jobj(&b);
		put(&b, ms, "iso3", jstr(&b, r->ms_iso3));
		put(&b, ms, "name", jstr(&b, r->ms_name));
		put(&b, ms, "source", jstr(&b, r->ms_source));
		put(&b, o, "member_state", ms);
	} else {
		put(&b, o, "member_state", json_null());
	}
	texts = jarr(&b);
	for (i = 0; i < r->n_texts && !b.failed; i++) {
		const a2_answer *a = &r->texts[i];
		json_t *t = jobj(&b);
		put(&b, t, "rec", jstr(&b, a->rec));
		put(&b, t, "alias", jstr(&b, a->alias));
		put(&b, t, "authority", jstr(&b, a2_authority_name(a->authority)));
		put(&b, t, "comments", jstr(&b, a2_comments_name(a->comments)));
		put(&b, t, "status", jstr(&b, a2_status_name(a->status)));
		put(&b, t, "evidence", jstr(&b, a->evidence));
		push(&b, texts, t);
	}
	put(&b, o, "texts", texts);
	sig = jobj(&b);
	put(&b, sig, "name", jstr(&b, r->sig_name));
	put(&b, sig, "title", jstr(&b, r->sig_title));
	put(&b, sig, "place", jstr(&b, r->sig_place));
	put(&b, sig, "date", jstr(&b, r->sig_date));
	put(&b, o, "signatory", sig);
	put(&b, o, "complete", json_boolean(r->complete));
	probs = jarr(&b);
	for (i = 0; i < r->n_problems && !b.failed; i++) {
		json_t *p = jobj(&b);
		put(&b, p, "code", jstr(&b, r->problems[i].code));
		put(&b, p, "rec", jstr(&b, r->problems[i].rec));
		put(&b, p, "message", jstr(&b, r->problems[i].message));
		push(&b, probs, p);
	}
	put(&b, o, "problems", probs);
	if (b.failed) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* jansson's dumper does not check every write of its own (2.14 drops an
 * object key whose write failed and goes on), so the text is written into
 * our buffer, whose failure sticks: one failed write fails the record. */
static int
to_buf(const char *p, size_t n, void *ctx)
{
	return a2_buf_add(ctx, p, n) == 0 ? 0 : -1;
}

char *
a2_record_to_json(const a2_record *r)
{
	json_t *o = record_json(r);
	a2_buf b = {0};
	int rc;

	if (o == NULL)
		return NULL;
	rc = json_dump_callback(o, to_buf, &b, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (rc != 0 || b.failed) {
		a2_buf_free(&b);
		return NULL;
	}
	return a2_buf_take(&b);
}

static char *
get_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? a2_strdup(json_string_value(v)) : NULL;
}

static int
word_index(const char *s, const char *(*name)(int), int n)
{
	int i;
	for (i = 0; s != NULL && i < n; i++)
		if (name(i) != NULL && strcmp(name(i), s) == 0)
			return i;
	return 0;
}

static const char *auth_n(int i) { return a2_authority_name((a2_authority)i); }
static const char *com_n(int i) { return a2_comments_name((a2_comments)i); }
static const char *st_n(int i) { return a2_status_name((a2_status)i); }

int
a2_record_from_json(a2_record *r, const char *line, a2_error *err)
{
	json_error_t je;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &je), *v, *e;
	size_t i;
	const char *fmt;

	a2_record_init(r);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		a2_error_at(err, NULL, NULL, 0, je.column);
		return a2_error_set(err, A2_ERR_DATA, "not a record: %s", o ? "not an object" : je.text);
	}
	r->file = get_str(o, "file");
	if ((v = json_object_get(o, "sha256")) != NULL && json_is_string(v))
		snprintf(r->sha256, sizeof(r->sha256), "%s", json_string_value(v));
	fmt = json_string_value(json_object_get(o, "format"));
	r->format = fmt && !strcmp(fmt, "docx") ? A2_FMT_DOCX : fmt && !strcmp(fmt, "odt") ? A2_FMT_ODT :
	    fmt && !strcmp(fmt, "fodt") ? A2_FMT_FODT : A2_FMT_UNKNOWN;
	v = json_object_get(o, "status");
	if (!json_is_string(v) || (strcmp(json_string_value(v), "read") && strcmp(json_string_value(v), "error"))) {
		json_decref(o);
		a2_record_clear(r);
		return a2_error_set(err, A2_ERR_DATA, "not a record: no \"status\" of read or error");
	}
	r->is_error = strcmp(json_string_value(v), "error") == 0;
	if ((e = json_object_get(o, "error")) != NULL && json_is_object(e)) {
		r->error_code = get_str(e, "code");
		r->error_message = get_str(e, "message");
	}
	r->consultation = get_str(o, "consultation");
	if ((v = json_object_get(o, "member_state")) != NULL && json_is_object(v)) {
		r->ms_iso3 = get_str(v, "iso3");
		r->ms_name = get_str(v, "name");
		r->ms_source = get_str(v, "source");
	}
	v = json_object_get(o, "texts");
	if (json_is_array(v) && json_array_size(v) > 0) {
		r->texts = calloc(json_array_size(v), sizeof(a2_answer));
		if (r->texts == NULL)
			goto nomem;
		r->n_texts = json_array_size(v);
		for (i = 0; i < r->n_texts; i++) {
			json_t *t = json_array_get(v, i);
			a2_answer *a = &r->texts[i];
			a->rec = get_str(t, "rec");
			a->alias = get_str(t, "alias");
			a->authority = (a2_authority)word_index(json_string_value(json_object_get(t, "authority")), auth_n, 3);
			a->comments = (a2_comments)word_index(json_string_value(json_object_get(t, "comments")), com_n, 3);
			a->status = (a2_status)word_index(json_string_value(json_object_get(t, "status")), st_n, 5);
			a->evidence = get_str(t, "evidence");
		}
	}
	if ((v = json_object_get(o, "signatory")) != NULL && json_is_object(v)) {
		r->sig_name = get_str(v, "name");
		r->sig_title = get_str(v, "title");
		r->sig_place = get_str(v, "place");
		r->sig_date = get_str(v, "date");
	}
	r->complete = json_is_true(json_object_get(o, "complete"));
	v = json_object_get(o, "problems");
	for (i = 0; json_is_array(v) && i < json_array_size(v); i++) {
		json_t *p = json_array_get(v, i);
		const char *code = json_string_value(json_object_get(p, "code"));
		const char *rec = json_string_value(json_object_get(p, "rec"));
		const char *msg = json_string_value(json_object_get(p, "message"));
		if (a2_record_add_problem(r, code ? code : "unknown", rec, "%s", msg ? msg : "") != 0)
			goto nomem;
	}
	json_decref(o);
	return 0;
nomem:
	json_decref(o);
	a2_record_clear(r);
	return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
}
