/* cli/cmd_generate.c -- annex2 generate: one pre-filled form per Member State. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>
#include <sys/file.h>

#include "cli/cli.h"
#include "cli/manifest.h"

static const char help[] =
"usage: annex2 generate [--form FILE] [--states FILE] [--format docx|odt|both]\n"
"                       [--only ISO3,...] [--contacts FILE] [--lang LANG] [--force] -o DIR\n"
"       annex2 generate --manifest-only -o DIR\n"
"\n"
"Writes DIR/<ISO3>.docx and/or DIR/<ISO3>.odt, a reply form pre-filled for each\n"
"Member State of the consultation's date, with real checkboxes to click in Word\n"
"or LibreOffice, and DIR/manifest.csv (iso3,member_state,format,file,sha256,...).\n"
"Each form is in the state's language of correspondence (column lang of the\n"
"Member State table, or of --contacts), when the consultation has that wording.\n"
"\n"
"  -o DIR           output folder (created if missing)\n"
"  --form FILE      consultation definition (default: built-in TSB Circular 195;\n"
"                   see forms/tsb-circular-195.xml and forms/consultation.rng)\n"
"  --states FILE    Member State table (default: built-in forms/member-states.tsv)\n"
"  --format F       docx, odt or both (default both)\n"
"  --only LIST      only these Member States, e.g. --only FRA,NER,KOR\n"
"  --contacts FILE  CSV iso3,name,title,address,email[,lang]: fills the From\n"
"                   block; lang, when given, is the language of that state's form\n"
"  --lang LANG      every form in this language (ar, zh, en, fr, ru, es, ...);\n"
"                   --lang all: every language of the consultation, each form\n"
"                   named DIR/<ISO3>.<LANG>.docx (DIR/FRA.fr.docx)\n"
"  --force          replace files that exist (never done silently)\n"
"  --manifest-only  write no form: make DIR/manifest.csv again from the forms in\n"
"                   DIR (their sha256, size and embedded identifiers)\n"
"\n"
"DIR/manifest.csv describes the whole folder: the rows of earlier runs are kept\n"
"(this run's rows replace those of the same file; rows whose file is\n"
"gone are dropped).  A run holds DIR/.annex2.lock, so two runs at once write one\n"
"after the other, and removes the temporary files an interrupted run left\n"
"(the name of one of its forms or of the manifest, \".tmp\" and six characters;\n"
"nothing else).\n"
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
	const char *lang;    /* the form's language */
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
batch_flush(batch *b, man_rows *man, const a2_form *form, size_t *nfiles)
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
		{
			const char *row[MAN_NCOL] = {
				p->st->iso3, p->st->name, p->ext, p->path + strlen(b->dir) + 1, p->sha, num,
				form->id, form->version, p->lang,
			};
			if (man_add(man, row) != 0) {
				cli_warn("out of memory");
				rc = -1;
			}
		}
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

/* 1 when name is a temporary file of annex2 generate: that of "ISO.docx",
 * "ISO.odt" or "manifest.csv" (a2_temp_base_len). */
static int
own_temporary(const char *name)
{
	size_t base = a2_temp_base_len(name);

	if (base == 12 && strncmp(name, "manifest.csv", 12) == 0)
		return 1;
	if (base < 7 || name[0] < 'A' || name[0] > 'Z' || name[1] < 'A' || name[1] > 'Z' ||
	    name[2] < 'A' || name[2] > 'Z')
		return 0;
	if (base >= 10 && name[3] == '.' && name[4] >= 'a' && name[4] <= 'z' &&
	    name[5] >= 'a' && name[5] <= 'z') {
		name += 3;              /* "FRA.fr.docx" (--lang all) */
		base -= 3;
	}
	return (base == 8 && strncmp(name + 3, ".docx", 5) == 0) || (base == 7 && strncmp(name + 3, ".odt", 4) == 0);
}

/* Removes the temporary files an interrupted run of generate left in dir
 * (only its own names, only regular files; links are not followed). */
static void
clean_temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *p;
		struct stat st;
		if (!own_temporary(e->d_name) || (p = malloc(strlen(dir) + strlen(e->d_name) + 2)) == NULL)
			continue;
		sprintf(p, "%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && unlink(p) == 0)
			n++;
		free(p);
	}
	closedir(d);
	if (n > 0)
		cli_warn("%s: removed %zu temporary file%s left by an interrupted run", dir, n, n == 1 ? "" : "s");
}

