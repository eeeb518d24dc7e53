/* cli/manifest.c -- DIR/manifest.csv of `annex2 generate`: it describes
 * the whole folder, not the last run.  The rows already there are kept
 * (a row of this run replaces the one of the same iso3 and format), rows
 * whose file is gone are dropped, and the file is written atomically while
 * the run holds the folder's lock (cmd_generate.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/manifest.h"

static const char *const columns[MAN_NCOL] = {
	"iso3", "member_state", "format", "file", "sha256", "bytes", "consultation", "form_version", "language",
};

void
man_free(man_rows *m)
{
	size_t i, k;

	for (i = 0; i < m->n; i++)
		for (k = 0; k < MAN_NCOL; k++)
			free(m->v[i].f[k]);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

int
man_add(man_rows *m, const char *const f[MAN_NCOL])
{
	size_t k, i;
	man_row r;

	for (k = 0; k < MAN_NCOL; k++)
		if ((r.f[k] = strdup(f[k] ? f[k] : "")) == NULL) {
			while (k-- > 0)
				free(r.f[k]);
			return -1;
		}
	/* a row for the same file (ISO3.docx, or ISO3.fr.docx under --lang
	 * all) replaces the older one */
	for (i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].f[3], r.f[3])) {
			for (k = 0; k < MAN_NCOL; k++) {
				free(m->v[i].f[k]);
				m->v[i].f[k] = r.f[k];
			}
			return 0;
		}
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 256;
		man_row *nv = realloc(m->v, nc * sizeof(man_row));
		if (nv == NULL) {
			for (k = 0; k < MAN_NCOL; k++)
				free(r.f[k]);
			return -1;
		}
		m->v = nv;
		m->cap = nc;
	}
	m->v[m->n++] = r;
	return 0;
}

/* Appends c to the field *f of *len bytes and room for *cap.  0 or -1. */
static int
put_char(char **f, size_t *len, size_t *cap, char c)
{
	if (*len + 1 >= *cap) {
		char *g = realloc(*f, *cap * 2);
		if (g == NULL)
			return -1;
		*f = g;
		*cap *= 2;
	}
	(*f)[(*len)++] = c;
	return 0;
}

/* One CSV record from *p (RFC 4180 quoting), fields into out[] (at most
 * max); *p moves past the line.  Returns the number of fields, -1 for a
 * broken quote or an allocation failure. */
static int
csv_record(const char **p, const char *end, char **out, int max)
{
	const char *s = *p;
	int n = 0;

	for (;;) {
		size_t cap = 64, len = 0;
		char *f = malloc(cap);
		if (f == NULL)
			goto fail;
		if (s < end && *s == '"') {
			s++;
			for (;;) {
				if (s >= end) {
					free(f);
					goto fail;
				}
				if (*s == '"' && (s + 1 >= end || s[1] != '"')) {
					s++;
					break;
				}
				if (*s == '"')
					s++;
				if (put_char(&f, &len, &cap, *s++) != 0) {
					free(f);
					goto fail;
				}
			}
		} else {
			while (s < end && *s != ',' && *s != '\n' && *s != '\r')
				if (put_char(&f, &len, &cap, *s++) != 0) {
					free(f);
					goto fail;
				}
		}
		f[len] = '\0';
		if (n < max)
			out[n] = f;
		else
			free(f);
		n++;
		if (s < end && *s == ',') {
			s++;
			continue;
		}
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
		*p = s;
		return n;
	}
fail:
	while (n-- > 0)
		if (n < max)
			free(out[n]);
	return -1;
}

