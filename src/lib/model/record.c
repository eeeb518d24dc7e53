/* model/record.c -- the record of one returned document. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

const char *
a2_authority_name(a2_authority a)
{
	return a == A2_AUTH_ASSIGNS ? "assigns" : a == A2_AUTH_NOT ? "does-not-assign" : NULL;
}

const char *
a2_comments_name(a2_comments c)
{
	return c == A2_COM_NONE ? "none" : c == A2_COM_ATTACHED ? "attached" : NULL;
}

const char *
a2_status_name(a2_status s)
{
	switch (s) {
	case A2_ST_OK: return "ok";
	case A2_ST_MISSING: return "missing";
	case A2_ST_CONFLICT: return "conflict";
	case A2_ST_INFERRED: return "inferred";
	case A2_ST_UNCLEAR: return "unclear";
	}
	return "unclear";
}

void
a2_record_init(a2_record *r)
{
	memset(r, 0, sizeof(*r));
	r->sig_signed = -1;
}

void
a2_record_clear(a2_record *r)
{
	size_t i;

	if (r == NULL)
		return;
	free(r->file);
	free(r->error_code);
	free(r->error_message);
	free(r->consultation);
	free(r->lang);
	free(r->ms_iso3);
	free(r->ms_name);
	free(r->ms_source);
	for (i = 0; i < r->n_texts; i++) {
		free(r->texts[i].rec);
		free(r->texts[i].alias);
		free(r->texts[i].evidence);
	}
	free(r->texts);
	free(r->sig_name);
	free(r->sig_title);
	free(r->sig_place);
	free(r->sig_date);
	free(r->dsig.signer);
	free(r->dsig.time);
	free(r->dsig.message);
	for (i = 0; i < r->n_problems; i++) {
		free(r->problems[i].code);
		free(r->problems[i].rec);
		free(r->problems[i].message);
	}
	free(r->problems);
	if (r->message != NULL) {
		free(r->message->id); free(r->message->from); free(r->message->subject);
		free(r->message->received); free(r->message->attachment);
		free(r->message->contact_of); free(r->message->replies_to);
		free(r->message);
	}
	for (i = 0; i < r->n_pages; i++)
		free(r->pages[i].what);
	free(r->pages);
	a2_record_init(r);
}

int
a2_record_set_message(a2_record *r, const a2_message *m)
{
	a2_message *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return -1;
#define CP(f) if (m->f != NULL && (c->f = a2_strdup(m->f)) == NULL) goto nomem
	CP(id); CP(from); CP(subject); CP(received); CP(attachment); CP(contact_of); CP(replies_to);
#undef CP
	if (r->message != NULL) {
		a2_record tmp;
		a2_record_init(&tmp);
		tmp.message = r->message;
		a2_record_clear(&tmp);
	}
	r->message = c;
	return 0;
nomem:
	free(c->id); free(c->from); free(c->subject); free(c->received); free(c->attachment);
	free(c->contact_of); free(c->replies_to);
	free(c);
	return -1;
}

int
a2_record_add_problem(a2_record *r, const char *code, const char *rec, const char *fmt, ...)
{
	a2_problem *p;
	a2_buf b = {0};
	va_list ap;

	if (a2_grow((void **)&r->problems, &r->cap_problems, r->n_problems + 1, sizeof(a2_problem)) != 0)
		return -1;
	va_start(ap, fmt);
	a2_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = &r->problems[r->n_problems];
	p->code = a2_strdup(code);
	p->rec = a2_strdup(rec);
	p->message = a2_buf_take(&b);
	if (p->code == NULL || (rec != NULL && p->rec == NULL) || p->message == NULL) {
		free(p->code);
		free(p->rec);
		free(p->message);
		return -1;
	}
	r->n_problems++;
	return 0;
}

int
a2_record_has_problem(const a2_record *r, const char *code, const char *rec)
{
	size_t i;

	for (i = 0; i < r->n_problems; i++) {
		if (strcmp(r->problems[i].code, code) != 0)
			continue;
		if (rec == NULL || (r->problems[i].rec && strcmp(r->problems[i].rec, rec) == 0))
			return 1;
	}
	return 0;
}
