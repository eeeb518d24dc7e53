/* cli/cmd_review.c -- annex2 review: what needs a person, and the
 * decisions (--list, --set, --serve); and the decisions that check, tally
 * and report apply over the reader's verdicts. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/util.h"
#include "cli/review.h"

static const char help[] =
"usage: annex2 review --list [--json] [--pending] [OPTIONS] RECORDS...\n"
"       annex2 review --set --reply SHA256|FILE --text REC|sender --decision D\n"
"                     [--comments none|attached] [--who NAME] [--why TEXT] [OPTIONS] RECORDS...\n"
"       annex2 review --serve [--port N] [--who NAME] [OPTIONS] RECORDS...\n"
"\n"
"A person settles what the reader could not: a text read as unclear, conflict,\n"
"inferred or missing, an option (comments) not decided, a sender unknown, not\n"
"matching, or not a member.  Each decision is one line appended to the\n"
"decisions file (JSON Lines: reply sha256, text, decision, who, when, why);\n"
"check, tally and report apply it over the reader's verdicts and show both.\n"
"The reader's records are never rewritten.\n"
"\n"
"  --list           what needs a decision, per reply, with the decision taken\n"
"  --pending        with --list: only what has no decision yet\n"
"  --json           with --list: one JSON object a line\n"
"  --set            append one decision:\n"
"    --reply R        the reply: its sha256 (or the first 12 or more digits of it)\n"
"                     or its file as the records name it\n"
"    --text T         a Recommendation of the consultation, or \"sender\"\n"
"    --decision D     for a text: assigns, does-not-assign or not-counted; for the\n"
"                     sender: a Member State's ISO 3166 alpha-3 code, or not-counted\n"
"    --comments C     with assigns: none or attached\n"
"    --why TEXT       the reason, in a few words\n"
"  --who NAME       who decides (default: $ANNEX2_REVIEWER, else the login name)\n"
"  --serve          a web page for the same work, on 127.0.0.1 only, at an address\n"
"                   with a secret token, printed at start (stop it with Ctrl-C)\n"
"  --port N         the port of --serve (default: a free one)\n"
"\n"
"OPTIONS:\n"
"  --decisions FILE the decisions file (default: decisions.jsonl beside the first\n"
"                   records file, or in the first folder)\n"
"  --manifest FILE  manifest.csv of the forms sent (the page lists who has not replied)\n"
"  --form FILE, --states FILE   as for `annex2 read`\n"
"\n"
"Exit status: 0 success (--list: nothing pending), 1 findings (--list: something\n"
"pending; a decision file line refused), 2 usage error.\n";

/* ---- the decisions of a round, for check, tally and report ---- */

