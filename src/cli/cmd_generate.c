/* cli/cmd_generate.c -- annex2 generate: one pre-filled form per Member State. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static const char help[] =
"usage: annex2 generate [--form FILE] [--states FILE] [--format docx|odt|both]\n"
"                       [--only ISO3,...] [--contacts FILE] [--lang LANG] [--force] -o DIR\n"
"\n"
"Writes DIR/<ISO3>.docx and/or DIR/<ISO3>.odt, a reply form pre-filled for each\n"
"Member State of the consultation's date, with real checkboxes to click in Word\n"
"or LibreOffice, and DIR/manifest.csv (iso3,member_state,format,file,sha256,...).\n"
"\n"
"  -o DIR           output folder (created if missing)\n"
"  --form FILE      consultation definition (default: built-in TSB Circular 195;\n"
"                   see forms/tsb-circular-195.xml and forms/consultation.rng)\n"
"  --states FILE    Member State table (default: built-in forms/member-states.tsv)\n"
"  --format F       docx, odt or both (default both)\n"
"  --only LIST      only these Member States, e.g. --only FRA,NER,KOR\n"
"  --contacts FILE  CSV iso3,name,title,address,email: fills the From block\n"
"  --lang LANG      wording language of the form (default en)\n"
"  --force          replace files that exist (never done silently)\n"
"\n"
"The same inputs always give byte-identical files.\n";

static int
want(const char *only, const char *iso3)
{
	const char *p = only;
	size_t n = strlen(iso3);

	if (only == NULL)
		return 1;
	while (p != NULL && *p) {
		while (*p == ',' || *p == ' ')
			p++;
		if (strncasecmp(p, iso3, n) == 0 && (p[n] == ',' || p[n] == '\0' || p[n] == ' '))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

/* Every code in --only must be a Member State of the circular's date. */
static int
check_only(const char *only, const a2_states *states, const a2_form *form)
{
	char *copy = strdup(only), *tok, *save = NULL;
	int bad = 0;

	if (copy == NULL)
		return -1;
	for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		const a2_state *st = a2_states_by_iso3(states, tok);
		if (st == NULL) {
			cli_warn("--only: \"%s\" is not an ISO 3166 alpha-3 code of the Member State table", tok);
			bad = 1;
		} else if (!a2_state_member_on(st, form->date)) {
			cli_warn("--only: %s (%s) was not an ITU Member State on %s", st->iso3, st->name, form->date);
			bad = 1;
		}
	}
	free(copy);
	return bad ? -1 : 0;
}

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void
csv_field(FILE *fp, const char *s, int last)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', fp);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
		fputc('"', fp);
	} else {
		fputs(s, fp);
	}
	fputc(last ? '\n' : ',', fp);
}

static int
mkdir_p(const char *dir)
{
	char *p, *copy = strdup(dir);
	int rc = 0;

	if (copy == NULL)
		return -1;
	for (p = copy + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(copy, 0755) != 0 && errno != EEXIST)
				rc = -1;
			*p = '/';
		}
	}
	if (mkdir(copy, 0755) != 0 && errno != EEXIST)
		rc = -1;
	free(copy);
	return rc;
}

/*
 * The forms are written as a2_write_atomic() writes one file, in its three
 * steps (core/util.h), but in batches: every temporary file of a batch is
 * written first, then they are all synced, then renamed, then the folder is
 * synced.  One fsync per file right after its write made each wait for the
 * disk in turn (0.6 s for the 386 forms on an idle disk, 1.6 s when other
 * processes write); synced together, the kernel writes them back together.
 * A batch holds its files open: BATCH_MAX bounds the descriptors.
 */
#define BATCH_MAX 128

typedef struct pending {
	char *path;
	a2_temp tmp;
	int failed;          /* reported, temporary file removed */
	const a2_state *st;
	const char *ext;
	char sha[65];
	size_t len;
} pending;

typedef struct batch {
	pending v[BATCH_MAX];
	size_t n;
	const char *dir;
	int force;
} batch;

/* Syncs and renames the files of the batch, in order, and lists those now
 * in place in the manifest.  0, or -1 when any failed (each failure
 * reported, its temporary file removed). */
