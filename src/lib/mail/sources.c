/* mail/sources.c -- where messages come from: a Maildir, an mbox (GMime's
 * mbox parser over the file, never the whole mailbox in memory), .eml
 * files; and intake.jsonl read back for `annex2 read`. */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gmime/gmime.h>
#define A2_GMIME_REDIRECT 1
#include "mail/gmimeapi.h"

#include "annex2/mail.h"
#include "core/util.h"
#include "mail/mailint.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
one_file(a2_intake *in, const char *path, const char *origin, time_t delivered, a2_error *err)
{
	a2_intake_limits lim;
	unsigned char *data = NULL;
	size_t len = 0;
	a2_error e;
	int rc;

	a2_intake_limits_default(&lim);
	a2_error_clear(&e);
	/* one byte over the limit is enough to know it is over */
	if (a2_read_whole(path, (size_t)-2, &data, &len, &e) != 0) {
		/* a message that cannot be read: an error entry, the walk goes on */
		rc = a2_intake_parsed(in, NULL, NULL, origin, delivered, 0, err);
		return rc;
	}
	rc = a2_intake_message(in, data, len, origin, delivered, err);
	free(data);
	return rc;
}

/* Maildir: cur/ and new/, in name order (the name begins with the
 * delivery time). */
static int
maildir(a2_intake *in, const char *dir, a2_error *err)
{
	static const char *const subs[] = {"new", "cur"};
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int s, rc = 0;

	for (s = 0; s < 2; s++) {
		char *p = a2_sprintf("%s/%s", dir, subs[s]);
		DIR *d = p ? opendir(p) : NULL;
		struct dirent *de;

		while (d != NULL && (de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (a2_grow((void **)&names, &cap, n + 1, sizeof(*names)) != 0 ||
			    (names[n] = a2_sprintf("%s/%s", subs[s], de->d_name)) == NULL) {
				closedir(d);
				free(p);
				rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
				goto out;
			}
			n++;
		}
		if (d != NULL)
			closedir(d);
		free(p);
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && rc == 0; i++) {
		char *path = a2_sprintf("%s/%s", dir, names[i]);
		char *origin = a2_sprintf("%s/%s", dir, names[i]);
		const char *base = strchr(names[i], '/') + 1;
		time_t when = (time_t)strtoll(base, NULL, 10);
		struct stat sb;

		if (path == NULL || origin == NULL) {
			rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		} else if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (when <= 0)
				when = sb.st_mtime;
			rc = one_file(in, path, origin, when, err);
		}
		free(path);
		free(origin);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* The delivery time on an mbox "From " line: "From a@b Tue Aug 20 14:03:00 2024". */
static time_t
marker_time(const char *marker)
{
	struct tm tm;
	const char *p;

	if (marker == NULL || strncmp(marker, "From ", 5) != 0)
		return 0;
	p = strchr(marker + 5, ' ');
	if (p == NULL)
		return 0;
	while (*p == ' ')
		p++;
	memset(&tm, 0, sizeof(tm));
	if (strptime(p, "%a %b %d %H:%M:%S %Y", &tm) == NULL)
		return 0;
	return timegm(&tm);
}

/* The offset of the next line beginning "From " at or after off, or -1. */
static gint64
next_from(const char *path, gint64 off)
{
	FILE *fp = fopen(path, "rb");
	char buf[65536 + 6];
	size_t keep = 0, n;
	gint64 base = off;

	if (fp == NULL || fseeko(fp, off > 0 ? off - 1 : 0, SEEK_SET) != 0) {
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	base = off > 0 ? off - 1 : 0;
	if (off == 0) {
		buf[0] = '\n';   /* the file's first line */
		keep = 1;
		base = -1;
	}
	while ((n = fread(buf + keep, 1, sizeof(buf) - 6 - keep, fp)) > 0) {
		size_t len = keep + n, i;
		for (i = 0; i + 6 <= len; i++)
			if (buf[i] == '\n' && memcmp(buf + i + 1, "From ", 5) == 0) {
				fclose(fp);
				return base + (gint64)i + 1;
			}
		keep = len < 5 ? len : 5;
		memmove(buf, buf + len - keep, keep);
		base += (gint64)(len - keep);
	}
	fclose(fp);
	return -1;
}

static int
mbox(a2_intake *in, const char *path, a2_error *err)
{
	FILE *fp = fopen(path, "rb");
	GMimeStream *st;
	GMimeParser *ps;
	GMimeParserOptions *po;
	char *damage = NULL;
	size_t k = 0;
	gint64 resume = -1;
	int rc = 0;

	if (fp == NULL) {
		a2_error_at(err, path, NULL, 0, 0);
		return a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
	}
	st = g_mime_stream_file_new(fp);   /* owns fp */
	ps = g_mime_parser_new_with_stream(st);
	po = a2_intake_parser_options(&damage);
	g_mime_parser_set_format(ps, GMIME_FORMAT_MBOX);
	while (rc == 0 && !g_mime_parser_eos(ps)) {
		gint64 start, end;
		GMimeMessage *msg;
		char *marker, *origin;
		time_t when;

		free(damage);
		damage = NULL;
		msg = g_mime_parser_construct_message(ps, po);
		if (msg == NULL && k > 0 && g_mime_parser_eos(ps))
			break;
		k++;
		marker = g_mime_parser_get_mbox_marker(ps);
		when = marker_time(marker);
		g_free(marker);
		start = g_mime_parser_get_mbox_marker_offset(ps);
		end = g_mime_parser_tell(ps);
		origin = a2_sprintf("%s#%zu", path, k);
		if (origin == NULL) {
			rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		} else {
			rc = a2_intake_parsed(in, msg, damage, origin, when,
			    end > start && start >= 0 ? (size_t)(end - start) : 0, err);
		}
		free(origin);
		if (msg != NULL) {
			g_object_unref(msg);
		} else {
			/* the parser cannot go on from here: take it up again at the
			 * next "From " line, so that one broken message loses no other */
			gint64 from = (start > resume ? start : resume) + 1, next;
			if ((next = next_from(path, from)) < 0 || next <= resume)
				break;
			resume = next;
			if (g_mime_stream_seek(st, next, GMIME_STREAM_SEEK_SET) < 0)
				break;
			g_mime_parser_init_with_stream(ps, st);
			g_mime_parser_set_format(ps, GMIME_FORMAT_MBOX);
		}
	}
	free(damage);
	g_mime_parser_options_free(po);
	g_object_unref(ps);
	g_object_unref(st);
	return rc;
}

/* A folder of .eml files (not a Maildir): each one, in name order. */
static int
eml_dir(a2_intake *in, const char *dir, a2_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL) {
		a2_error_at(err, dir, NULL, 0, 0);
		return a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l < 5 || strcasecmp(de->d_name + l - 4, ".eml") != 0)
			continue;
		if (a2_grow((void **)&names, &cap, n + 1, sizeof(*names)) != 0 ||
		    (names[n] = a2_strdup(de->d_name)) == NULL) {
			rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0 && n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && rc == 0; i++) {
		char *p = a2_sprintf("%s/%s", dir, names[i]);
		struct stat sb;
		if (p == NULL)
			rc = a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		else if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode))
			rc = one_file(in, p, p, 0, err);
		free(p);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int walk_source(a2_intake *in, const char *source, a2_error *err);

int
a2_intake_source(a2_intake *in, const char *source, a2_error *err)
{
	int rc = walk_source(in, source, err);
	a2_error ferr;

	/* what was taken is made durable even when the source failed midway */
	a2_error_clear(&ferr);
	if (a2_intake_flush(in, rc == 0 ? err : &ferr) != 0)
		rc = -1;
	return rc;
}

static int
walk_source(a2_intake *in, const char *source, a2_error *err)
{
	struct stat sb;
	char head[5];
	FILE *fp;
	size_t got;

	if (in == NULL || source == NULL)
		return a2_error_set(err, A2_ERR_USAGE, "no intake or source given");
	if (strncasecmp(source, "imap://", 7) == 0 || strncasecmp(source, "imaps://", 8) == 0)
		return a2_intake_imap(in, source, err);
	a2_error_at(err, source, NULL, 0, 0);
	if (stat(source, &sb) != 0)
		return a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		char *cur = a2_sprintf("%s/cur", source), *nw = a2_sprintf("%s/new", source);
		struct stat a, b;
		int is_md = cur && nw && stat(cur, &a) == 0 && S_ISDIR(a.st_mode) && stat(nw, &b) == 0 &&
		    S_ISDIR(b.st_mode);
		free(cur);
		free(nw);
		return is_md ? maildir(in, source, err) : eml_dir(in, source, err);
	}
	if (!S_ISREG(sb.st_mode))
		return a2_error_set(err, A2_ERR_IO, "not a file, a Maildir or a folder of .eml files");
	if ((fp = fopen(source, "rb")) == NULL)
		return a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
	got = fread(head, 1, 5, fp);
	fclose(fp);
	if (got == 5 && memcmp(head, "From ", 5) == 0)
		return mbox(in, source, err);
	return one_file(in, source, source, 0, err);
}

/* ---- intake.jsonl read back ---------------------------------------------- */

static char *
jdup(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? a2_strdup(json_string_value(v)) : NULL;
}

#define INTAKE_LOG_MAX (1024u << 20)

a2_intake_entry *
a2_intake_load(const char *path, size_t *n, a2_error *err)
{
	FILE *fp;
	char *line = NULL;
	size_t lcap = 0, cap = 1;
	ssize_t k;
	a2_intake_entry *v;

	*n = 0;
	if ((v = calloc(1, sizeof(*v))) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)
			return v;
		a2_error_at(err, path, NULL, 0, 0);
		a2_error_set(err, A2_ERR_IO, "cannot open: %s", strerror(errno));
		free(v);
		return NULL;
	}
	while ((k = getline(&line, &lcap, fp)) > 0) {
		json_t *o, *st;
		a2_intake_entry *e;

		if (line[k - 1] != '\n')
			break;   /* cut short by a crash */
		o = json_loadb(line, (size_t)k, 0, NULL);
		st = json_object_get(o, "status");
		if (o == NULL || !json_is_string(st)) {
			json_decref(o);
			continue;
		}
		if (a2_grow((void **)&v, &cap, *n + 1, sizeof(*v)) != 0) {
			json_decref(o);
			break;
		}
		e = &v[(*n)++];
		memset(e, 0, sizeof(*e));
		{
			json_t *h = json_object_get(o, "sha256");
			if (strcmp(json_string_value(st), "stored") == 0 && json_is_string(h))
				snprintf(e->sha256, sizeof(e->sha256), "%s", json_string_value(h));
		}
		e->message_id = jdup(o, "message_id");
		e->from = jdup(o, "from");
		e->subject = jdup(o, "subject");
		e->received = jdup(o, "received");
		e->attachment = jdup(o, "attachment");
		e->iso3_sent = jdup(o, "sent_iso3");
		e->contact_iso3 = jdup(o, "contact_iso3");
		{
			json_t *g = json_object_get(o, "signature");
			if (json_is_object(g) && (e->smime = calloc(1, sizeof(*e->smime))) != NULL) {
				e->smime->signer = jdup(g, "signer");
				e->smime->message = jdup(g, "message");
				e->smime->valid = json_is_true(json_object_get(g, "valid"));
				e->smime->covers = json_is_true(json_object_get(g, "covers_document"));
			}
		}
		json_decref(o);
	}
	free(line);
	fclose(fp);
	return v;
}

void
a2_intake_entries_free(a2_intake_entry *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].message_id); free(v[i].from); free(v[i].subject); free(v[i].received);
		free(v[i].attachment); free(v[i].iso3_sent); free(v[i].contact_iso3);
		if (v[i].smime != NULL) {
			free(v[i].smime->signer);
			free(v[i].smime->message);
			free(v[i].smime);
		}
	}
	free(v);
}

const a2_intake_entry *
a2_intake_find(const a2_intake_entry *v, size_t n, const char *sha256)
{
	size_t i;

	for (i = 0; v != NULL && sha256 != NULL && i < n; i++)
		if (v[i].sha256[0] && strcmp(v[i].sha256, sha256) == 0)
			return &v[i];
	return NULL;
}
