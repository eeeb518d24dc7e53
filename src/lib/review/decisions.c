/* review/decisions.c -- the decisions file: one JSON object a line,
 * append-only (annex2/review.h).  Load (every line checked, a bad one kept
 * aside with its line number), append (locked, one write, synced), find. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/util.h"
#include "annex2/review.h"
#include "review/msgs.h"

int
a2_decision_is_sender(const a2_decision *d)
{
	return d != NULL && d->text != NULL && strcmp(d->text, "sender") == 0;
}

void
a2_decision_clear(a2_decision *d)
{
	if (d == NULL)
		return;
	free(d->text);
	free(d->decision);
	free(d->who);
	free(d->when);
	free(d->why);
	free(d->file);
	memset(d, 0, sizeof(*d));
}

void
a2_utc_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		memcpy(out, "1970-01-01T00:00:00Z", 21);
}

/* UTF-8 (the parser guarantees it for JSON strings, not for callers) with
 * no control character but, when allow_nl, a newline or a tab. */
static int
clean_text(const char *s, int allow_nl)
{
	size_t n = strlen(s), i = 0;

	if (!a2_utf8_valid(s, n))
		return 0;
	while (i < n) {
		unsigned cp;
		size_t k = a2_utf8_next(s + i, n - i, &cp);
		if (k == 0)
			return 0;
		if ((cp < 0x20 && !(allow_nl && (cp == '\n' || cp == '\t'))) || (cp >= 0x7f && cp < 0xa0))
			return 0;
		i += k;
	}
	return 1;
}

static int
is_utc_time(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;
	int mo, d, h, mi, se;

	if (strlen(s) != sizeof(pat) - 1)
		return 0;
	for (i = 0; pat[i]; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
			return 0;
	mo = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	h = (s[11] - '0') * 10 + s[12] - '0';
	mi = (s[14] - '0') * 10 + s[15] - '0';
	se = (s[17] - '0') * 10 + s[18] - '0';
	return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && se <= 60;
}

/* A Recommendation number as the consultation writes them ("X.1237",
 * "Y.3100", "X.509 (2019)"): printable, short, no quote or angle bracket
 * needed -- but it is escaped wherever it is shown anyway. */
static int
is_text_word(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n <= 64 && clean_text(s, 0);
}

int
a2_decision_check(const a2_decision *d, a2_error *err)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((d->sha256[i] >= '0' && d->sha256[i] <= '9') || (d->sha256[i] >= 'a' && d->sha256[i] <= 'f')))
			return a2_error_set(err, A2_ERR_DATA, "\"sha256\" is not 64 lowercase hexadecimal digits");
	if (d->sha256[64] != '\0')
		return a2_error_set(err, A2_ERR_DATA, "\"sha256\" is not 64 lowercase hexadecimal digits");
	if (d->text == NULL || !is_text_word(d->text))
		return a2_error_set(err, A2_ERR_DATA, "\"text\" must be a Recommendation of the consultation or \"sender\"");
	if (d->decision == NULL)
		return a2_error_set(err, A2_ERR_DATA, "no \"decision\"");
	if (a2_decision_is_sender(d)) {
		const char *x = d->decision;
		int iso = strlen(x) == 3 && x[0] >= 'A' && x[0] <= 'Z' && x[1] >= 'A' && x[1] <= 'Z' &&
		    x[2] >= 'A' && x[2] <= 'Z';
		if (!iso && strcmp(x, "not-counted") != 0)
			return a2_error_set(err, A2_ERR_DATA,
			    "the decision on a sender is an ISO 3166 alpha-3 code (\"FRA\") or \"not-counted\"");
		if (d->comments != A2_COM_NULL)
			return a2_error_set(err, A2_ERR_DATA, "\"comments\" is for a decision \"assigns\" only");
	} else if (strcmp(d->decision, "assigns") == 0) {
		if (d->comments == A2_COM_NULL)
			return a2_error_set(err, A2_ERR_DATA, "\"assigns\" needs \"comments\": \"none\" or \"attached\"");
	} else if (strcmp(d->decision, "does-not-assign") == 0 || strcmp(d->decision, "not-counted") == 0) {
		if (d->comments != A2_COM_NULL)
			return a2_error_set(err, A2_ERR_DATA, "\"comments\" is for a decision \"assigns\" only");
	} else {
		return a2_error_set(err, A2_ERR_DATA,
		    "the decision on a text is \"assigns\", \"does-not-assign\" or \"not-counted\"");
	}
	if (d->who == NULL || d->who[0] == '\0' || strlen(d->who) > A2_DECISION_MAX_WHO || !clean_text(d->who, 0))
		return a2_error_set(err, A2_ERR_DATA, "\"who\" must be a name of 1 to %d bytes, one line",
		    A2_DECISION_MAX_WHO);
	if (d->when == NULL || !is_utc_time(d->when))
		return a2_error_set(err, A2_ERR_DATA, "\"when\" must be a UTC time, YYYY-MM-DDTHH:MM:SSZ");
	if (d->why == NULL || strlen(d->why) > A2_DECISION_MAX_WHY || !clean_text(d->why, 1))
		return a2_error_set(err, A2_ERR_DATA, "\"why\" must be text of at most %d bytes", A2_DECISION_MAX_WHY);
	if (d->file != NULL && (strlen(d->file) > 4096 || !clean_text(d->file, 0)))
		return a2_error_set(err, A2_ERR_DATA, "\"file\" must be a path of at most 4096 bytes");
	return 0;
}

