/* mail/imap.c -- an IMAP mailbox through libcurl, UID-based: the last UID
 * taken and the mailbox's UIDVALIDITY are kept in DIR/imap-state.json, so a
 * second run fetches only what is new.  Nothing is deleted, moved or
 * expunged; libcurl fetches with BODY[] (which sets \Seen), so a message that
 * was unseen is made unseen again: the mailbox's flags are left as found. */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "annex2/mail.h"
#include "core/util.h"
#include "mail/mailint.h"
#include "mail/curlapi.h"

typedef struct sink {
	a2_buf b;
	size_t max;
	int over;
} sink;

static size_t
write_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	sink *s = ud;
	size_t n = size * nmemb;

	if (s->b.len + n > s->max) {
		s->over = 1;
		return 0;   /* stop: over the limit */
	}
	if (a2_buf_add(&s->b, p, n) != 0)
		return 0;
	return n;
}

typedef struct uidinfo {
	unsigned long uid;
	int seen;
	time_t internal;
} uidinfo;

/* One request: custom (NULL: a plain fetch of url) into s. */
static CURLcode
perform(CURL *c, const char *url, const char *custom, sink *s, char *errbuf)
{
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, custom);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	errbuf[0] = 0;
	return curl_easy_perform(c);
}

static const char *
cerr(CURLcode cc, const char *errbuf)
{
	return errbuf[0] ? errbuf : curl_easy_strerror(cc);
}

/* "* STATUS INBOX (MESSAGES 3 UIDNEXT 20 UIDVALIDITY 1796360575)" */
static unsigned long
status_field(const char *resp, const char *name)
{
	const char *p = resp ? strstr(resp, name) : NULL;

	return p ? strtoul(p + strlen(name), NULL, 10) : 0;
}

/* "* 3 FETCH (UID 3 FLAGS (\Seen) INTERNALDATE "20-Aug-2024 14:03:00 +0000")" lines */
static int
parse_fetch(const char *resp, uidinfo **out, size_t *n)
{
	size_t cap = 0;
	const char *line = resp;

	*out = NULL;
	*n = 0;
	while (line != NULL && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *l = a2_strndup(line, len), *u, *f, *d;
		if (l == NULL)
			return -1;
		if ((u = strstr(l, "UID ")) != NULL) {
			uidinfo x;
			memset(&x, 0, sizeof(x));
			x.uid = strtoul(u + 4, NULL, 10);
			f = strstr(l, "FLAGS (");
			x.seen = f != NULL && strstr(f, "\\Seen") != NULL;
			if ((d = strstr(l, "INTERNALDATE \"")) != NULL) {
				struct tm tm;
				char *r;
				memset(&tm, 0, sizeof(tm));
				r = strptime(d + 14, "%d-%b-%Y %H:%M:%S", &tm);
				if (r != NULL) {
					long off = 0;
					int sign = 1;
					while (*r == ' ')
						r++;
					if (*r == '+' || *r == '-') {
						sign = *r == '-' ? -1 : 1;
						off = strtol(r + 1, NULL, 10);
					}
					x.internal = timegm(&tm) - sign * ((off / 100) * 3600 + (off % 100) * 60);
				}
			}
			if (x.uid > 0) {
				if (a2_grow((void **)out, &cap, *n + 1, sizeof(**out)) != 0) {
					free(l);
					return -1;
				}
				(*out)[(*n)++] = x;
			}
		}
		free(l);
		line = end ? end + 1 : NULL;
	}
	return 0;
}

static int
by_uid(const void *a, const void *b)
{
	unsigned long x = ((const uidinfo *)a)->uid, y = ((const uidinfo *)b)->uid;

	return x < y ? -1 : x > y;
}

