/* mail/compose.c -- one RFC 5322 message per Member State, through GMime:
 * the consultation's mail wording, the state's form(s) attached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>
#define A2_GMIME_REDIRECT 1
#include "mail/gmimeapi.h"
#include <openssl/rand.h>

#include "annex2/mail.h"
#include "core/util.h"
#include "mail/mailint.h"

/* "2024-08-21T23:59:00Z" as w's <deadline> writes it ("21 August 2024,
 * 23:59 UTC", "21 août 2024 à 23 h 59 UTC", "2024年8月21日23:59..."); a
 * deadline of another form is given as it is. */
char *
a2_mail_deadline_text(const a2_mail_wording *w, const char *iso)
{
	int y, mo, d, h, mi;
	char sd[12], sm[12], sy[12], sh[4], smi[4];

	if (iso == NULL)
		return a2_strdup("");
	if (w == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5 || mo < 1 || mo > 12 ||
	    d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
		return a2_strdup(iso);
	snprintf(sd, sizeof(sd), "%d", d);
	snprintf(sm, sizeof(sm), "%d", mo);
	snprintf(sy, sizeof(sy), "%d", y);
	snprintf(sh, sizeof(sh), "%02d", h);
	snprintf(smi, sizeof(smi), "%02d", mi);
	{
		const char *kv[] = {"{d}", sd, "{month}", w->months[mo - 1] ? w->months[mo - 1] : sm,
		    "{m}", sm, "{y}", sy, "{hh}", sh, "{mm}", smi};
		return a2_form_fill(w->deadline_format, kv, 6);
	}
}

/* A wording string with every placeholder filled: the consultation's
 * first, then {deadline} and {missing} (which hold words of the replies:
 * never expanded again). */
static char *
fill(const a2_form *form, const a2_mail_wording *w, const a2_mail_spec *spec, const char *tmpl)
{
	char *dl = a2_mail_deadline_text(w, form->deadline);
	char *a = NULL, *out = NULL;

	if (dl != NULL) {
		const char *name = spec->state_name ? spec->state_name : spec->iso3;
		const char *kv[] = {"{formal}", spec->state_formal ? spec->state_formal : name};
		char *t = a2_form_fill(tmpl, kv, 1);
		a = t != NULL ? a2_form_expand(form, t, NULL, name) : NULL;
		free(t);
	}
	if (a != NULL) {
		const char *kv[] = {"{deadline}", dl, "{missing}", spec->missing};
		out = a2_form_fill(a, kv, 2);
	}
	free(dl);
	free(a);
	return out;
}

static const a2_mail_wording *
wording(const a2_form *form, const a2_mail_spec *spec, a2_error *err)
{
	const a2_mail_wording *w = a2_form_mail_wording(form, spec->lang);

	if (w == NULL)
		a2_error_set(err, A2_ERR_SCHEMA,
		    "the consultation has no mail wording (<mail xml:lang=\"en\">)");
	return w;
}

char *
a2_mail_subject(const a2_form *form, const a2_mail_spec *spec, a2_error *err)
{
	const a2_mail_wording *w;
	char *s;

	if (form == NULL || spec == NULL) {
		a2_error_set(err, A2_ERR_USAGE, "no consultation or message given");
		return NULL;
	}
	if ((w = wording(form, spec, err)) == NULL)
		return NULL;
	s = fill(form, w, spec, spec->kind == A2_MAIL_REMINDER ? w->reminder_subject : w->subject);
	if (s == NULL)
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return s;
}

/* The content type of a form by its file name. */
static void
file_type(const char *name, const char **type, const char **sub)
{
	const char *dot = strrchr(name, '.');

	*type = "application";
	if (dot != NULL && strcasecmp(dot, ".docx") == 0)
		*sub = "vnd.openxmlformats-officedocument.wordprocessingml.document";
	else if (dot != NULL && strcasecmp(dot, ".odt") == 0)
		*sub = "vnd.oasis.opendocument.text";
	else if (dot != NULL && strcasecmp(dot, ".pdf") == 0)
		*sub = "pdf";
	else
		*sub = "octet-stream";
}

/* The domain of an address ("tsbdir@itu.int" -> "itu.int"). */
static const char *
domain_of(const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;

	return at != NULL && at[1] ? at + 1 : "annex2.invalid";
}

int
a2_mail_compose(const a2_form *form, const a2_mail_spec *spec,
                unsigned char **out, size_t *len, char **msgid, a2_error *err)
{
	const a2_mail_wording *w;
	GMimeMessage *m = NULL;
	GMimeMultipart *mp = NULL;
	GMimeTextPart *text = NULL;
	GMimeStream *ms = NULL;
	GMimeFormatOptions *fo = NULL;
	GDateTime *dt = NULL;
	char *subject = NULL, *body = NULL, *id = NULL;
	const char *from;
	unsigned char rnd[6];
	size_t i;
	int rc = -1;

	if (out == NULL || len == NULL || msgid == NULL || form == NULL || spec == NULL ||
	    spec->iso3 == NULL)
		return a2_error_set(err, A2_ERR_USAGE, "a message needs a state and an output");
	*out = NULL;
	*len = 0;
	*msgid = NULL;
	if ((w = wording(form, spec, err)) == NULL)
		return -1;
	if (a2_mail_init(err) != 0)
		return -1;
	from = spec->from ? spec->from : form->email;
	subject = fill(form, w, spec, spec->kind == A2_MAIL_REMINDER ? w->reminder_subject : w->subject);
	body = fill(form, w, spec, spec->kind == A2_MAIL_REMINDER ? w->reminder_body : w->body);
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		memset(rnd, 0, sizeof(rnd));
	id = a2_sprintf("annex2.%s.%s.%s.%lld.%02x%02x%02x%02x%02x%02x@%s", form->id,
	    spec->kind == A2_MAIL_REMINDER ? "reminder" : "circular", spec->iso3,
	    (long long)spec->date, rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], domain_of(from));
	if (subject == NULL || body == NULL || id == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* body text: CRLF lines for the wire, as GMime writes the rest */
	m = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(m, GMIME_ADDRESS_TYPE_FROM, NULL, from);
	for (i = 0; i < spec->n_to; i++)
		g_mime_message_add_mailbox(m, GMIME_ADDRESS_TYPE_TO, NULL, spec->to[i]);
	g_mime_message_set_subject(m, subject, "utf-8");
	dt = g_date_time_new_from_unix_utc((gint64)spec->date);
	if (dt != NULL)
		g_mime_message_set_date(m, dt);
	g_mime_message_set_message_id(m, id);
	if (spec->in_reply_to != NULL && spec->in_reply_to[0]) {
		g_mime_object_set_header((GMimeObject *)m, "In-Reply-To", spec->in_reply_to, NULL);
		g_mime_object_set_header((GMimeObject *)m, "References", spec->in_reply_to, NULL);
	}
	g_mime_object_set_header((GMimeObject *)m, "X-Annex2-Member-State", spec->iso3, NULL);
	mp = g_mime_multipart_new_with_subtype("mixed");
	text = g_mime_text_part_new_with_subtype("plain");
	g_mime_text_part_set_text(text, body);
	g_mime_multipart_add(mp, (GMimeObject *)text);
	for (i = 0; i < spec->n_files; i++) {
		const a2_mail_file *f = &spec->files[i];
		const char *type, *sub;
		GMimePart *part;
		GMimeStream *st;
		GMimeDataWrapper *dw;

		file_type(f->filename, &type, &sub);
		part = g_mime_part_new_with_type(type, sub);
		g_mime_part_set_filename(part, f->filename);
		st = g_mime_stream_mem_new_with_buffer((const char *)f->data, f->len);
		dw = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
		g_mime_part_set_content(part, dw);
		g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
		g_mime_multipart_add(mp, (GMimeObject *)part);
		g_object_unref(dw);
		g_object_unref(st);
		g_object_unref(part);
	}
	g_mime_message_set_mime_part(m, (GMimeObject *)mp);
	fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	ms = g_mime_stream_mem_new();
	if (g_mime_object_write_to_stream((GMimeObject *)m, fo, ms) < 0) {
		a2_error_set(err, A2_ERR_INTERNAL, "GMime could not write the message");
		goto out;
	}
	{
		GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
		if ((*out = malloc(ba->len + 1)) == NULL) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		memcpy(*out, ba->data, ba->len);
		(*out)[ba->len] = 0;
		*len = ba->len;
	}
	if ((*msgid = a2_sprintf("<%s>", id)) == NULL) {
		free(*out);
		*out = NULL;
		*len = 0;
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = 0;
out:
	if (ms != NULL)
		g_object_unref(ms);
	if (fo != NULL)
		g_mime_format_options_free(fo);
	if (mp != NULL)
		g_object_unref(mp);
	if (text != NULL)
		g_object_unref(text);
	if (m != NULL)
		g_object_unref(m);
	if (dt != NULL)
		g_date_time_unref(dt);
	free(subject);
	free(body);
	free(id);
	return rc;
}
