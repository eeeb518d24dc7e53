/* emit/json.c -- the record as one JSON line (jansson), and back. */
#include <stdarg.h>
#include <stdio.h>
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
	if (!r->is_error)
		put(&b, o, "lang", jstr(&b, r->lang));
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
		if (a->has_confidence)
			put(&b, t, "confidence", json_real(a->confidence));
		push(&b, texts, t);
	}
	put(&b, o, "texts", texts);
	sig = jobj(&b);
	put(&b, sig, "name", jstr(&b, r->sig_name));
	put(&b, sig, "title", jstr(&b, r->sig_title));
	put(&b, sig, "place", jstr(&b, r->sig_place));
	put(&b, sig, "date", jstr(&b, r->sig_date));
	if (r->sig_signed >= 0)
		put(&b, sig, "signed", json_boolean(r->sig_signed));
	if (r->dsig.present) {
		json_t *d = jobj(&b);
		put(&b, d, "signer", jstr(&b, r->dsig.signer));
		put(&b, d, "time", jstr(&b, r->dsig.time));
		put(&b, d, "valid", json_boolean(r->dsig.valid));
		put(&b, d, "covers_document", json_boolean(r->dsig.covers));
		put(&b, d, "message", jstr(&b, r->dsig.message));
		put(&b, sig, "digital_signature", d);
	}
	put(&b, o, "signatory", sig);
	if (r->n_pages > 0) {
		json_t *pa = jarr(&b);
		for (i = 0; i < r->n_pages && !b.failed; i++) {
			json_t *p = jobj(&b);
			put(&b, p, "form_page", r->pages[i].form_page > 0 ?
			    json_integer(r->pages[i].form_page) : json_null());
			put(&b, p, "rotation", json_integer(r->pages[i].rotation));
			put(&b, p, "skew", json_real(r->pages[i].skew));
			put(&b, p, "what", jstr(&b, r->pages[i].what));
			push(&b, pa, p);
		}
		put(&b, o, "pages", pa);
	}
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
	if (r->message != NULL) {   /* the mail round: the message the file came in */
		json_t *m = jobj(&b);
		put(&b, m, "id", jstr(&b, r->message->id));
		put(&b, m, "from", jstr(&b, r->message->from));
		put(&b, m, "subject", jstr(&b, r->message->subject));
		put(&b, m, "received", jstr(&b, r->message->received));
		put(&b, m, "attachment", jstr(&b, r->message->attachment));
		put(&b, m, "contact_of", jstr(&b, r->message->contact_of));
		put(&b, m, "replies_to", jstr(&b, r->message->replies_to));
		if (r->message->smime != NULL) {   /* as signatory.digital_signature */
			const a2_smime *x = r->message->smime;
			json_t *d = jobj(&b);
			put(&b, d, "signer", jstr(&b, x->signer));
			put(&b, d, "valid", json_boolean(x->valid));
			put(&b, d, "covers_document", json_boolean(x->covers));
			put(&b, d, "message", jstr(&b, x->message));
			put(&b, m, "smime", d);
		}
		put(&b, o, "message", m);
	}
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

/* ---- reading a record back: every line is checked against the record
 * schema (forms/record.schema.json) before anything of it is believed ---- */

typedef struct jin {
	a2_error *err;
	int bad;           /* the first problem is said; the rest are not looked for */
} jin;

static int
jbad(jin *J, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int
jbad(jin *J, const char *fmt, ...)
{
	va_list ap;
	char msg[400];

	if (!J->bad) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		a2_error_set(J->err, A2_ERR_DATA, "not a valid record: %s", msg);
	}
	J->bad = 1;
	return -1;
}

/* A string or null member: *out a copy (NULL for null).  Absent is an
 * error unless optional. */
static int
jstr_in(jin *J, json_t *o, const char *key, const char *path, int nullable, int optional, char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL)
		return optional ? 0 : jbad(J, "%s%s is missing", path, key);
	if (json_is_null(v))
		return nullable ? 0 : jbad(J, "%s%s is null, a string is needed", path, key);
	if (!json_is_string(v))
		return jbad(J, "%s%s is not a string", path, key);
	if ((*out = a2_strdup(json_string_value(v))) == NULL)
		return a2_error_set(J->err, A2_ERR_NOMEM, "out of memory");
	return 0;
}