/* A string member, copied; absent is NULL; another type is an error. */
static int
get_str(json_t *o, const char *key, char **out, a2_error *err)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL)
		return 0;
	if (!json_is_string(v))
		return a2_error_set(err, A2_ERR_DATA, "\"%s\" is not a string", key);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return a2_error_set(err, A2_ERR_DATA, "\"%s\" holds a NUL character", key);
	if ((*out = a2_strdup(json_string_value(v))) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return 0;
}

int
a2_decision_parse(a2_decision *d, const char *line, size_t len, a2_error *err)
{
	static const char *const known[] = {"sha256", "text", "decision", "comments", "who", "when", "why",
		"file", NULL};
	json_error_t je;
	json_t *o, *v;
	const char *key;
	char *sha = NULL, *com = NULL;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	if (len > A2_DECISION_MAX_LINE)
		return a2_error_set(err, A2_ERR_LIMIT, "a line of %zu bytes, over the limit of %d", len,
		    A2_DECISION_MAX_LINE);
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL)
		return a2_error_set(err, A2_ERR_DATA, "not JSON: %s", je.text);
	if (!json_is_object(o)) {
		a2_error_set(err, A2_ERR_DATA, "not a JSON object");
		goto out;
	}
	json_object_foreach(o, key, v) {
		size_t k;
		for (k = 0; known[k] && strcmp(known[k], key) != 0; k++)
			;
		if (known[k] == NULL) {
			a2_error_set(err, A2_ERR_DATA, "unknown member \"%.40s\"", key);
			goto out;
		}
	}
	if (get_str(o, "sha256", &sha, err) || get_str(o, "text", &d->text, err) ||
	    get_str(o, "decision", &d->decision, err) || get_str(o, "comments", &com, err) ||
	    get_str(o, "who", &d->who, err) || get_str(o, "when", &d->when, err) ||
	    get_str(o, "why", &d->why, err) || get_str(o, "file", &d->file, err))
		goto out;
	if (sha == NULL || strlen(sha) != 64) {
		a2_error_set(err, A2_ERR_DATA, "\"sha256\" is not 64 lowercase hexadecimal digits");
		goto out;
	}
	memcpy(d->sha256, sha, 65);
	if (d->why == NULL && (d->why = a2_strdup("")) == NULL) {
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (com != NULL) {
		if (strcmp(com, "none") == 0)
			d->comments = A2_COM_NONE;
		else if (strcmp(com, "attached") == 0)
			d->comments = A2_COM_ATTACHED;
		else {
			a2_error_set(err, A2_ERR_DATA, "\"comments\" is \"none\" or \"attached\"");
			goto out;
		}
	}
	rc = a2_decision_check(d, err);
out:
	free(sha);
	free(com);
	json_decref(o);
	if (rc != 0)
		a2_decision_clear(d);
	return rc;
}

char *
a2_decision_to_json(const a2_decision *d)
{
	json_t *o = json_object();
	char *s;

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "sha256", json_string(d->sha256));
	json_object_set_new(o, "text", json_string(d->text));
	json_object_set_new(o, "decision", json_string(d->decision));
	if (d->comments != A2_COM_NULL)
		json_object_set_new(o, "comments", json_string(a2_comments_name(d->comments)));
	json_object_set_new(o, "who", json_string(d->who));
	json_object_set_new(o, "when", json_string(d->when));
	json_object_set_new(o, "why", json_string(d->why ? d->why : ""));
	if (d->file != NULL)
		json_object_set_new(o, "file", json_string(d->file));
	/* a member that could not be made (out of memory, or not UTF-8) is missing: refuse */
	s = json_object_size(o) == 6u + (d->comments != A2_COM_NULL) + (d->file != NULL) ?
	    json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) : NULL;
	json_decref(o);
	return s;
}

a2_decisions *
a2_decisions_new(a2_error *err)
{
	a2_decisions *D = calloc(1, sizeof(*D));
	if (D == NULL)
		a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return D;
}

static void
msgs_free(a2_review_msg *m, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(m[i].message);
	free(m);
}

