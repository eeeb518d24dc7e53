/* cli/files.c -- collecting input files, opening outputs. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"

static int
add(cli_files *f, const char *path)
{
	char *p;

	if (f->n == f->cap) {
		size_t nc = f->cap ? f->cap * 2 : 64;
		char **nv = realloc(f->v, nc * sizeof(char *));
		if (nv == NULL)
			return -1;
		f->v = nv;
		f->cap = nc;
	}
	if ((p = strdup(path)) == NULL)
		return -1;
	f->v[f->n++] = p;
	return 0;
}

/* What annex2 writes itself, and so never takes for a reply when it walks
 * a folder: records (.jsonl, .json), manifests and --csv output (.csv), reports
 * (.html, .htm, .xlsx), and its temporary files (a2_temp_base_len). */
static int
own_output(const char *name)
{
	static const char *const own[] = {".jsonl", ".json", ".csv", ".html", ".htm", ".xlsx", NULL};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && own[i] != NULL; i++)
		if (strcasecmp(dot, own[i]) == 0)
			return 1;
	return a2_temp_base_len(name) > 0;
}

/* exts NULL: every file but hidden ones, office lock files and annex2's
 * own outputs (counted in f->left_out); else the extensions listed. */
static int
wanted(cli_files *f, const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (name[0] == '.' || !strncmp(name, "~$", 2)) {
		if (exts == NULL && f != NULL)
			f->left_out++;
		return 0;
	}
	if (exts == NULL) {
		if (own_output(name)) {
			if (f != NULL)
				f->left_out++;
			return 0;
		}
		return 1;
	}
	if (dot == NULL)
		return 0;
	for (i = 0; exts[i] != NULL; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return 1;
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks a directory tree with an explicit stack of paths (no recursion,
 * no symlinked directories followed). */
static int
walk(cli_files *out, const char *root, const char *const *exts)
{
	cli_files stack = {0};
	int rc = 0;

	if (add(&stack, root) != 0)
		return -1;
	while (stack.n > 0) {
		char *dir = stack.v[--stack.n];
		DIR *d = opendir(dir);
		struct dirent *e;
		cli_files here = {0};
		size_t i;

		if (d == NULL) {
			cli_warn("%s: cannot open folder: %s", dir, strerror(errno));
			free(dir);
			rc = 1;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			char *p;
			struct stat st;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			p = malloc(strlen(dir) + strlen(e->d_name) + 2);
			if (p == NULL) {
				cli_warn("%s: out of memory listing the folder", dir);
				rc = 1;
				break;
			}
			sprintf(p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
			if (lstat(p, &st) != 0) {
				cli_warn("%s: %s", p, strerror(errno));
				rc = 1;
			} else if (S_ISDIR(st.st_mode)) {
				if (e->d_name[0] != '.')
					add(&here, p);
				else if (exts == NULL)
					out->left_out++;   /* a hidden folder, not searched */
			} else if (S_ISLNK(st.st_mode) && wanted(NULL, e->d_name, exts)) {
				/* a link inside a folder of replies may lead anywhere
				 * (an unpacked archive can carry one): not followed,
				 * and said, so that nothing is skipped unseen */
				cli_warn("%s: a symbolic link, not followed (name the file itself to read it)", p);
				rc = 1;
			} else if (S_ISREG(st.st_mode) && wanted(out, e->d_name, exts)) {
				add(out, p);
			}
			free(p);
		}
		closedir(d);
		/* push subfolders in reverse so they are visited in order */
		if (here.n > 1)
			qsort(here.v, here.n, sizeof(char *), cmp);
		for (i = here.n; i-- > 0;)
			add(&stack, here.v[i]);
		cli_files_free(&here);
		free(dir);
	}
	cli_files_free(&stack);
	return rc;
}

int
cli_collect(cli_files *f, char **paths, int n, const char *const *exts)
{
	int i, rc = 0;

	for (i = 0; i < n; i++) {
		struct stat st;
		size_t before = f->n;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			rc |= walk(f, paths[i], exts);
			if (f->n - before > 1)
				qsort(f->v + before, f->n - before, sizeof(char *), cmp);
		} else if (add(f, paths[i]) != 0) {
			return -1;
		}
	}
	if (exts == NULL && f->left_out > 0)
		cli_warn("left out %zu file%s and folders found in folders: hidden ones, and what annex2 writes itself "
		    "(.jsonl, .json, .csv, .html, .xlsx, temporary files); name a file to read it",
		    f->left_out, f->left_out == 1 ? "" : "s");
	return rc;
}

void
cli_files_free(cli_files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}


/* Reads fp (name: for messages) whole, at most max + 1 bytes (one more
 * than the limit, so that the reader says it is over).  0, or -1 (said). */
static int
slurp(FILE *fp, const char *name, size_t max, unsigned char **out, size_t *len)
{
	unsigned char *data = NULL;
	size_t cap = 0, n = 0, got;

	do {
		if (n == cap) {
			unsigned char *m;
			cap = cap ? cap * 2 : 65536;
			if (cap > max + 1)
				cap = max + 1;
			if ((m = realloc(data, cap ? cap : 1)) == NULL) {
				free(data);
				cli_warn("%s: out of memory reading it", name);
				return -1;
			}
			data = m;
		}
		got = fread(data + n, 1, cap - n, fp);
		n += got;
	} while (got > 0 && n <= max);
	if (ferror(fp)) {
		free(data);
		cli_warn("%s: cannot read it", name);
		return -1;
	}
	*out = data;
	*len = n;
	return 0;
}

int
cli_read_file(const char *path, size_t max, unsigned char **out, size_t *len)
{
	FILE *fp;
	int k;

	if (strcmp(path, "-") == 0)
		return slurp(stdin, "-", max, out, len);
	if ((fp = fopen(path, "rb")) == NULL) {
		cli_warn("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	k = slurp(fp, path, max, out, len);
	fclose(fp);
	return k;
}
