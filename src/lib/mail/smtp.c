/* mail/smtp.c -- sending through SMTP with libcurl (one connection reused
 * for every message of a run), and the sent.jsonl log. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <dlfcn.h>

#include "annex2/mail.h"
#include "core/util.h"
#include "mail/mailint.h"
#include "mail/curlapi.h"

struct a2_smtp {
	CURL *c;
	char *url;
	char errbuf[CURL_ERROR_SIZE];
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static struct a2_curl_api curl_table;
const struct a2_curl_api *a2_curl;
static const char *curl_why;

static void
curl_start(void)
{
	void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	struct a2_curl_api *t = &curl_table;

	if (h == NULL) {
		curl_why = "libcurl (libcurl.so.4) cannot be loaded: install libcurl4 for SMTP and IMAP";
		return;
	}
#define SYM(f, name) (*(void **)&t->f = dlsym(h, name)) == NULL
	if (SYM(global_init, "curl_global_init") || SYM(easy_init, "curl_easy_init") ||
	    SYM(easy_cleanup, "curl_easy_cleanup") || SYM(easy_reset, "curl_easy_reset") ||
	    SYM(easy_setopt, "curl_easy_setopt") || SYM(easy_perform, "curl_easy_perform") ||
	    SYM(easy_strerror, "curl_easy_strerror") || SYM(easy_escape, "curl_easy_escape") ||
	    SYM(free_, "curl_free") || SYM(slist_append, "curl_slist_append") ||
	    SYM(slist_free_all, "curl_slist_free_all") || SYM(url, "curl_url") ||
	    SYM(url_cleanup, "curl_url_cleanup") || SYM(url_set, "curl_url_set") || SYM(url_get, "curl_url_get") ||
	    SYM(easy_getinfo, "curl_easy_getinfo") || SYM(easy_send, "curl_easy_send") ||
	    SYM(easy_recv, "curl_easy_recv")) {
		curl_why = "libcurl.so.4 lacks a function annex2 needs (libcurl 7.62 or later is)";
		return;
	}
#undef SYM
	if (t->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		curl_why = "libcurl could not start";
		return;
	}
	a2_curl = t;   /* the handle stays open: libcurl is used until exit */
}

int
a2_mail_curl_init(a2_error *err)
{
	pthread_once(&curl_once, curl_start);
	if (a2_curl == NULL)
		return a2_error_set(err, A2_ERR_INTERNAL, "%s", curl_why ? curl_why : "libcurl could not start");
	return 0;
}

/* The credentials: the environment, else a netrc file (libcurl reads it). */
void
a2_mail_curl_auth(CURL *c, const char *proto)
{
	int imap = strcmp(proto, "imap") == 0;
	const char *u = getenv(imap ? "ANNEX2_IMAP_USER" : "ANNEX2_SMTP_USER");
	const char *p = getenv(imap ? "ANNEX2_IMAP_PASSWORD" : "ANNEX2_SMTP_PASSWORD");
	const char *netrc = getenv("ANNEX2_NETRC");

	if (u != NULL && *u) {
		curl_easy_setopt(c, CURLOPT_USERNAME, u);
		if (p != NULL)
			curl_easy_setopt(c, CURLOPT_PASSWORD, p);
	} else {
		curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
		if (netrc != NULL && *netrc)
			curl_easy_setopt(c, CURLOPT_NETRC_FILE, netrc);
	}
}

a2_smtp *
a2_smtp_new(const char *url, a2_error *err)
{
	a2_smtp *s;

	if (url == NULL || (strncasecmp(url, "smtp://", 7) != 0 && strncasecmp(url, "smtps://", 8) != 0)) {
		a2_error_set(err, A2_ERR_USAGE, "an SMTP URL is smtp://HOST[:PORT] or smtps://HOST[:PORT]");
		return NULL;
	}
	if (a2_mail_curl_init(err) != 0)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL || (s->url = a2_strdup(url)) == NULL ||
	    (s->c = curl_easy_init()) == NULL) {
		a2_smtp_free(s);
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return s;
}

void
a2_smtp_free(a2_smtp *s)
{
	if (s == NULL)
		return;
	if (s->c != NULL)
		curl_easy_cleanup(s->c);
	free(s->url);
	free(s);
}

typedef struct upload {
	const char *p;
	size_t left;
} upload;

