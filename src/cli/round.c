/* cli/round.c -- what check, tally and report share: options, and loading
 * a round of records from returned documents and/or JSON Lines. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/round.h"

static const char *const exts[] = {".docx", ".docm", ".dotx", ".odt", ".ott", ".fodt",
	".jsonl", NULL};   /* a .json file is read when named, not found in folders */

static int
is_jsonl(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot != NULL && (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".json"));
}

/* intake.jsonl and sent.jsonl (the mail round) met in a folder */
static int
is_mail_log(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	return !strcmp(b, "intake.jsonl") || !strcmp(b, "sent.jsonl");
}

static int
push(a2_record **v, size_t *n, size_t *cap, a2_record *r)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		a2_record *nv = realloc(*v, nc * sizeof(a2_record));
		if (nv == NULL)
			return -1;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = *r;
	return 0;
}

/* Reads the records of one JSON Lines file: each line is checked against
 * the record schema and the round's data, and one that fails is said with
 * its line number and never counted. */
static int
load_jsonl(const cli_round_opts *o, const char *path, a2_record **v, size_t *n, size_t *cap)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t lcap = 0, lineno = 0;
	ssize_t got;
	int rc = 0;
	size_t seen = 0;

	if (fp == NULL) {
		cli_warn("%s: cannot open: %s", path, strerror(errno));
		return 1;
	}
	while ((got = getline(&line, &lcap, fp)) > 0) {
		a2_record r;
		a2_error err;
		lineno++;
		if (got <= 1 && line[0] == '\n')
			continue;
		seen++;
		a2_error_clear(&err);
		if (a2_record_from_json(&r, line, &err) != 0 ||
		    a2_record_recheck(&r, o->form, o->states, &err) != 0) {
			if (err.code == A2_ERR_NOMEM) {
				a2_record_clear(&r);
				rc = -1;
				break;
			}
			cli_warn("%s:%zu: %s: not counted", path, lineno, err.message);
			a2_record_clear(&r);
			rc = 1;
			continue;
		}
		if (push(v, n, cap, &r) != 0) {
			a2_record_clear(&r);
			rc = -1;
			break;
		}
	}
	if (ferror(fp)) {
		cli_warn("%s: cannot read: %s", path, strerror(errno));
		rc = rc < 0 ? rc : 1;
	} else if (seen == 0) {
		cli_warn("%s: no records in this file: nothing of it is counted", path);
		rc = rc < 0 ? rc : 1;
	}
	free(line);
	fclose(fp);
	return rc;
}