int
man_read(const char *path, man_rows *m)
{
	unsigned char *raw = NULL;
	char *data, *fields[MAN_NCOL + 8];
	const char *p, *end;
	size_t len = 0, lineno = 0;
	int col[MAN_NCOL], k, j, n, rc = -1;

	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 1;
	if (cli_read_file(path, (size_t)64 << 20, &raw, &len) != 0)
		return -1;
	if (len > ((size_t)64 << 20)) {
		free(raw);
		cli_warn("%s: over 64 MiB: not a manifest", path);
		return -1;
	}
	data = (char *)raw;
	p = data;
	end = data + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if (p == end) {
		free(data);
		return 1;   /* an empty manifest describes nothing: made again */
	}
	while (p < end) {
		const char *row[MAN_NCOL];
		lineno++;
		if (*p == '\n' || *p == '\r') {
			p++;
			continue;
		}
		if ((n = csv_record(&p, end, fields, MAN_NCOL + 8)) < 0) {
			cli_warn("%s:%zu: not CSV (an unclosed quote)", path, lineno);
			goto out;
		}
		if (n > MAN_NCOL + 8)
			n = MAN_NCOL + 8;
		if (lineno == 1) {
			for (k = 0; k < MAN_NCOL; k++) {
				col[k] = -1;
				for (j = 0; j < n; j++)
					if (!strcmp(fields[j], columns[k]))
						col[k] = j;
			}
			for (j = 0; j < n; j++)
				free(fields[j]);
			if (col[0] < 0 || col[2] < 0 || col[3] < 0) {
				cli_warn("%s:1: not a manifest of annex2 generate (no iso3, format and file columns)", path);
				goto out;
			}
			continue;
		}
		for (k = 0; k < MAN_NCOL; k++)
			row[k] = col[k] >= 0 && col[k] < n ? fields[col[k]] : "";
		k = man_add(m, row);
		for (j = 0; j < n; j++)
			free(fields[j]);
		if (k != 0) {
			cli_warn("out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	free(data);
	return rc;
}

static void
csv_field(FILE *fp, const char *s, int last)
{
	const char *c;

	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', fp);
		for (c = s; *c; c++) {
			if (*c == '"')
				fputc('"', fp);
			fputc(*c, fp);
		}
		fputc('"', fp);
	} else {
		fputs(s, fp);
	}
	fputc(last ? '\n' : ',', fp);
}

static int
row_cmp(const void *a, const void *b)
{
	const man_row *x = a, *y = b;
	int c = strcmp(x->f[0], y->f[0]);
	if (c == 0)
		c = strcmp(x->f[2], y->f[2]);
	return c ? c : strcmp(x->f[3], y->f[3]);
}

int
man_write(const char *dir, const char *path, man_rows *m, size_t *nrows)
{
	char *data = NULL, *file;
	size_t len = 0, i, k;
	FILE *fp = open_memstream(&data, &len);
	a2_error err;
	struct stat st;
	int rc;

	*nrows = 0;
	if (fp == NULL)
		return -1;
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(man_row), row_cmp);
	for (k = 0; k < MAN_NCOL; k++)
		csv_field(fp, columns[k], k + 1 == MAN_NCOL);
	for (i = 0; i < m->n; i++) {
		/* a row whose file is no longer in the folder describes nothing */
		if (strchr(m->v[i].f[3], '/') != NULL || m->v[i].f[3][0] == '.' ||
		    (file = malloc(strlen(dir) + strlen(m->v[i].f[3]) + 2)) == NULL)
			continue;
		sprintf(file, "%s/%s", dir, m->v[i].f[3]);
		rc = lstat(file, &st);
		free(file);
		if (rc != 0 || !S_ISREG(st.st_mode))
			continue;
		for (k = 0; k < MAN_NCOL; k++)
			csv_field(fp, m->v[i].f[k], k + 1 == MAN_NCOL);
		(*nrows)++;
	}
	if (fclose(fp) != 0) {
		free(data);
		cli_warn("out of memory");
		return -1;
	}
	a2_error_clear(&err);
	rc = a2_write_atomic(path, data, len, 1, &err);
	free(data);
	if (rc != 0)
		cli_error(&err);
	return rc;
}