/* One of the stable words name(0..n-1) (NULL names stand for JSON null). */
static int
jword_in(jin *J, json_t *o, const char *key, const char *path, const char *(*name)(int), int n, int *out)
{
	json_t *v = json_object_get(o, key);
	char list[200] = "";
	int i;

	*out = 0;
	if (v == NULL)
		return jbad(J, "%s%s is missing", path, key);
	for (i = 0; i < n; i++) {
		const char *w = name(i);
		if ((w == NULL && json_is_null(v)) ||
		    (w != NULL && json_is_string(v) && strcmp(w, json_string_value(v)) == 0)) {
			*out = i;
			return 0;
		}
		if (strlen(list) + 24 < sizeof(list))
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", w ? w : "null");
	}
	if (json_is_string(v))
		return jbad(J, "%s%s \"%.40s\" is not one of %s", path, key, json_string_value(v), list);
	return jbad(J, "%s%s is not one of %s", path, key, list);
}

/* A member that is true or false, or absent (optional): -1 when absent. */
static int
jbool_in(jin *J, json_t *o, const char *key, const char *path, int optional, int *out)
{
	json_t *v = json_object_get(o, key);

	*out = -1;
	if (v == NULL)
		return optional ? 0 : jbad(J, "%s%s is missing", path, key);
	if (!json_is_boolean(v))
		return jbad(J, "%s%s is not true or false", path, key);
	*out = json_is_true(v);
	return 0;
}

/* signatory.signed and signatory.digital_signature, both optional. */
static int
signatory_extra_in(jin *J, json_t *sig, a2_record *r)
{
	json_t *d = json_object_get(sig, "digital_signature");

	if (jbool_in(J, sig, "signed", "signatory.", 1, &r->sig_signed) != 0)
		return -1;
	if (d == NULL || json_is_null(d))
		return 0;
	if (!json_is_object(d))
		return jbad(J, "signatory.digital_signature is not an object");
	r->dsig.present = 1;
	if (jstr_in(J, d, "signer", "signatory.digital_signature.", 1, 0, &r->dsig.signer) != 0 ||
	    jstr_in(J, d, "time", "signatory.digital_signature.", 1, 1, &r->dsig.time) != 0 ||
	    jstr_in(J, d, "message", "signatory.digital_signature.", 1, 1, &r->dsig.message) != 0 ||
	    jbool_in(J, d, "valid", "signatory.digital_signature.", 0, &r->dsig.valid) != 0 ||
	    jbool_in(J, d, "covers_document", "signatory.digital_signature.", 0, &r->dsig.covers) != 0)
		return -1;
	return 0;
}

static int
all_of(const char *s, const char *pattern_class, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (strchr(pattern_class, s[i]) == NULL || s[i] == '\0')
			return 0;
	return 1;
}