int
cli_round_options(int argc, char **argv, const char *help, unsigned which, cli_round_opts *o)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'}, {"manifest", required_argument, NULL, 'm'},
		{"output", required_argument, NULL, 'o'}, {"form", required_argument, NULL, 'f'},
		{"states", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'},
		{"force", no_argument, NULL, 'F'}, {"sent", required_argument, NULL, 'L'},
		{NULL, 0, NULL, 0},
	};
	int c, li = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, which & CLI_OPT_OUTPUT ? "o:h" : "h", opts, &li)) != -1) {
		unsigned need = c == 'j' ? CLI_OPT_JSON : c == 'm' ? CLI_OPT_MANIFEST :
		    c == 'o' || c == 'F' ? CLI_OPT_OUTPUT : c == 'L' ? CLI_OPT_SENT : 0;
		if (need != 0 && !(which & need)) {
			/* only a long option gets here: -o is not in the short list */
			cli_warn("%s: --%s is not an option of this command", argv[0], opts[li].name);
			c = '?';
		}
		switch (c) {
		case 'j': o->json = 1; break;
		case 'm': o->manifest = optarg; break;
		case 'o': o->out = optarg; break;
		case 'F': o->force = 1; break;
		case 'L': o->sent = optarg; break;
		case 'f': o->formpath = optarg; break;
		case 's': o->statespath = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: fputs(help, stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_warn("%s: name the replies to look at (documents, folders or JSON Lines)", argv[0]);
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	return -1;
}

/* The mail round's log: --sent FILE, else sent.jsonl beside the manifest
 * when there is one.  0, or -1 (said). */
static int
load_sent(cli_round_opts *o, a2_round *R)
{
	char *path = NULL;
	a2_error err;

	if (o->sent != NULL) {
		path = strdup(o->sent);
	} else if (o->manifest != NULL) {
		const char *sl = strrchr(o->manifest, '/');
		int dl = sl ? (int)(sl - o->manifest) : 1;
		if ((path = malloc((size_t)dl + 16)) != NULL)
			snprintf(path, (size_t)dl + 16, "%.*s/sent.jsonl", dl, sl ? o->manifest : ".");
		if (path != NULL && access(path, F_OK) != 0) {
			free(path);
			return 0;
		}
	} else {
		return 0;
	}
	a2_error_clear(&err);
	if (path == NULL || (o->sentlog = a2_sent_load(path, &o->nsent, &err)) == NULL) {
		if (path == NULL)
			cli_warn("out of memory");
		else
			cli_error(&err);
		free(path);
		return -1;
	}
	free(path);
	R->sent = o->sentlog;
	R->n_sent = o->nsent;
	return 0;
}

int
cli_round_load(cli_round_opts *o, char **paths, int npaths, a2_round **out)
{
	cli_files files = {0};
	a2_record *v = NULL;
	size_t n = 0, cap = 0, i, n_exp = 0;
	char **expected = NULL;
	a2_reader *rd = NULL;
	a2_error err;
	int rc = 0;

	*out = NULL;
	a2_error_clear(&err);
	if ((o->form = a2_form_load(o->formpath, &err)) == NULL ||
	    (o->states = a2_states_load(o->statespath, NULL, &err)) == NULL ||
	    (o->manifest != NULL && (expected = a2_manifest_load(o->manifest, &n_exp, &err)) == NULL)) {
		cli_error(&err);
		cli_round_done(o, NULL);
		return EXIT_USAGE;
	}
	switch (cli_collect(&files, paths, npaths, exts)) {
	case 0:
		break;
	case -1:
		cli_files_free(&files);
		a2_strv_free(expected, n_exp);
		cli_round_done(o, NULL);
		return EXIT_FINDINGS;
	default:   /* something in a folder was said and left out */
		rc = EXIT_FINDINGS;
		break;
	}
	for (i = 0; i < files.n; i++) {
		a2_record r;
		if (is_jsonl(files.v[i])) {
			int k;
			if (is_mail_log(files.v[i]))
				continue;   /* annex2 intake's and mail's logs, not records */
			k = load_jsonl(o, files.v[i], &v, &n, &cap);
			if (k < 0) {
				cli_warn("out of memory");
				rc = EXIT_FINDINGS;
				break;
			}
			if (k != 0)
				rc = EXIT_FINDINGS;
			continue;
		}
		if (rd == NULL && (rd = a2_reader_new(o->form, o->states, &err)) == NULL) {
			cli_error(&err);
			rc = EXIT_USAGE;
			break;
		}
		a2_record_init(&r);
		if (a2_read_file(rd, files.v[i], &r) < 0 || a2_mail_attach(&r, files.v[i], o->form) != 0 ||
		    push(&v, &n, &cap, &r) != 0) {
			a2_record_clear(&r);
			cli_warn("out of memory");
			rc = EXIT_FINDINGS;
			break;
		}
	}
	a2_reader_free(rd);
	cli_files_free(&files);
	if ((*out = a2_round_new(o->form, v, n, expected, n_exp, &err)) == NULL) {
		cli_error(&err);
		cli_round_done(o, NULL);
		return EXIT_FINDINGS;
	}
	(*out)->states = o->states;
	if (load_sent(o, *out) != 0 && rc == EXIT_OK)
		rc = EXIT_FINDINGS;
	return rc;
}

int
cli_round_print(char *json)
{
	int rc = EXIT_OK;

	if (json == NULL) {
		cli_warn("out of memory");
		return EXIT_FINDINGS;
	}
	if (puts(json) == EOF)
		rc = EXIT_FINDINGS;
	free(json);
	return rc;
}

void
cli_round_done(cli_round_opts *o, a2_round *r)
{
	a2_round_free(r);
	a2_sent_free(o->sentlog, o->nsent);
	a2_states_free(o->states);
	a2_form_free(o->form);
}
