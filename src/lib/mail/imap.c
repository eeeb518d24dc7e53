/* mail/imap.c -- an IMAP mailbox through libcurl, UID-based: the last UID
 * taken and the mailbox's UIDVALIDITY are kept in DIR/imap-state.json, so a
 * second run fetches only what is new.  The mailbox is left exactly as it
 * was: libcurl connects, starts TLS and logs in (CURLOPT_CONNECT_ONLY), and
 * annex2 then speaks the few commands it needs itself over that connection
 * (curl_easy_send/recv): EXAMINE (the mailbox opened read-only) and UID FETCH
 * with BODY.PEEK[], so no flag is set, not even \Seen, and nothing is
 * deleted, moved or expunged.  libcurl's own URL fetch would SELECT and fetch
 * BODY[], which marks every message read. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <poll.h>
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

typedef struct uidinfo {
	unsigned long uid;
	unsigned long size;   /* RFC822.SIZE */
	int seen;
	time_t internal;
} uidinfo;

/* ---- one IMAP conversation over libcurl's connection ------------------- */

enum { LINE_MAX_BYTES = 64 * 1024, WAIT_SECONDS = 120 };

typedef struct imapc {
	CURL *c;
	curl_socket_t sock;
	char *in;              /* received and not yet consumed: in[pos..len) */
	size_t pos, len, cap;
	unsigned tag;
	char errbuf[CURL_ERROR_SIZE];
} imapc;

/* Wait until the socket can be read (or written). */
static int
io_wait(imapc *k, int out, a2_error *err)
{
	struct pollfd p;
	int r;

	p.fd = (int)k->sock;
	p.events = out ? POLLOUT : POLLIN;
	p.revents = 0;
	do
		r = poll(&p, 1, WAIT_SECONDS * 1000);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return a2_error_set(err, A2_ERR_IO, "IMAP: the server did not answer in %d s", WAIT_SECONDS);
	if (r < 0)
		return a2_error_set(err, A2_ERR_IO, "IMAP: %s", strerror(errno));
	return 0;
}

static int
io_send(imapc *k, const char *p, size_t n, a2_error *err)
{
	while (n > 0) {
		size_t done = 0;
		CURLcode cc = curl_easy_send(k->c, p, n, &done);
		if (cc == CURLE_AGAIN) {
			if (io_wait(k, 1, err) != 0)
				return -1;
			continue;
		}
		if (cc != CURLE_OK)
			return a2_error_set(err, A2_ERR_IO, "IMAP: %s", curl_easy_strerror(cc));
		p += done;
		n -= done;
	}
	return 0;
}

/* More bytes from the server into k->in (at least one, or an error). */
static int
io_fill(imapc *k, a2_error *err)
{
	for (;;) {
		size_t got = 0;
		CURLcode cc;
		if (k->pos > 0 && k->pos == k->len)
			k->pos = k->len = 0;
		if (k->cap - k->len < 16384) {
			size_t want = k->len + 65536;
			char *n;
			if (k->pos > 0) {   /* slide what is left to the front first */
				memmove(k->in, k->in + k->pos, k->len - k->pos);
				k->len -= k->pos;
				k->pos = 0;
				continue;
			}
			if ((n = realloc(k->in, want)) == NULL)
				return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			k->in = n;
			k->cap = want;
		}
		cc = curl_easy_recv(k->c, k->in + k->len, k->cap - k->len, &got);
		if (cc == CURLE_AGAIN) {
			if (io_wait(k, 0, err) != 0)
				return -1;
			continue;
		}
		if (cc != CURLE_OK)
			return a2_error_set(err, A2_ERR_IO, "IMAP: %s", curl_easy_strerror(cc));
		if (got == 0)
			return a2_error_set(err, A2_ERR_IO, "IMAP: the server closed the connection");
		k->len += got;
		return 0;
	}
}