void
a2_decisions_free(a2_decisions *D)
{
	size_t i;

	if (D == NULL)
		return;
	for (i = 0; i < D->n; i++)
		a2_decision_clear(&D->v[i]);
	free(D->v);
	msgs_free(D->bad, D->n_bad);
	msgs_free(D->warn, D->n_warn);
	free(D);
}

int
a2_review_msg_add(a2_review_msg **v, size_t *n, size_t *cap, size_t line, char *msg)
{
	if (msg == NULL || a2_grow((void **)v, cap, *n + 1, sizeof(**v)) != 0) {
		free(msg);
		return -1;
	}
	(*v)[*n].line = line;
	(*v)[(*n)++].message = msg;
	return 0;
}

static int
add_bad(a2_decisions *D, size_t line, const char *msg)
{
	return a2_review_msg_add(&D->bad, &D->n_bad, &D->cap_bad, line, a2_strdup(msg));
}

a2_decisions *
a2_decisions_load(const char *path, a2_error *err)
{
	a2_decisions *D = a2_decisions_new(err);
	unsigned char *data = NULL;
	size_t len = 0, pos = 0, lineno = 0;
	struct stat st;

	if (D == NULL)
		return NULL;
	a2_error_at(err, path, NULL, 0, 0);
	if (stat(path, &st) != 0 && errno == ENOENT)
		return D;   /* no decisions yet */
	if (a2_read_whole(path, A2_DECISIONS_MAX_FILE, &data, &len, err) != 0) {
		a2_decisions_free(D);
		return NULL;
	}
	while (pos < len) {
		const char *line = (const char *)data + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		a2_error e;
		a2_decision d;
		size_t k;
		lineno++;
		pos += n + (nl != NULL);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		for (k = 0; k < n && (line[k] == ' ' || line[k] == '\t'); k++)
			;
		if (k == n)
			continue;   /* a blank line */
		a2_error_clear(&e);
		if (nl == NULL) {
			if (add_bad(D, lineno, "the last line has no end (a write cut short?): left out") != 0)
				goto nomem;
			break;
		}
		if (a2_decision_parse(&d, line, n, &e) != 0) {
			if (e.code == A2_ERR_NOMEM || add_bad(D, lineno, e.message) != 0)
				goto nomem;
			continue;
		}
		d.line = lineno;
		if (a2_grow((void **)&D->v, &D->cap, D->n + 1, sizeof(a2_decision)) != 0) {
			a2_decision_clear(&d);
			goto nomem;
		}
		D->v[D->n++] = d;
	}
	free(data);
	return D;
nomem:
	free(data);
	a2_decisions_free(D);
	a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	return NULL;
}

const a2_decision *
a2_decisions_find(const a2_decisions *D, const char *sha256, const char *text)
{
	size_t i;

	for (i = D ? D->n : 0; i-- > 0;)
		if (strcmp(D->v[i].sha256, sha256) == 0 && strcmp(D->v[i].text, text) == 0)
			return &D->v[i];
	return NULL;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
a2_decisions_append(const char *path, const a2_decision *d, a2_error *err)
{
	char *json, *line;
	size_t n;
	int fd, rc = -1;
	struct stat st;

	a2_error_at(err, path, NULL, 0, 0);
	if (a2_decision_check(d, err) != 0)
		return -1;
	if ((json = a2_decision_to_json(d)) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	/* room for a newline before (a cut-short last line) and after */
	n = strlen(json);
	line = malloc(n + 3);
	if (line == NULL) {
		free(json);
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	}
	line[0] = '\n';
	memcpy(line + 1, json, n);
	line[n + 1] = '\n';
	line[n + 2] = '\0';
	free(json);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		a2_error_set(err, A2_ERR_IO, "cannot open for appending: %s", strerror(errno));
		free(line);
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			a2_error_set(err, A2_ERR_IO, "cannot lock: %s", strerror(errno));
			goto out;
		}
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		a2_error_set(err, A2_ERR_IO, "not a regular file");
		goto out;
	}
	{
		int cut = 0;
		if (st.st_size > 0) {
			/* O_APPEND: reading the last byte needs its own descriptor */
			int rfd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
			char last = '\n';
			if (rfd >= 0) {
				if (pread(rfd, &last, 1, st.st_size - 1) == 1 && last != '\n')
					cut = 1;
				close(rfd);
			}
		}
		if (write_all(fd, cut ? line : line + 1, cut ? n + 2 : n + 1) != 0) {
			a2_error_set(err, A2_ERR_IO, "cannot write: %s", strerror(errno));
			goto out;
		}
	}
	if (fsync(fd) != 0) {
		a2_error_set(err, A2_ERR_IO, "cannot sync: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	close(fd);   /* lets go of the lock */
	free(line);
	return rc;
}
