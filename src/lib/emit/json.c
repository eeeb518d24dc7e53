/* emit/json.c -- the record as one JSON line (jansson), and back. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/util.h"

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
record_json(const a2_record *r)
{
	json_t *o = json_object(), *texts, *probs, *ms, *sig;
	size_t i;

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "file", jstr(r->file));
	json_object_set_new(o, "sha256", r->sha256[0] ? json_string(r->sha256) : json_null());
	json_object_set_new(o, "format", json_string(a2_format_name(r->format)));
	json_object_set_new(o, "status", json_string(r->is_error ? "error" : "read"));
	if (r->is_error) {
		json_t *e = json_object();
		json_object_set_new(e, "code", jstr(r->error_code));
		json_object_set_new(e, "message", jstr(r->error_message));
		json_object_set_new(o, "error", e);
	}
	json_object_set_new(o, "consultation", jstr(r->consultation));
	if (r->ms_iso3 != NULL) {
		ms = json_object();
		json_object_set_new(ms, "iso3", json_string(r->ms_iso3));
		json_object_set_new(ms, "name", jstr(r->ms_name));
		json_object_set_new(ms, "source", jstr(r->ms_source));
		json_object_set_new(o, "member_state", ms);
	} else {
		json_object_set_new(o, "member_state", json_null());
	}
	texts = json_array();
	for (i = 0; i < r->n_texts; i++) {
		const a2_answer *a = &r->texts[i];
		json_t *t = json_object();
		json_object_set_new(t, "rec", jstr(a->rec));
		json_object_set_new(t, "alias", jstr(a->alias));
		json_object_set_new(t, "authority", jstr(a2_authority_name(a->authority)));
		json_object_set_new(t, "comments", jstr(a2_comments_name(a->comments)));
		json_object_set_new(t, "status", json_string(a2_status_name(a->status)));
		json_object_set_new(t, "evidence", jstr(a->evidence));
		json_array_append_new(texts, t);
	}
	json_object_set_new(o, "texts", texts);
	sig = json_object();
	json_object_set_new(sig, "name", jstr(r->sig_name));
	json_object_set_new(sig, "title", jstr(r->sig_title));
	json_object_set_new(sig, "place", jstr(r->sig_place));
	json_object_set_new(sig, "date", jstr(r->sig_date));
	json_object_set_new(o, "signatory", sig);
	json_object_set_new(o, "complete", json_boolean(r->complete));
	probs = json_array();
	for (i = 0; i < r->n_problems; i++) {
		json_t *p = json_object();
		json_object_set_new(p, "code", jstr(r->problems[i].code));
		json_object_set_new(p, "rec", jstr(r->problems[i].rec));
		json_object_set_new(p, "message", jstr(r->problems[i].message));
		json_array_append_new(probs, p);
	}
	json_object_set_new(o, "problems", probs);
	return o;
}

char *
a2_record_to_json(const a2_record *r)
{
	json_t *o = record_json(r);
	char *s;

	if (o == NULL)
		return NULL;
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
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