/* The next line, without its CRLF, NUL-terminated in place (valid until the
 * next read). */
static int
io_line(imapc *k, char **line, size_t *n, a2_error *err)
{
	size_t scanned = 0;

	for (;;) {
		char *nl = k->len > k->pos + scanned ?
		    memchr(k->in + k->pos + scanned, '\n', k->len - k->pos - scanned) : NULL;
		if (nl != NULL) {
			size_t l = (size_t)(nl - (k->in + k->pos));
			*line = k->in + k->pos;
			k->pos += l + 1;
			if (l > 0 && (*line)[l - 1] == '\r')
				l--;
			(*line)[l] = 0;
			*n = l;
			return 0;
		}
		scanned = k->len - k->pos;
		if (scanned > LINE_MAX_BYTES)
			return a2_error_set(err, A2_ERR_IO, "IMAP: a response line of over %d bytes", LINE_MAX_BYTES);
		if (io_fill(k, err) != 0)
			return -1;
	}
}

/* A line's literal announced at its end: "... {1234}" gives 1234. */
static int
literal_size(const char *line, size_t n, unsigned long long *size)
{
	const char *p;

	if (n < 3 || line[n - 1] != '}')
		return 0;
	p = line + n - 2;
	while (p > line && *p >= '0' && *p <= '9')
		p--;
	if (*p != '{' || p == line + n - 2)
		return 0;
	*size = strtoull(p + 1, NULL, 10);
	return 1;
}

/* What a command's untagged answer gives: each line, and the literal that
 * follows a line ending in {N} (only the first keep bytes of it are kept; the
 * rest is read and dropped). */
typedef int (*imap_cb)(void *ud, const char *line, const char *lit, size_t litlen);