static int
batch_flush(batch *b, FILE *man, const a2_form *form, const char *lang, size_t *nfiles)
{
	size_t i;
	int rc = 0, dfd;
	a2_error err;

	for (i = 0; i < b->n; i++) {
		pending *p = &b->v[i];
		a2_error_clear(&err);
		if (a2_temp_sync(&p->tmp, p->path, &err) != 0) {
			cli_error(&err);
			p->failed = 1;
			rc = -1;
		}
	}
	for (i = 0; i < b->n; i++) {
		pending *p = &b->v[i];
		char num[32];
		a2_error_clear(&err);
		if (p->failed)
			continue;
		if (a2_temp_commit(&p->tmp, p->path, b->force, &err) != 0) {
			cli_error(&err);
			rc = -1;
			continue;
		}
		snprintf(num, sizeof(num), "%zu", p->len);
		csv_field(man, p->st->iso3, 0);
		csv_field(man, p->st->name, 0);
		csv_field(man, p->ext, 0);
		csv_field(man, p->path + strlen(b->dir) + 1, 0);
		csv_field(man, p->sha, 0);
		csv_field(man, num, 0);
		csv_field(man, form->id, 0);
		csv_field(man, form->version, 0);
		csv_field(man, a2_form_wording(form, lang)->lang, 1);
		(*nfiles)++;
	}
	/* the renames themselves made durable */
	if (b->n > 0 && (dfd = open(b->dir, O_RDONLY)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	for (i = 0; i < b->n; i++)
		free(b->v[i].path);
	b->n = 0;
	return rc;
}

typedef int (*writer_fn)(const a2_form *, const a2_state *, const a2_gen_opts *,
    unsigned char **, size_t *, a2_error *);

int
cmd_generate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"form", required_argument, NULL, 'f'}, {"states", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 't'}, {"only", required_argument, NULL, 'n'},
		{"contacts", required_argument, NULL, 'c'}, {"lang", required_argument, NULL, 'l'},
		{"force", no_argument, NULL, 'F'}, {"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	static const struct { const char *ext; writer_fn fn; } writers[] = {
		{"docx", a2_generate_docx}, {"odt", a2_generate_odt},
	};
	const char *formpath = NULL, *statespath = NULL, *format = "both", *only = NULL;
	const char *contactspath = NULL, *lang = NULL, *dir = NULL;
	int force = 0, c, status = EXIT_OK;
	a2_form *form = NULL;
	a2_states *states = NULL;
	a2_contact *contacts = NULL;
	size_t ncontacts = 0, i, w, nfiles = 0;
	a2_error err;
	char *mpath = NULL, *mdata = NULL;
	size_t mlen = 0;
	FILE *man = NULL;
	struct timespec t0, t1;
	batch b;

	a2_error_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': formpath = optarg; break;
		case 's': statespath = optarg; break;
		case 't': format = optarg; break;
		case 'n': only = optarg; break;
		case 'c': contactspath = optarg; break;
		case 'l': lang = optarg; break;
		case 'F': force = 1; break;
		case 'o': dir = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: fputs(help, stderr); return EXIT_USAGE;
		}
	}
	if (dir == NULL || optind != argc ||
	    (strcmp(format, "docx") && strcmp(format, "odt") && strcmp(format, "both"))) {
		if (dir == NULL)
			cli_warn("generate: say where to write the forms with -o DIR");
		else if (optind != argc)
			cli_warn("generate: unexpected argument \"%s\"", argv[optind]);
		else
			cli_warn("generate: --format must be docx, odt or both, not \"%s\"", format);
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((form = a2_form_load(formpath, &err)) == NULL ||
	    (states = a2_states_load(statespath, NULL, &err)) == NULL ||
	    (contactspath != NULL && (contacts = a2_contacts_load(contactspath, &ncontacts, &err)) == NULL)) {
		cli_error(&err);
		status = EXIT_USAGE;
		goto out;
	}
	if (lang != NULL && strcmp(a2_form_wording(form, lang)->lang, lang) != 0) {
		cli_warn("generate: the consultation has no wording in \"%s\"", lang);
		status = EXIT_USAGE;
		goto out;
	}
	if (only != NULL && check_only(only, states, form) != 0) {
		status = EXIT_USAGE;
		goto out;
	}
	if (mkdir_p(dir) != 0) {
		cli_warn("%s: cannot create folder: %s", dir, strerror(errno));
		status = EXIT_FINDINGS;
		goto out;
	}
	if ((man = open_memstream(&mdata, &mlen)) == NULL) {
		cli_warn("out of memory");
		status = EXIT_FINDINGS;
		goto out;
	}
	fputs("iso3,member_state,format,file,sha256,bytes,consultation,form_version,language\n", man);
	b.n = 0;
	b.dir = dir;
	b.force = force;
	for (i = 0; i < states->n_members; i++) {
		const a2_state *st = &states->v[i];
		a2_gen_opts go;
		if (!a2_state_member_on(st, form->date) || !want(only, st->iso3))
			continue;
		go.lang = lang;
		go.contact = a2_contacts_find(contacts, ncontacts, st->iso3);
		for (w = 0; w < 2; w++) {
			unsigned char *data = NULL;
			size_t len = 0;
			pending *p = &b.v[b.n];
			if (strcmp(format, "both") && strcmp(format, writers[w].ext))
				continue;
			memset(p, 0, sizeof(*p));
			a2_error_clear(&err);
			if (writers[w].fn(form, st, &go, &data, &len, &err) != 0) {
				cli_error(&err);
				status = EXIT_FINDINGS;
				continue;
			}
			if ((p->path = malloc(strlen(dir) + strlen(st->iso3) + 8)) != NULL)
				sprintf(p->path, "%s/%s.%s", dir, st->iso3, writers[w].ext);
			if (p->path == NULL) {
				cli_warn("out of memory");
				status = EXIT_FINDINGS;
			} else if (a2_temp_write(&p->tmp, p->path, data, len, force, &err) != 0) {
				cli_error(&err);
				free(p->path);
				status = EXIT_FINDINGS;
			} else {
				a2_sha256_hex(data, len, p->sha);
				p->len = len;
				p->st = st;
				p->ext = writers[w].ext;
				if (++b.n == BATCH_MAX && batch_flush(&b, man, form, lang, &nfiles) != 0)
					status = EXIT_FINDINGS;
			}
			free(data);
		}
	}
	if (batch_flush(&b, man, form, lang, &nfiles) != 0)
		status = EXIT_FINDINGS;
	if (fclose(man) != 0) {
		man = NULL;
		cli_warn("out of memory");
		status = EXIT_FINDINGS;
		goto out;
	}
	man = NULL;
	mpath = malloc(strlen(dir) + 16);
	if (mpath == NULL)
		goto out;
	sprintf(mpath, "%s/manifest.csv", dir);
	a2_error_clear(&err);
	if (a2_write_atomic(mpath, mdata, mlen, force, &err) != 0) {
		cli_error(&err);
		status = EXIT_FINDINGS;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "annex2: wrote %zu forms and %s in %.2f s\n", nfiles, mpath,
	    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
out:
	if (man != NULL)
		fclose(man);
	free(mdata);
	free(mpath);
	a2_contacts_free(contacts, ncontacts);
	a2_states_free(states);
	a2_form_free(form);
	return status;
}
