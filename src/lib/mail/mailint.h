/* mail/mailint.h -- what the files of the mail layer share. */
#ifndef A2_MAILINT_H
#define A2_MAILINT_H

#include <pthread.h>
#include <jansson.h>
#define CURL_DISABLE_TYPECHECK 1   /* its macros would call curl_easy_setopt directly */
#include <curl/curl.h>

#include "annex2/mail.h"

/* GMime loaded and g_mime_init() called, once per process (gmimeload.c).
 * 0, or -1 when GMime cannot be loaded. */
int a2_mail_init(a2_error *err);
/* "2024-08-21T23:59:00Z" as the mail wording's <deadline> writes it
 * ("21 August 2024, 23:59 UTC"; caller frees). */
char *a2_mail_deadline_text(const a2_mail_wording *w, const char *iso);
/* UTC ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" of t into out[21]. */
void a2_mail_iso_time(time_t t, char out[21]);
/* A JSON string of s, U+FFFD for bytes that are not UTF-8 (NULL -> null). */
json_t *a2_mail_jstr(const char *s);
/* Appends one line (s + '\n') to path (created 0644) and syncs it. */
int a2_mail_append_line(const char *path, const char *s, a2_error *err);

/* curl_global_init() once; 0 or -1. */
int a2_mail_curl_init(a2_error *err);
/* Credentials for a libcurl handle: ANNEX2_SMTP_USER / ANNEX2_SMTP_PASSWORD
 * (proto "smtp") or ANNEX2_IMAP_USER / ANNEX2_IMAP_PASSWORD ("imap"), else a
 * netrc file (ANNEX2_NETRC, else ~/.netrc). */
void a2_mail_curl_auth(CURL *c, const char *proto);

/* intake.c, for the sources: GMime parser options whose warnings say in
 * *damage (caller frees) why a message is malformed; a message the parser
 * made (a GMimeMessage, or NULL) taken into the intake. */
void *a2_intake_parser_options(char **damage);
int a2_intake_parsed(a2_intake *in, void *gmsg, const char *damage, const char *origin, time_t delivered,
                     size_t size, a2_error *err);
/* imap.c: the messages of an imap(s):// mailbox not taken before. */
int a2_intake_imap(a2_intake *in, const char *url, a2_error *err);
/* intake.c: the intake's folder. */
const char *a2_intake_dir(const a2_intake *in);

#endif