/* One tagged command, its answer through cb; -1 unless the server says OK. */
static int
imap_cmd(imapc *k, const char *cmd, imap_cb cb, void *ud, size_t keep, a2_error *err)
{
	char tag[24], *line = NULL, *lit = NULL;
	size_t n = 0, taglen;
	int rc = -1;

	snprintf(tag, sizeof(tag), "a2x%u ", ++k->tag);
	taglen = strlen(tag);
	if (io_send(k, tag, taglen, err) != 0 || io_send(k, cmd, strlen(cmd), err) != 0 ||
	    io_send(k, "\r\n", 2, err) != 0)
		return -1;
	for (;;) {
		unsigned long long size;
		if (io_line(k, &line, &n, err) != 0)
			goto out;
		if (strncmp(line, tag, taglen) == 0) {
			if (strncasecmp(line + taglen, "OK", 2) != 0) {
				a2_error_set(err, A2_ERR_IO, "IMAP %.*s: %s", (int)strcspn(cmd, " "), cmd, line + taglen);
				goto out;
			}
			rc = 0;
			goto out;
		}
		if (literal_size(line, n, &size)) {
			/* the line is overwritten by the reads below: keep it */
			if (size > (unsigned long long)keep + ((unsigned long long)64 << 20)) {
				a2_error_set(err, A2_ERR_LIMIT, "IMAP: the server announces %llu bytes where at most %zu were asked for",
				    size, keep);
				goto out;
			}
			char *head = a2_strndup(line, n);
			size_t want = size < keep ? (size_t)size : keep, have = 0;
			unsigned long long left = size;
			if (head == NULL || (lit = malloc(want + 1)) == NULL) {
				free(head);
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
			while (left > 0) {
				size_t avail = k->len - k->pos, take;
				if (avail == 0) {
					if (io_fill(k, err) != 0) {
						free(head);
						goto out;
					}
					continue;
				}
				take = avail < left ? avail : (size_t)left;
				if (have < want) {
					size_t c = take < want - have ? take : want - have;
					memcpy(lit + have, k->in + k->pos, c);
					have += c;
				}
				k->pos += take;
				left -= take;
			}
			lit[have] = 0;
			n = cb != NULL ? (size_t)cb(ud, head, lit, have) : 0;
			free(head);
			free(lit);
			lit = NULL;
			if (n != 0) {
				a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
			continue;   /* the rest of the response follows on a line */
		}
		if (cb != NULL && cb(ud, line, NULL, 0) != 0) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
out:
	free(lit);
	return rc;
}

/* EXAMINE's answer: "* 25 EXISTS", "* OK [UIDVALIDITY 1796360575] ..." */
typedef struct examined {
	unsigned long exists, validity;
} examined;

static int
examine_cb(void *ud, const char *line, const char *lit, size_t litlen)
{
	examined *e = ud;
	const char *p;

	(void)lit;
	(void)litlen;
	if (strncmp(line, "* ", 2) != 0)
		return 0;
	if ((p = strstr(line, "[UIDVALIDITY ")) != NULL)
		e->validity = strtoul(p + 13, NULL, 10);
	else if (line[2] >= '0' && line[2] <= '9' && (p = strchr(line + 2, ' ')) != NULL &&
	    strncasecmp(p, " EXISTS", 7) == 0)
		e->exists = strtoul(line + 2, NULL, 10);
	return 0;
}

/* The listing's lines, gathered for parse_fetch. */
typedef struct gather {
	a2_buf b;
	size_t max;
	int over;
} gather;

static int
gather_cb(void *ud, const char *line, const char *lit, size_t litlen)
{
	gather *g = ud;
	size_t n = strlen(line);

	(void)lit;
	(void)litlen;
	if (g->b.len + n + 1 > g->max) {
		g->over = 1;
		return 0;
	}
	if (a2_buf_add(&g->b, line, n) != 0 || a2_buf_putc(&g->b, '\n') != 0)
		return -1;
	return 0;
}

/* One message's BODY[] literal. */
typedef struct body {
	char *data;
	size_t len;
	int got;
} body;

static int
body_cb(void *ud, const char *line, const char *lit, size_t litlen)
{
	body *b = ud;

	if (lit == NULL || b->got || strstr(line, "BODY[]") == NULL)
		return 0;
	if ((b->data = malloc(litlen + 1)) == NULL)
		return -1;
	memcpy(b->data, lit, litlen + 1);
	b->len = litlen;
	b->got = 1;
	return 0;
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
			if ((d = strstr(l, "RFC822.SIZE ")) != NULL)
				x.size = strtoul(d + 12, NULL, 10);
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
	imapc k;
	char *scheme = NULL, *host = NULL, *port = NULL, *user = NULL, *path = NULL;
	char *base = NULL, *key = NULL, *statepath = NULL, *cmd = NULL;
	const char *mailbox;
	json_t *state = NULL, *mine;
	uidinfo *uids = NULL;
	size_t nuids = 0, i;
	unsigned long last = 0;
	examined ex;
	gather g;
	CURLcode cc;
	a2_intake_limits lim;
	curl_socket_t sock = CURL_SOCKET_BAD;
	int rc = -1;

	memset(&k, 0, sizeof(k));
	memset(&ex, 0, sizeof(ex));
	memset(&g, 0, sizeof(g));
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
	key = a2_sprintf("%s%s", base ? base : "", mailbox);
	statepath = a2_sprintf("%s/imap-state.json", a2_intake_dir(in));
	if (base == NULL || key == NULL || statepath == NULL || (k.c = curl_easy_init()) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* libcurl connects, starts TLS (imaps://, or STARTTLS when offered) and
	 * logs in; the rest is annex2's */
	curl_easy_setopt(k.c, CURLOPT_URL, base);
	curl_easy_setopt(k.c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
	curl_easy_setopt(k.c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(k.c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(k.c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(k.c, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(k.c, CURLOPT_ERRORBUFFER, k.errbuf);
	a2_mail_curl_auth(k.c, "imap");
	if ((cc = curl_easy_perform(k.c)) != CURLE_OK) {
		a2_error_set(err, A2_ERR_IO, "IMAP: %s", k.errbuf[0] ? k.errbuf : curl_easy_strerror(cc));
		goto out;
	}
	if (curl_easy_getinfo(k.c, CURLINFO_ACTIVESOCKET, &sock) != CURLE_OK || sock == CURL_SOCKET_BAD) {
		a2_error_set(err, A2_ERR_IO, "IMAP: no connection to %s", host);
		goto out;
	}
	k.sock = sock;
	/* read-only: no flag of the mailbox changes */
	cmd = a2_sprintf("EXAMINE \"%s\"", mailbox);
	if (cmd == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (imap_cmd(&k, cmd, examine_cb, &ex, 0, err) != 0)
		goto out;
	/* where the last run stopped, and whether the UIDs still mean the same */
	state = state_load(statepath);
	mine = json_object_get(state, key);
	if (json_is_object(mine) &&
	    (unsigned long)json_integer_value(json_object_get(mine, "uidvalidity")) == ex.validity)
		last = (unsigned long)json_integer_value(json_object_get(mine, "last_uid"));
	if (ex.exists > 0) {
		free(cmd);
		cmd = a2_sprintf("UID FETCH %lu:* (UID FLAGS INTERNALDATE RFC822.SIZE)", last + 1);
		g.max = 64u << 20;
		if (cmd == NULL) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		if (imap_cmd(&k, cmd, gather_cb, &g, 0, err) != 0)
			goto out;
		if (g.over) {
			a2_error_set(err, A2_ERR_IO, "IMAP: the list of messages is over %zu bytes", g.max);
			goto out;
		}
		if (a2_buf_putc(&g.b, 0) != 0 || parse_fetch(g.b.data, &uids, &nuids) != 0) {
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		if (nuids > 1)
			qsort(uids, nuids, sizeof(*uids), by_uid);
	}
	rc = 0;
	for (i = 0; i < nuids && rc == 0; i++) {
		char *origin;
		body b;
		/* over the size limit: the first bytes are enough to say so */
		size_t keep = lim.message_bytes + 1;
		if (uids[i].uid <= last)
			continue;   /* "N:*" gives the last message even when older */
		memset(&b, 0, sizeof(b));
		free(cmd);
		if (uids[i].size > lim.message_bytes)
			cmd = a2_sprintf("UID FETCH %lu BODY.PEEK[]<0.%zu>", uids[i].uid, keep);
		else
			cmd = a2_sprintf("UID FETCH %lu BODY.PEEK[]", uids[i].uid);
		origin = a2_sprintf("%s;UID=%lu", key, uids[i].uid);
		if (cmd == NULL || origin == NULL) {
			free(origin);
			rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			break;
		}
		if (imap_cmd(&k, cmd, body_cb, &b, keep, err) != 0)
			rc = -1;
		else if (!b.got)
			rc = a2_error_set(err, A2_ERR_IO, "IMAP UID %lu: the server sent no message", uids[i].uid);
		else {
			rc = a2_intake_message(in, b.data, b.len, origin, uids[i].internal, err);
			if (rc == 0)
				last = uids[i].uid;
		}
		free(b.data);
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
		json_object_set_new(o, "uidvalidity", json_integer((json_int_t)ex.validity));
		json_object_set_new(o, "last_uid", json_integer((json_int_t)last));
		json_object_set_new(state, key, o);
		if (state_save(statepath, state, rc == 0 ? err : NULL) != 0)
			rc = -1;
	}
out:
	a2_buf_free(&g.b);
	free(uids);
	free(k.in);
	json_decref(state);
	if (k.c != NULL)
		curl_easy_cleanup(k.c);   /* says LOGOUT */
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(user);
	curl_free(path);
	curl_url_cleanup(u);
	free(base);
	free(key);
	free(statepath);
	free(cmd);
	return rc;
}