char *
cli_review_path(const cli_round_opts *o, char **paths, int npaths, int must_exist)
{
	int i;

	if (o->decisions != NULL)
		return a2_strdup(o->decisions);
	for (i = 0; i < npaths; i++) {
		struct stat st;
		char *p;
		const char *slash;
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			p = a2_sprintf("%s/decisions.jsonl", paths[i]);
		} else {
			const char *dot = strrchr(paths[i], '.');
			if (dot == NULL || (strcasecmp(dot, ".jsonl") && strcasecmp(dot, ".json")))
				continue;
			slash = strrchr(paths[i], '/');
			p = slash ? a2_sprintf("%.*s/decisions.jsonl", (int)(slash - paths[i]), paths[i]) :
			    a2_strdup("decisions.jsonl");
		}
		if (p == NULL)
			return NULL;
		if (!must_exist || access(p, F_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

int
cli_review_is_decisions(const cli_round_opts *o, char **paths, int npaths, const char *file)
{
	const char *slash = strrchr(file, '/');
	int i;

	(void)paths;
	(void)npaths;
	if (strcmp(slash ? slash + 1 : file, "decisions.jsonl") == 0)
		return 1;
	if (o->decisions != NULL && cli_same_file(file, o->decisions)) {
		for (i = 0; i < npaths; i++)
			if (strcmp(paths[i], file) == 0) {
				cli_warn("%s: the decisions file is named as records: read as decisions only", file);
				break;
			}
		return 1;
	}
	return 0;
}

/* Says the lines refused and the decisions not applied; EXIT_OK or
 * EXIT_FINDINGS (a line refused). */
static int
say_decisions(const char *path, const a2_decisions *D)
{
	size_t i;

	for (i = 0; i < D->n_bad; i++)
		cli_warn("%s:%zu: error: %s: not applied", path, D->bad[i].line, D->bad[i].message);
	for (i = 0; i < D->n_warn; i++) {
		if (D->warn[i].line)
			cli_warn("%s:%zu: warning: %s", path, D->warn[i].line, D->warn[i].message);
		else
			cli_warn("%s: warning: %s", path, D->warn[i].message);
	}
	return D->n_bad ? EXIT_FINDINGS : EXIT_OK;
}

int
cli_review_apply(cli_round_opts *o, char **paths, int npaths, a2_record *recs, size_t n)
{
	char *path;
	a2_decisions *D;
	a2_error err;
	int rc;

	if (o->no_decisions)
		return EXIT_OK;
	if ((path = cli_review_path(o, paths, npaths, 1)) == NULL) {
		if (o->decisions != NULL) {
			cli_warn("out of memory");
			return EXIT_FINDINGS;
		}
		return EXIT_OK;   /* no decisions beside the records */
	}
	if (o->decisions != NULL && access(path, F_OK) != 0) {
		cli_warn("%s: cannot open: %s", path, strerror(errno));
		free(path);
		return EXIT_USAGE;
	}
	a2_error_clear(&err);
	if ((D = a2_decisions_load(path, &err)) == NULL) {
		cli_error(&err);
		free(path);
		return err.code == A2_ERR_NOMEM ? EXIT_FINDINGS : EXIT_USAGE;
	}
	if (a2_decisions_apply(D, o->form, o->states, recs, n, &err) != 0) {
		cli_error(&err);
		rc = EXIT_FINDINGS;
	} else {
		rc = say_decisions(path, D);
		if (D->n > 0)
			cli_warn("%s: %zu decision%s of a reviewer applied over the reader's verdicts", path,
			    D->n - D->n_warn, D->n - D->n_warn == 1 ? "" : "s");
	}
	a2_decisions_free(D);
	free(path);
	return rc;
}

int
cli_records_copy(const a2_record *src, size_t n, a2_record **out)
{
	a2_record *v = calloc(n ? n : 1, sizeof(a2_record));
	size_t i;

	*out = NULL;
	if (v == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		char *js = a2_record_to_json(&src[i]);
		a2_error err;
		a2_record_init(&v[i]);
		if (js == NULL || a2_record_from_json(&v[i], js, &err) != 0) {
			free(js);
			while (i + 1 > 0) {
				a2_record_clear(&v[i]);
				if (i-- == 0)
					break;
			}
			free(v);
			return -1;
		}
		free(js);
	}
	*out = v;
	return 0;
}

a2_round *
cli_review_round(const a2_round *base, a2_decisions *D, a2_error *err)
{
	a2_record *v;
	char **exp = NULL;
	size_t i;
	a2_round *R;

	if (cli_records_copy(base->recs, base->n, &v) != 0)
		return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
	if (base->n_expected > 0) {
		if ((exp = calloc(base->n_expected, sizeof(char *))) == NULL)
			goto nomem;
		for (i = 0; i < base->n_expected; i++)
			if ((exp[i] = a2_strdup(base->expected[i])) == NULL) {
				a2_strv_free(exp, i);
				exp = NULL;
				goto nomem;
			}
	}
	if (D != NULL && a2_decisions_apply(D, base->form, base->states, v, base->n, err) != 0)
		goto nomem;
	R = a2_round_new(base->form, v, base->n, exp, base->n_expected, err);
	if (R != NULL)
		R->states = base->states;
	return R;
nomem:
	for (i = 0; i < base->n; i++)
		a2_record_clear(&v[i]);
	free(v);
	a2_strv_free(exp, base->n_expected);
	return (a2_error_set(err, A2_ERR_NOMEM, "out of memory"), NULL);
}

/* ---- annex2 review ---- */

static const char *
default_who(const char *who)
{
	const char *e = getenv("ANNEX2_REVIEWER");
	struct passwd *pw;

	if (who != NULL)
		return who;
	if (e != NULL && *e)
		return e;
	pw = getpwuid(getuid());
	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "reviewer";
}

static void
print_json_str(const char *s)
{
	json_t *j = s ? json_string(s) : json_null();
	char *d = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_ENSURE_ASCII) : NULL;
	fputs(d ? d : "null", stdout);
	free(d);
	json_decref(j);
}

static int
list(const a2_round *R, const a2_decisions *D, int json, int pending)
{
	a2_review_item *it;
	size_t n, i, open = 0;
	a2_error err;

	a2_error_clear(&err);
	if ((it = a2_review_items(R->form, R->recs, R->n, D, &n, &err)) == NULL) {
		cli_error(&err);
		return EXIT_FINDINGS;
	}
	if (!json)
		printf("%-12s  %-4s  %-8s  %-16s  %-20s  %s\n", "REPLY", "ISO3", "TEXT", "READER", "DECISION", "FILE");
	for (i = 0; i < n; i++) {
		const a2_record *r = &R->recs[it[i].rec];
		const a2_decision *d = it[i].decided;
		if (d == NULL)
			open++;
		if (pending && d != NULL)
			continue;
		if (json) {
			char *dj = d ? a2_decision_to_json(d) : NULL;
			fputs("{\"sha256\":", stdout);
			print_json_str(r->sha256);
			fputs(",\"file\":", stdout);
			print_json_str(r->file);
			fputs(",\"iso3\":", stdout);
			print_json_str(r->ms_iso3);
			fputs(",\"text\":", stdout);
			print_json_str(it[i].text);
			fputs(",\"reader\":", stdout);
			print_json_str(it[i].reader);
			fputs(",\"message\":", stdout);
			print_json_str(it[i].message);
			printf(",\"decision\":%s}\n", dj ? dj : "null");
			free(dj);
		} else {
			char dec[64];
			if (d == NULL)
				snprintf(dec, sizeof dec, "-");
			else if (d->comments != A2_COM_NULL)
				snprintf(dec, sizeof dec, "%s/%s", d->decision, a2_comments_name(d->comments));
			else
				snprintf(dec, sizeof dec, "%s", d->decision);
			printf("%-12.12s  %-4s  %-8s  %-16s  %-20s  %s\n", r->sha256, r->ms_iso3 ? r->ms_iso3 : "-",
			    it[i].text, it[i].reader, dec, r->file ? r->file : "?");
		}
	}
	if (!json)
		printf("\n%zu item%s to review, %zu decided, %zu pending\n", n, n == 1 ? "" : "s", n - open, open);
	free(it);
	return open ? EXIT_FINDINGS : EXIT_OK;
}

/* The reply named by R (a sha256, 12 or more of its first digits, or a
 * file as the records name it): its index, or (size_t)-1 (said). */
static size_t
find_reply(const a2_round *R, const char *reply)
{
	size_t i, hit = (size_t)-1, len = strlen(reply), hits = 0;

	for (i = 0; i < R->n; i++)
		if (R->recs[i].file && strcmp(R->recs[i].file, reply) == 0)
			return i;
	if (len >= 12 && len <= 64)
		for (i = 0; i < R->n; i++)
			if (R->recs[i].sha256[0] && strncasecmp(R->recs[i].sha256, reply, len) == 0) {
				hit = i;
				hits++;
			}
	if (hits == 1)
		return hit;
	cli_warn("%s: %s", reply, hits > 1 ? "more than one reply has a sha256 that begins so: give more digits" :
	    "no reply of the round has this sha256 or file name");
	return (size_t)-1;
}

typedef struct set_args {
	const char *reply, *text, *decision, *comments, *who, *why;
} set_args;

static int
set(const a2_round *R, const char *path, const set_args *s)
{
	a2_decision d;
	a2_error err;
	size_t i, k;
	char iso[4];
	int is_text = 0;

	memset(&d, 0, sizeof d);
	if (s->reply == NULL || s->text == NULL || s->decision == NULL) {
		cli_warn("review --set: say --reply, --text and --decision");
		return EXIT_USAGE;
	}
	if ((k = find_reply(R, s->reply)) == (size_t)-1)
		return EXIT_USAGE;
	if (R->recs[k].is_error) {
		cli_warn("%s: this file could not be read: there is nothing to decide on (open it by hand)",
		    R->recs[k].file);
		return EXIT_USAGE;
	}
	for (i = 0; i < R->form->n_texts; i++)
		if (strcmp(R->form->texts[i].rec, s->text) == 0)
			is_text = 1;
	if (!is_text && strcmp(s->text, "sender") != 0) {
		cli_warn("review --set: \"%s\" is neither a text of %s nor \"sender\"", s->text, R->form->id);
		return EXIT_USAGE;
	}
	memcpy(d.sha256, R->recs[k].sha256, 65);
	d.text = (char *)s->text;
	d.decision = (char *)s->decision;
	if (!is_text && strlen(s->decision) == 3) {   /* a Member State, whatever the case */
		for (i = 0; i < 3; i++)
			iso[i] = (char)(s->decision[i] >= 'a' && s->decision[i] <= 'z' ? s->decision[i] - 32 : s->decision[i]);
		iso[3] = '\0';
		d.decision = iso;
		if (a2_states_by_iso3(R->states, iso) == NULL) {
			cli_warn("review --set: \"%s\" is not a code of the Member State data", s->decision);
			return EXIT_USAGE;
		}
	}
	if (s->comments != NULL)
		d.comments = !strcmp(s->comments, "none") ? A2_COM_NONE : !strcmp(s->comments, "attached") ?
		    A2_COM_ATTACHED : (a2_comments)99;
	if ((int)d.comments == 99) {
		cli_warn("review --set: --comments is none or attached");
		return EXIT_USAGE;
	}
	d.who = (char *)default_who(s->who);
	d.why = (char *)(s->why ? s->why : "");
	d.file = R->recs[k].file;
	{
		char now[21];
		a2_utc_now(now);
		d.when = now;
		a2_error_clear(&err);
		if (a2_decision_check(&d, &err) != 0) {
			cli_warn("review --set: %s", err.message);
			return EXIT_USAGE;
		}
		if (a2_decisions_append(path, &d, &err) != 0) {
			cli_error(&err);
			return EXIT_FINDINGS;
		}
	}
	printf("%s: %s: %s%s%s (by %s), appended to %s\n", R->recs[k].file ? R->recs[k].file : R->recs[k].sha256,
	    d.text, d.decision, d.comments ? ", comments " : "", d.comments ? a2_comments_name(d.comments) : "", d.who,
	    path);
	return EXIT_OK;
}

int
cmd_review(int argc, char **argv)
{
	enum { O_LIST = 1000, O_SET, O_SERVE, O_PORT, O_WHO, O_PENDING, O_REPLY, O_TEXT, O_DECISION, O_COMMENTS,
		O_WHY, O_QUIET };
	static const struct option opts[] = {
		{"list", no_argument, NULL, O_LIST}, {"set", no_argument, NULL, O_SET},
		{"serve", no_argument, NULL, O_SERVE}, {"port", required_argument, NULL, O_PORT},
		{"who", required_argument, NULL, O_WHO}, {"pending", no_argument, NULL, O_PENDING},
		{"reply", required_argument, NULL, O_REPLY}, {"text", required_argument, NULL, O_TEXT},
		{"decision", required_argument, NULL, O_DECISION}, {"comments", required_argument, NULL, O_COMMENTS},
		{"why", required_argument, NULL, O_WHY}, {"quiet", no_argument, NULL, O_QUIET},
		{"json", no_argument, NULL, 'j'}, {"decisions", required_argument, NULL, 'D'},
		{"manifest", required_argument, NULL, 'm'}, {"form", required_argument, NULL, 'f'},
		{"states", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	cli_round_opts o = {0};
	cli_serve_opts so = {0};
	set_args sa = {0};
	a2_round *R = NULL;
	a2_decisions *D = NULL;
	a2_error err;
	char *path = NULL, *end;
	int c, mode = 0, pending = 0, rc;
	long port;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_LIST: case O_SET: case O_SERVE:
			if (mode != 0 && mode != c) {
				cli_warn("review: --list, --set and --serve go one at a time");
				return EXIT_USAGE;
			}
			mode = c;
			break;
		case O_PORT:
			errno = 0;
			port = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || port < 0 || port > 65535) {
				cli_warn("review: --port %s: a number from 0 to 65535", optarg);
				return EXIT_USAGE;
			}
			so.port = (unsigned)port;
			break;
		case O_WHO: sa.who = so.who = optarg; break;
		case O_PENDING: pending = 1; break;
		case O_REPLY: sa.reply = optarg; break;
		case O_TEXT: sa.text = optarg; break;
		case O_DECISION: sa.decision = optarg; break;
		case O_COMMENTS: sa.comments = optarg; break;
		case O_WHY: sa.why = optarg; break;
		case O_QUIET: so.quiet = 1; break;
		case 'j': o.json = 1; break;
		case 'D': o.decisions = optarg; break;
		case 'm': o.manifest = optarg; break;
		case 'f': o.formpath = optarg; break;
		case 's': o.statespath = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: fputs(help, stderr); return EXIT_USAGE;
		}
	}
	if (mode == 0) {
		cli_warn("review: say --list, --set or --serve");
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		cli_warn("review: name the records of the round (JSON Lines from `annex2 read`, or the replies)");
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	if ((path = cli_review_path(&o, argv + optind, argc - optind, 0)) == NULL) {
		cli_warn("review: say where the decisions are with --decisions FILE "
		    "(no records file or folder to put decisions.jsonl beside)");
		return EXIT_USAGE;
	}
	o.no_decisions = 1;   /* the reader's own verdicts: decisions are shown beside them */
	rc = cli_round_load(&o, argv + optind, argc - optind, &R);
	if (R == NULL) {
		free(path);
		return rc;
	}
	a2_error_clear(&err);
	if (mode != O_SET) {
		if ((D = a2_decisions_load(path, &err)) == NULL) {
			cli_error(&err);
			rc = EXIT_USAGE;
			goto out;
		}
		if (say_decisions(path, D) != EXIT_OK)
			rc = EXIT_FINDINGS;
	}
	if (mode == O_LIST) {
		int k = list(R, D, o.json, pending);
		rc = rc != EXIT_OK ? rc : k;
	} else if (mode == O_SET) {
		int k = set(R, path, &sa);
		rc = k != EXIT_OK ? k : rc;
	} else {
		so.decisions = path;
		so.who = default_who(so.who);
		so.bind = "127.0.0.1";
		so.paths = argv + optind;
		so.npaths = argc - optind;
		a2_decisions_free(D);
		D = NULL;
		rc = cli_review_serve(&o, R, &so);
	}
out:
	a2_decisions_free(D);
	free(path);
	cli_round_done(&o, R);
	return rc;
}
