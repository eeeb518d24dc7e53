/* mail/mailint.h -- what the files of the mail layer share. */
#ifndef A2_MAILINT_H
#define A2_MAILINT_H

#include <pthread.h>
#include <jansson.h>
#include <curl/curl.h>

#include "annex2/mail.h"

/* g_mime_init() once per process. */
void a2_mail_init(void);
/* "2024-08-21T23:59:00Z" -> "21 August 2024, 23:59 UTC" (caller frees). */
char *a2_mail_deadline_text(const char *iso);
/* UTC ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" of t into out[21]. */
void a2_mail_iso_time(time_t t, char out[21]);
/* A JSON string of s, U+FFFD for bytes that are not UTF-8 (NULL -> null). */
json_t *a2_mail_jstr(const char *s);
/* Appends one line (s + '\n') to path (created 0644) and syncs it. */
int a2_mail_append_line(const char *path, const char *s, a2_error *err);

/* curl_global_init() once; 0 or -1. */
int a2_mail_curl_init(a2_error *err);
/* Credentials for a libcurl handle: ANNEX2_SMTP_USER / ANNEX2_SMTP_PASSWORD
 * (also used for IMAP), else a netrc file (ANNEX2_NETRC, else ~/.netrc). */
void a2_mail_curl_auth(CURL *c);

#endif