/* The rows of the forms in dir, from the files themselves (--manifest-only):
 * sha256 and size, and the identifiers the generator embeds; the language
 * is kept from the old row (the file does not say it). */
static int
rows_from_files(const char *dir, const a2_states *states, const man_rows *old, man_rows *m)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (d == NULL) {
		cli_warn("%s: cannot open folder: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		const char *dot = strrchr(e->d_name, '.'), *ext;
		char *p, num[32], sha[65], iso[4];
		unsigned char *data = NULL;
		size_t len, i;
		a2_error err;
		a2_limits lim;
		a2_doc *doc;
		const a2_state *st;
		const char *lang = "";
		char flang[3] = "";
		if (dot == NULL || e->d_name[0] == '.' || (strcmp(dot, ".docx") && strcmp(dot, ".odt")))
			continue;
		if (dot - e->d_name == 6 && e->d_name[3] == '.') {
			/* ISO3.ll.ext, written by --lang all: the language is in the name */
			snprintf(flang, sizeof(flang), "%.2s", e->d_name + 4);
			lang = flang;
		} else if (dot - e->d_name != 3) {
			continue;
		}
		ext = dot + 1;
		if ((p = malloc(strlen(dir) + strlen(e->d_name) + 2)) == NULL)
			return -1;
		sprintf(p, "%s/%s", dir, e->d_name);
		a2_error_clear(&err);
		a2_limits_default(&lim);
		if (cli_read_file(p, lim.max_file, &data, &len) != 0) {
			free(p);
			rc = 1;
			continue;
		}
		doc = a2_doc_open_mem(p, data, len, &lim, &err);
		a2_sha256_hex(data, len, sha);
		free(data);
		snprintf(iso, sizeof(iso), "%.3s", e->d_name);
		st = a2_states_by_iso3(states, iso);
		if (doc == NULL || st == NULL || a2_doc_prop(doc, A2_PROP_STATE) == NULL ||
		    strcmp(a2_doc_prop(doc, A2_PROP_STATE), st->iso3) != 0) {
			cli_warn("%s: not a form of annex2 generate for %s: left out of the manifest", p, iso);
			a2_doc_free(doc);
			free(p);
			rc = 1;
			continue;
		}
		for (i = 0; i < old->n && flang[0] == '\0'; i++)
			if (!strcmp(old->v[i].f[3], e->d_name))
				lang = old->v[i].f[8];
		snprintf(num, sizeof(num), "%zu", len);
		{
			const char *row[MAN_NCOL] = {
				st->iso3, st->name, ext, e->d_name, sha, num, a2_doc_prop(doc, A2_PROP_CONSULTATION),
				a2_doc_prop(doc, A2_PROP_VERSION), lang,
			};
			if (man_add(m, row) != 0)
				rc = -1;
		}
		a2_doc_free(doc);
		free(p);
		if (rc < 0)
			break;
	}
	closedir(d);
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
		{"manifest-only", no_argument, NULL, 'M'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	static const struct { const char *ext; writer_fn fn; } writers[] = {
		{"docx", a2_generate_docx}, {"odt", a2_generate_odt},
	};
	const char *formpath = NULL, *statespath = NULL, *format = "both", *only = NULL;
	const char *contactspath = NULL, *lang = NULL, *dir = NULL;
	int force = 0, c, status = EXIT_OK, manifest_only = 0, lockfd = -1, all_langs = 0;
	man_rows man = {0}, old = {0};
	struct stat dst;
	a2_form *form = NULL;
	a2_states *states = NULL;
	a2_contact *contacts = NULL;
	size_t ncontacts = 0, i, w, nfiles = 0;
	a2_error err;
	char *mpath = NULL, *lpath = NULL;
	size_t nrows = 0;
	struct timespec t0, t1;
	batch b;

	/* each deflated entry of a DOCX or ODT and each page's QR code takes a
	 * new deflate state (256 KiB and more): glibc gave its pages back to
	 * the kernel after each and faulted them in again for the next (brk
	 * and page faults: 60% of generate's CPU, 120,000 minor faults a run);
	 * freed memory is kept for the run instead (1,500 faults) */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
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
		case 'M': manifest_only = 1; break;
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
	all_langs = lang != NULL && strcmp(lang, "all") == 0;
	if (lang != NULL && !all_langs && strcmp(a2_form_wording(form, lang)->lang, lang) != 0) {
		cli_warn("generate: the consultation has no wording in \"%s\"", lang);
		status = EXIT_USAGE;
		goto out;
	}
	if (only != NULL && check_only(only, states, form) != 0) {
		status = EXIT_USAGE;
		goto out;
	}
	if (stat(dir, &dst) == 0 && !S_ISDIR(dst.st_mode)) {
		cli_warn("%s: not a folder: -o names the folder the forms go to", dir);
		status = EXIT_USAGE;
		goto out;
	}
	if (mkdir_p(dir) != 0 || stat(dir, &dst) != 0 || !S_ISDIR(dst.st_mode)) {
		cli_warn("%s: cannot create folder: %s", dir, strerror(errno));
		status = EXIT_FINDINGS;
		goto out;
	}
	if ((mpath = malloc(strlen(dir) + 16)) == NULL || (lpath = malloc(strlen(dir) + 16)) == NULL) {
		cli_warn("out of memory");
		status = EXIT_FINDINGS;
		goto out;
	}
	sprintf(mpath, "%s/manifest.csv", dir);
	sprintf(lpath, "%s/.annex2.lock", dir);
	/* one run at a time in a folder: the manifest read, merged and written
	 * by one run is never lost to another */
	if ((lockfd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0 || flock(lockfd, LOCK_EX) != 0) {
		cli_warn("%s: cannot lock the folder: %s", lpath, strerror(errno));
		status = EXIT_FINDINGS;
		goto out;
	}
	clean_temporaries(dir);
	switch (man_read(mpath, &old)) {
	case -1:
		cli_warn("%s: the manifest cannot be read, so nothing was written (no form, and the manifest "
		    "was NOT written): remove it, or make it again from the forms with "
		    "`annex2 generate --manifest-only -o %s`", mpath, dir);
		status = EXIT_FINDINGS;
		goto out;
	default:
		break;
	}
	if (manifest_only) {
		if (rows_from_files(dir, states, &old, &man) != 0)
			status = EXIT_FINDINGS;
		if (man_write(dir, mpath, &man, &nrows) != 0) {
			cli_warn("%s: not written", mpath);
			status = EXIT_FINDINGS;
		} else {
			fprintf(stderr, "annex2: wrote %s: %zu forms\n", mpath, nrows);
		}
		goto out;
	}
	for (i = 0; i < old.n; i++)
		if (man_add(&man, (const char *const *)old.v[i].f) != 0) {
			cli_warn("out of memory");
			status = EXIT_FINDINGS;
			goto out;
		}
	b.n = 0;
	b.dir = dir;
	b.force = force;
	for (i = 0; i < states->n_members; i++) {
		const a2_state *st = &states->v[i];
		a2_gen_opts go;
		size_t li, nl;
		if (!a2_state_member_on(st, form->date) || !want(only, st->iso3))
			continue;
		go.contact = a2_contacts_find(contacts, ncontacts, st->iso3);
		/* --lang all: every language, the language in the file name */
		nl = all_langs ? form->n_wordings : 1;
		for (li = 0; li < nl; li++) {
			go.lang = all_langs ? form->wordings[li].lang : a2_generate_lang(form, st, go.contact, lang);
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
				if ((p->path = malloc(strlen(dir) + strlen(st->iso3) + strlen(go.lang) + 9)) != NULL) {
					if (all_langs)
						sprintf(p->path, "%s/%s.%s.%s", dir, st->iso3, go.lang, writers[w].ext);
					else
						sprintf(p->path, "%s/%s.%s", dir, st->iso3, writers[w].ext);
				}
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
					p->lang = go.lang;
					if (++b.n == BATCH_MAX && batch_flush(&b, &man, form, &nfiles) != 0)
						status = EXIT_FINDINGS;
				}
				free(data);
			}
		}
	}
	if (batch_flush(&b, &man, form, &nfiles) != 0)
		status = EXIT_FINDINGS;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (man_write(dir, mpath, &man, &nrows) != 0) {
		status = EXIT_FINDINGS;
		fprintf(stderr, "annex2: wrote %zu forms; %s was NOT written\n", nfiles, mpath);
	} else {
		fprintf(stderr, "annex2: wrote %zu forms and %s (%zu forms listed) in %.2f s\n", nfiles, mpath, nrows,
		    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
out:
	if (lockfd >= 0)
		close(lockfd);   /* the lock goes with it */
	man_free(&man);
	man_free(&old);
	free(mpath);
	free(lpath);
	a2_contacts_free(contacts, ncontacts);
	a2_states_free(states);
	a2_form_free(form);
	return status;
}