/* The state of every mailbox taken into DIR, by its URL (password left out). */
static json_t *
state_load(const char *path)
{
	json_t *o = json_load_file(path, 0, NULL);

	if (!json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	return o;
}

static int
state_save(const char *path, json_t *o, a2_error *err)
{
	char *s = json_dumps(o, JSON_INDENT(1) | JSON_SORT_KEYS);
	int rc;

	if (s == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	rc = a2_write_atomic(path, s, strlen(s), 1, err);
	free(s);
	return rc;
}

int
a2_intake_imap(a2_intake *in, const char *url, a2_error *err)
{
	CURLU *u = NULL;
	CURL *c = NULL;
	char *scheme = NULL, *host = NULL, *port = NULL, *user = NULL, *path = NULL;
	char *base = NULL, *mbox_url = NULL, *key = NULL, *statepath = NULL, *cmd = NULL;
	char errbuf[CURL_ERROR_SIZE];
	const char *mailbox;
	json_t *state = NULL, *mine;
	uidinfo *uids = NULL;
	size_t nuids = 0, i;
	unsigned long validity, last = 0, messages;
	sink s;
	CURLcode cc;
	a2_intake_limits lim;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	a2_intake_limits_default(&lim);
	a2_error_at(err, url, NULL, 0, 0);
	if (a2_mail_curl_init(err) != 0)
		return -1;
	if ((u = curl_url()) == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		a2_error_set(err, A2_ERR_USAGE, "not an IMAP URL: imap[s]://[USER@]HOST[:PORT]/MAILBOX");
		goto out;
	}
	curl_url_get(u, CURLUPART_PORT, &port, 0);
	curl_url_get(u, CURLUPART_USER, &user, 0);
	curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE);
	mailbox = path != NULL && path[0] == '/' && path[1] ? path + 1 : "INBOX";
	if (strpbrk(mailbox, "\"\\\r\n;") != NULL) {
		a2_error_set(err, A2_ERR_USAGE, "the mailbox name \"%s\" is not one annex2 can ask for", mailbox);
		goto out;
	}
	base = a2_sprintf("%s://%s%s%s%s%s/", scheme, user ? user : "", user ? "@" : "", host,
	    port ? ":" : "", port ? port : "");
	{
		char *esc = curl_easy_escape(NULL, mailbox, 0);
		mbox_url = esc ? a2_sprintf("%s%s", base, esc) : NULL;
		curl_free(esc);
	}
	key = a2_sprintf("%s://%s%s%s%s%s/%s", scheme, user ? user : "", user ? "@" : "", host,
	    port ? ":" : "", port ? port : "", mailbox);
	statepath = a2_sprintf("%s/imap-state.json", a2_intake_dir(in));
	if (base == NULL || mbox_url == NULL || key == NULL || statepath == NULL || (c = curl_easy_init()) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 600L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	a2_mail_curl_auth(c, "imap");
	/* where the last run stopped, and whether the UIDs still mean the same */
	state = state_load(statepath);
	mine = json_object_get(state, key);
	s.max = 1u << 20;
	cmd = a2_sprintf("STATUS \"%s\" (MESSAGES UIDNEXT UIDVALIDITY)", mailbox);
	if (cmd == NULL || (cc = perform(c, base, cmd, &s, errbuf)) != CURLE_OK) {
		if (cmd != NULL)
			a2_error_set(err, A2_ERR_IO, "IMAP: %s", cerr(cc, errbuf));
		else
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	a2_buf_putc(&s.b, 0);
	validity = status_field(s.b.data, "UIDVALIDITY ");
	messages = status_field(s.b.data, "MESSAGES ");
	if (json_is_object(mine) &&
	    (unsigned long)json_integer_value(json_object_get(mine, "uidvalidity")) == validity)
		last = (unsigned long)json_integer_value(json_object_get(mine, "last_uid"));
	a2_buf_free(&s.b);
	memset(&s.b, 0, sizeof(s.b));
	if (messages > 0) {
		s.max = 64u << 20;
		if ((cc = perform(c, mbox_url, "FETCH 1:* (UID FLAGS INTERNALDATE)", &s, errbuf)) != CURLE_OK) {
			a2_error_set(err, A2_ERR_IO, "IMAP: %s", cerr(cc, errbuf));
			goto out;
		}
		a2_buf_putc(&s.b, 0);
		if (parse_fetch(s.b.data, &uids, &nuids) != 0) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		a2_buf_free(&s.b);
		memset(&s.b, 0, sizeof(s.b));
		if (nuids > 1)
			qsort(uids, nuids, sizeof(*uids), by_uid);
	}
	rc = 0;
	for (i = 0; i < nuids && rc == 0; i++) {
		char *one, *origin;
		if (uids[i].uid <= last)
			continue;
		one = a2_sprintf("%s;UID=%lu", mbox_url, uids[i].uid);
		origin = a2_sprintf("%s;UID=%lu", key, uids[i].uid);
		if (one == NULL || origin == NULL) {
			free(one);
			free(origin);
			rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			break;
		}
		s.max = lim.message_bytes + 1;
		s.over = 0;
		cc = perform(c, one, NULL, &s, errbuf);
		if (cc != CURLE_OK && !s.over) {
			rc = a2_error_set(err, A2_ERR_IO, "IMAP UID %lu: %s", uids[i].uid, cerr(cc, errbuf));
		} else {
			/* over the size limit: what was read is enough to say so */
			rc = a2_intake_message(in, s.b.data ? s.b.data : "", s.b.len, origin, uids[i].internal, err);
			if (rc == 0)
				last = uids[i].uid;
		}
		a2_buf_free(&s.b);
		memset(&s.b, 0, sizeof(s.b));
		if (!uids[i].seen) {
			char *store = a2_sprintf("UID STORE %lu -FLAGS.SILENT (\\Seen)", uids[i].uid);
			s.max = 1u << 20;
			if (store != NULL)
				perform(c, mbox_url, store, &s, errbuf);
			free(store);
			a2_buf_free(&s.b);
			memset(&s.b, 0, sizeof(s.b));
		}
		free(one);
		free(origin);
	}
	/* what was taken is remembered even when a later message failed: the
	 * files and the log first, then the last UID */
	if (a2_intake_flush(in, rc == 0 ? err : NULL) != 0) {
		rc = -1;
		goto out;
	}
	{
		json_t *o = json_object();
		json_object_set_new(o, "uidvalidity", json_integer((json_int_t)validity));
		json_object_set_new(o, "last_uid", json_integer((json_int_t)last));
		json_object_set_new(state, key, o);
		if (state_save(statepath, state, rc == 0 ? err : NULL) != 0)
			rc = -1;
	}
out:
	a2_buf_free(&s.b);
	free(uids);
	json_decref(state);
	if (c != NULL)
		curl_easy_cleanup(c);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(user);
	curl_free(path);
	curl_url_cleanup(u);
	free(base);
	free(mbox_url);
	free(key);
	free(statepath);
	free(cmd);
	return rc;
}