/* s has the shape ('d' a digit, anything else itself) */
static int
has_shape(const char *s, const char *shape)
{
	size_t i;

	if (strlen(s) != strlen(shape))
		return 0;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

static int
is_iso_date(const char *s)
{
	return has_shape(s, "dddd-dd-dd");
}

/* "2024-08-20T14:03:00Z", as intake writes a receipt time */
static int
is_iso_instant(const char *s)
{
	return has_shape(s, "dddd-dd-ddTdd:dd:ddZ");
}

static int
is_code_word(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 40 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static const char *auth_n(int i) { return a2_authority_name((a2_authority)i); }
static const char *com_n(int i) { return a2_comments_name((a2_comments)i); }
static const char *st_n(int i) { return i < 5 ? a2_status_name((a2_status)i) : NULL; }
static const char *read_n(int i) { return i == 0 ? "read" : "error"; }
static const char *src_n(int i)
{
	static const char *const v[] = { NULL, "metadata", "text", "qr" };
	return v[i];
}

static int
texts_in(jin *J, json_t *arr, a2_record *r)
{
	size_t i;
	char path[40];

	if (!json_is_array(arr))
		return jbad(J, "texts is not an array");
	if (json_array_size(arr) > 10000)
		return jbad(J, "texts has %zu entries", json_array_size(arr));
	if (json_array_size(arr) == 0)
		return 0;
	if ((r->texts = calloc(json_array_size(arr), sizeof(a2_answer))) == NULL)
		return a2_error_set(J->err, A2_ERR_NOMEM, "out of memory");
	r->n_texts = json_array_size(arr);
	for (i = 0; i < r->n_texts; i++) {
		json_t *t = json_array_get(arr, i);
		a2_answer *a = &r->texts[i];
		int au, co, st;
		snprintf(path, sizeof(path), "texts[%zu].", i);
		if (!json_is_object(t))
			return jbad(J, "texts[%zu] is not an object", i);
		if (jstr_in(J, t, "rec", path, 0, 0, &a->rec) != 0 ||
		    jstr_in(J, t, "alias", path, 1, 0, &a->alias) != 0 ||
		    jword_in(J, t, "authority", path, auth_n, 3, &au) != 0 ||
		    jword_in(J, t, "comments", path, com_n, 3, &co) != 0 ||
		    jword_in(J, t, "status", path, st_n, 5, &st) != 0 ||
		    jstr_in(J, t, "evidence", path, 1, 0, &a->evidence) != 0)
			return -1;
		if (json_object_get(t, "confidence") != NULL) {
			json_t *c = json_object_get(t, "confidence");
			if (!json_is_number(c) || json_number_value(c) < 0 || json_number_value(c) > 1)
				return jbad(J, "%sconfidence is not a number from 0 to 1", path);
			a->confidence = json_number_value(c);
			a->has_confidence = 1;
		}
		a->authority = (a2_authority)au;
		a->comments = (a2_comments)co;
		a->status = (a2_status)st;
		/* the record's own rules (SPEC): an answer only with ok/inferred,
		 * an option only with assigns */
		if ((a->status == A2_ST_OK || a->status == A2_ST_INFERRED) != (a->authority != A2_AUTH_NULL))
			return jbad(J, "%sauthority is %s with status %s", path,
			    a->authority ? a2_authority_name(a->authority) : "null", a2_status_name(a->status));
		if (a->comments != A2_COM_NULL && a->authority != A2_AUTH_ASSIGNS)
			return jbad(J, "%scomments is %s without authority assigns", path,
			    a2_comments_name(a->comments));
	}
	return 0;
}

static int
problems_in(jin *J, json_t *arr, a2_record *r)
{
	size_t i;
	char path[40];

	if (!json_is_array(arr))
		return jbad(J, "problems is not an array");
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *p = json_array_get(arr, i);
		char *code = NULL, *rec = NULL, *msg = NULL;
		int rc;
		snprintf(path, sizeof(path), "problems[%zu].", i);
		if (!json_is_object(p))
			return jbad(J, "problems[%zu] is not an object", i);
		rc = jstr_in(J, p, "code", path, 0, 0, &code) != 0 || jstr_in(J, p, "rec", path, 1, 0, &rec) != 0 ||
		    jstr_in(J, p, "message", path, 0, 0, &msg) != 0 ? -1 : 0;
		if (rc == 0 && !is_code_word(code))
			rc = jbad(J, "%scode \"%.40s\" is not a problem code", path, code);
		if (rc == 0 && a2_record_add_problem(r, code, rec, "%s", msg) != 0)
			rc = a2_error_set(J->err, A2_ERR_NOMEM, "out of memory");
		free(code);
		free(rec);
		free(msg);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
record_in(jin *J, json_t *o, a2_record *r)
{
	json_t *v;
	char *s = NULL;
	int k, f;

	if (jstr_in(J, o, "file", "", 0, 0, &r->file) != 0 || jstr_in(J, o, "sha256", "", 1, 0, &s) != 0)
		return -1;
	if (s != NULL) {
		int ok = all_of(s, "0123456789abcdef", 64);
		if (ok)
			memcpy(r->sha256, s, 65);
		free(s);
		if (!ok)
			return jbad(J, "sha256 is not 64 lower-case hexadecimal digits");
	}
	if (jstr_in(J, o, "format", "", 0, 0, &s) != 0)
		return -1;
	for (f = 0; f < 64 && strcmp(a2_format_name((a2_format)f), s) != 0; f++)
		if (f > 0 && strcmp(a2_format_name((a2_format)f), "unknown") == 0) {
			f = 64;
			break;
		}
	if (f >= 64) {
		jbad(J, "format \"%.40s\" is not a format annex2 reads", s);
		free(s);
		return -1;
	}
	free(s);
	r->format = (a2_format)f;
	if (jword_in(J, o, "status", "", read_n, 2, &k) != 0)
		return -1;
	r->is_error = k;
	if (r->is_error) {
		json_t *e = json_object_get(o, "error");
		if (!json_is_object(e))
			return jbad(J, "a record of status error has no error object");
		if (jstr_in(J, e, "code", "error.", 0, 0, &r->error_code) != 0 ||
		    jstr_in(J, e, "message", "error.", 0, 0, &r->error_message) != 0)
			return -1;
	} else if (r->sha256[0] == '\0') {
		return jbad(J, "sha256 is null in a record that was read");
	}
	if (jstr_in(J, o, "consultation", "", r->is_error, r->is_error, &r->consultation) != 0 ||
	    jstr_in(J, o, "lang", "", 1, 1, &r->lang) != 0)
		return -1;
	v = json_object_get(o, "member_state");
	if (v == NULL && !r->is_error)
		return jbad(J, "member_state is missing");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_object(v))
			return jbad(J, "member_state is neither an object nor null");
		if (jstr_in(J, v, "iso3", "member_state.", 0, 0, &r->ms_iso3) != 0 ||
		    jstr_in(J, v, "name", "member_state.", 1, 0, &r->ms_name) != 0 ||
		    jword_in(J, v, "source", "member_state.", src_n, 4, &k) != 0)
			return -1;
		if (!all_of(r->ms_iso3, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3))
			return jbad(J, "member_state.iso3 \"%.20s\" is not three capital letters", r->ms_iso3);
		if (k != 0 && (r->ms_source = a2_strdup(src_n(k))) == NULL)
			return a2_error_set(J->err, A2_ERR_NOMEM, "out of memory");
	}
	v = json_object_get(o, "texts");
	if (v == NULL && !r->is_error)
		return jbad(J, "texts is missing");
	if (v != NULL && texts_in(J, v, r) != 0)
		return -1;
	v = json_object_get(o, "signatory");
	if (v == NULL && !r->is_error)
		return jbad(J, "signatory is missing");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_object(v))
			return jbad(J, "signatory is not an object");
		if (jstr_in(J, v, "name", "signatory.", 1, 0, &r->sig_name) != 0 ||
		    jstr_in(J, v, "title", "signatory.", 1, 0, &r->sig_title) != 0 ||
		    jstr_in(J, v, "place", "signatory.", 1, 0, &r->sig_place) != 0 ||
		    jstr_in(J, v, "date", "signatory.", 1, 0, &r->sig_date) != 0)
			return -1;
		if (r->sig_date != NULL && !is_iso_date(r->sig_date))
			return jbad(J, "signatory.date \"%.40s\" is not an ISO date (YYYY-MM-DD)", r->sig_date);
		if (signatory_extra_in(J, v, r) != 0)
			return -1;
	}
	v = json_object_get(o, "complete");
	if (!json_is_boolean(v))
		return jbad(J, "complete is %s", v == NULL ? "missing" : "not true or false");
	r->complete = json_is_true(v);
	if (r->is_error && r->complete)
		return jbad(J, "an error record cannot be complete");
	v = json_object_get(o, "message");
	if (v != NULL && !json_is_null(v)) {   /* the mail round (annex2 intake) */
		a2_message m;
		a2_smime x;
		json_t *sm = json_object_get(v, "smime");
		int rc;
		if (!json_is_object(v))
			return jbad(J, "message is not an object");
		memset(&m, 0, sizeof(m));
		memset(&x, 0, sizeof(x));
		rc = jstr_in(J, v, "id", "message.", 1, 1, &m.id) != 0 ||
		    jstr_in(J, v, "from", "message.", 1, 1, &m.from) != 0 ||
		    jstr_in(J, v, "subject", "message.", 1, 1, &m.subject) != 0 ||
		    jstr_in(J, v, "received", "message.", 1, 1, &m.received) != 0 ||
		    jstr_in(J, v, "attachment", "message.", 1, 1, &m.attachment) != 0 ||
		    jstr_in(J, v, "contact_of", "message.", 1, 1, &m.contact_of) != 0 ||
		    jstr_in(J, v, "replies_to", "message.", 1, 1, &m.replies_to) != 0 ? -1 : 0;
		if (rc == 0 && sm != NULL && !json_is_null(sm)) {
			m.smime = &x;
			if (!json_is_object(sm))
				rc = jbad(J, "message.smime is not an object");
			else
				rc = jstr_in(J, sm, "signer", "message.smime.", 1, 0, &x.signer) != 0 ||
				    jstr_in(J, sm, "message", "message.smime.", 1, 1, &x.message) != 0 ||
				    jbool_in(J, sm, "valid", "message.smime.", 0, &x.valid) != 0 ||
				    jbool_in(J, sm, "covers_document", "message.smime.", 0, &x.covers) != 0 ? -1 : 0;
		}
		if (rc == 0 && m.received != NULL && !is_iso_instant(m.received))
			rc = jbad(J, "message.received \"%.40s\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)", m.received);
		if (rc == 0 && a2_record_set_message(r, &m) != 0)
			rc = a2_error_set(J->err, A2_ERR_NOMEM, "out of memory");
		free(m.id); free(m.from); free(m.subject); free(m.received); free(m.attachment);
		free(m.contact_of); free(m.replies_to); free(x.signer); free(x.message);
		if (rc != 0)
			return -1;
	}
	v = json_object_get(o, "problems");
	if (v == NULL)
		return r->is_error ? 0 : jbad(J, "problems is missing");
	return problems_in(J, v, r);
}

int
a2_record_from_json(a2_record *r, const char *line, a2_error *err)
{
	json_error_t je;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &je);
	jin J = { err, 0 };

	a2_record_init(r);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		a2_error_at(err, NULL, NULL, 0, je.column);
		return a2_error_set(err, A2_ERR_DATA, "not a record: %s", o ? "not an object" : je.text);
	}
	if (record_in(&J, o, r) != 0) {
		json_decref(o);
		a2_record_clear(r);
		return -1;
	}
	json_decref(o);
	return 0;
}