static size_t
read_cb(char *buf, size_t size, size_t nmemb, void *ud)
{
	upload *u = ud;
	size_t n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(buf, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

int
a2_smtp_send(a2_smtp *s, const char *from, const char *const *to, size_t n_to,
             const void *msg, size_t len, a2_error *err)
{
	struct curl_slist *rcpt = NULL, *t;
	upload u;
	char *f = NULL;
	CURLcode cc;
	size_t i;
	int rc = -1;

	if (s == NULL || from == NULL || n_to == 0 || msg == NULL)
		return a2_error_set(err, A2_ERR_USAGE, "a message needs a sender and a recipient");
	for (i = 0; i < n_to; i++) {
		char *r = a2_sprintf("<%s>", to[i]);
		if (r == NULL || (t = curl_slist_append(rcpt, r)) == NULL) {
			free(r);
			a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			goto out;
		}
		free(r);
		rcpt = t;
	}
	if ((f = a2_sprintf("<%s>", from)) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	u.p = msg;
	u.left = len;
	curl_easy_reset(s->c);
	s->errbuf[0] = 0;
	curl_easy_setopt(s->c, CURLOPT_URL, s->url);
	curl_easy_setopt(s->c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(s->c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(s->c, CURLOPT_MAIL_FROM, f);
	curl_easy_setopt(s->c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(s->c, CURLOPT_READDATA, &u);
	curl_easy_setopt(s->c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(s->c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(s->c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(s->c, CURLOPT_TIMEOUT, 300L);
	curl_easy_setopt(s->c, CURLOPT_ERRORBUFFER, s->errbuf);
	a2_mail_curl_auth(s->c, "smtp");
	cc = curl_easy_perform(s->c);
	if (cc != CURLE_OK) {
		a2_error_set(err, A2_ERR_IO, "SMTP %s: %s", s->url, s->errbuf[0] ? s->errbuf : curl_easy_strerror(cc));
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(rcpt);
	free(f);
	return rc;
}

/* ---- sent.jsonl --------------------------------------------------------- */

void
a2_mail_iso_time(time_t t, char out[21])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(out, "1970-01-01T00:00:00Z");
}

json_t *
a2_mail_jstr(const char *s)
{
	a2_buf b = {0};
	json_t *v;
	size_t i, n;

	if (s == NULL)
		return json_null();
	n = strlen(s);
	if (a2_utf8_valid(s, n))
		return json_stringn(s, n);
	for (i = 0; i < n;) {
		unsigned cp;
		i += a2_utf8_next(s + i, n - i, &cp);
		a2_buf_put_cp(&b, cp);
	}
	v = b.failed ? NULL : json_stringn(b.data ? b.data : "", b.len);
	a2_buf_free(&b);
	return v;
}

int
a2_mail_append_line(const char *path, const char *s, a2_error *err)
{
	size_t n = strlen(s), off = 0;
	int fd;

	a2_error_at(err, path, NULL, 0, 0);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
	/* one line, one write where possible */
	{
		char *line = malloc(n + 1);
		if (line == NULL) {
			close(fd);
			return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		}
		memcpy(line, s, n);
		line[n] = '\n';
		while (off < n + 1) {
			ssize_t w = write(fd, line + off, n + 1 - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				int e = errno;
				free(line);
				close(fd);
				return a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(w < 0 ? e : ENOSPC));
			}
			off += (size_t)w;
		}
		free(line);
	}
	if (fdatasync(fd) != 0 || close(fd) != 0)
		return a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
	return 0;
}

int
a2_sent_append(const char *path, const a2_sent *e, a2_error *err)
{
	char *s = a2_sent_line(e);
	int rc;

	if (s == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	rc = a2_mail_append_line(path, s, err);
	free(s);
	return rc;
}

char *
a2_sent_line(const a2_sent *e)
{
	json_t *o = json_object(), *to = json_array(), *fs = json_array();
	char *s = NULL;
	size_t i;

	if (o == NULL || to == NULL || fs == NULL)
		goto nomem;
	json_object_set_new(o, "kind", a2_mail_jstr(e->kind));
	json_object_set_new(o, "iso3", a2_mail_jstr(e->iso3));
	json_object_set_new(o, "message_id", a2_mail_jstr(e->message_id));
	for (i = 0; i < e->n_to; i++)
		json_array_append_new(to, a2_mail_jstr(e->to[i]));
	json_object_set(o, "to", to);
	json_object_set_new(o, "time", a2_mail_jstr(e->time));
	json_object_set_new(o, "subject", a2_mail_jstr(e->subject));
	for (i = 0; i < e->n_files; i++) {
		json_t *f = json_object();
		if (f == NULL)
			goto nomem;
		json_object_set_new(f, "filename", a2_mail_jstr(e->files[i].filename));
		json_object_set_new(f, "sha256", json_string(e->files[i].sha256));
		json_array_append_new(fs, f);
	}
	json_object_set(o, "attachments", fs);
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
nomem:
	json_decref(o);
	json_decref(to);
	json_decref(fs);
	return s;
}

static char *
jdup(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? a2_strdup(json_string_value(v)) : NULL;
}

static int
sent_one(a2_sent *e, json_t *o)
{
	json_t *v, *x;
	size_t i;

	memset(e, 0, sizeof(*e));
	if (!json_is_object(o))
		return -1;
	e->kind = jdup(o, "kind");
	e->iso3 = jdup(o, "iso3");
	e->message_id = jdup(o, "message_id");
	e->time = jdup(o, "time");
	e->subject = jdup(o, "subject");
	if (e->kind == NULL || e->iso3 == NULL || e->message_id == NULL || e->time == NULL)
		return -1;
	v = json_object_get(o, "to");
	if (json_is_array(v) && json_array_size(v) > 0) {
		if ((e->to = calloc(json_array_size(v), sizeof(*e->to))) == NULL)
			return -1;
		json_array_foreach(v, i, x)
			if (json_is_string(x) && (e->to[e->n_to] = a2_strdup(json_string_value(x))) != NULL)
				e->n_to++;
	}
	v = json_object_get(o, "attachments");
	if (json_is_array(v) && json_array_size(v) > 0) {
		if ((e->files = calloc(json_array_size(v), sizeof(*e->files))) == NULL)
			return -1;
		json_array_foreach(v, i, x) {
			json_t *h = json_object_get(x, "sha256");
			char *fn = jdup(x, "filename");
			if (fn == NULL)
				continue;
			e->files[e->n_files].filename = fn;
			snprintf(e->files[e->n_files].sha256, 65, "%s", json_is_string(h) ? json_string_value(h) : "");
			e->n_files++;
		}
	}
	return 0;
}

#define SENT_MAX_BYTES (256u << 20)

a2_sent *
a2_sent_load(const char *path, size_t *n, a2_error *err)
{
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, line = 0;
	a2_sent *v = NULL;
	char *p, *e;
	FILE *fp;

	*n = 0;
	a2_error_at(err, path, NULL, 0, 0);
	if ((fp = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)
			return calloc(1, sizeof(a2_sent));
		a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
		return NULL;
	}
	fclose(fp);
	if (a2_read_whole(path, SENT_MAX_BYTES, &data, &len, err) != 0)
		return NULL;
	if ((v = calloc(1, sizeof(*v))) == NULL)
		goto nomem;
	cap = 1;
	for (p = (char *)data; p < (char *)data + len; p = e + 1) {
		json_t *o;
		json_error_t je;

		line++;
		e = memchr(p, '\n', (size_t)((char *)data + len - p));
		if (e == NULL)
			break;       /* a last line cut short by a crash: not sent for sure */
		if (e == p)
			continue;
		o = json_loadb(p, (size_t)(e - p), 0, &je);
		if (a2_grow((void **)&v, &cap, *n + 1, sizeof(*v)) != 0) {
			json_decref(o);
			goto nomem;
		}
		if (sent_one(&v[*n], o) != 0) {
			json_decref(o);
			a2_sent_free(v, *n + 1);
			free(data);
			*n = 0;
			a2_error_at(err, path, NULL, (int)line, 0);
			a2_error_set(err, A2_ERR_DATA, "not a sent.jsonl entry (kind, iso3, message_id, time)");
			return NULL;
		}
		json_decref(o);
		(*n)++;
	}
	free(data);
	return v;
nomem:
	a2_sent_free(v, *n);
	free(data);
	*n = 0;
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return NULL;
}

void
a2_sent_free(a2_sent *v, size_t n)
{
	size_t i, j;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].kind); free(v[i].iso3); free(v[i].message_id);
		free(v[i].time); free(v[i].subject);
		for (j = 0; j < v[i].n_to; j++)
			free(v[i].to[j]);
		free(v[i].to);
		for (j = 0; j < v[i].n_files; j++)
			free(v[i].files[j].filename);
		free(v[i].files);
	}
	free(v);
}

const a2_sent *
a2_sent_find(const a2_sent *v, size_t n, const char *iso3, const char *kind)
{
	size_t i;

	for (i = n; i-- > 0;)
		if (strcasecmp(v[i].iso3, iso3) == 0 && (kind == NULL || strcmp(v[i].kind, kind) == 0))
			return &v[i];
	return NULL;
}

/* Compares Message-IDs with or without their angle brackets. */
static int
same_id(const char *a, const char *b)
{
	size_t la, lb;

	while (*a == '<' || *a == ' ')
		a++;
	while (*b == '<' || *b == ' ')
		b++;
	la = strcspn(a, "> \t\r\n");
	lb = strcspn(b, "> \t\r\n");
	return la == lb && la > 0 && strncmp(a, b, la) == 0;
}

const a2_sent *
a2_sent_by_id(const a2_sent *v, size_t n, const char *id)
{
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (same_id(v[i].message_id, id))
			return &v[i];
	return NULL;
}
