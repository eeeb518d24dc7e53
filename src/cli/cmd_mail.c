/* cli/cmd_mail.c -- annex2 mail: one message per Member State with its
 * form(s) attached, as .eml files or through SMTP, logged in sent.jsonl.
 * The sending of one state is shared with annex2 remind (cli/mailer.h). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "annex2/mail.h"
#include "cli/mailer.h"
#include "cli/manifest.h"
#include "core/util.h"

static const char help[] =
"usage: annex2 mail --forms DIR [--contacts FILE] (-o DIR | --smtp URL) [--dry-run]\n"
"                   [--only ISO3,...] [--resend] [--from ADDRESS] [--sent FILE]\n"
"                   [--lang LANG | --lang-from-states] [--form FILE] [--states FILE]\n"
"\n"
"Sends every Member State its reply form(s): one e-mail per state, to every\n"
"address the contacts file gives for it, with DIR/<ISO3>.docx and .odt attached\n"
"(DIR/<ISO3>.<LANG>.docx and .odt when generate --lang all wrote them);\n"
"subject and text from the consultation's <mail> wording, in the state's\n"
"language as generate chooses it: the contacts' lang column, else the state's\n"
"language of correspondence (member-states.tsv).  Every message sent is logged in\n"
"sent.jsonl (Message-ID, recipients, time, attachment sha256); a state already\n"
"sent to is skipped unless --resend.  A state that fails is said and the others\n"
"go on: the next run sends it.\n"
"\n"
"  --forms DIR      the forms written by `annex2 generate` (its manifest.csv says\n"
"                   which states; without one, every <ISO3>.docx/.odt there)\n"
"  --contacts FILE  CSV iso3,name,title,address,email[,lang]: one row per address\n"
"                   (several rows per state); see forms/contacts.example.csv\n"
"  -o DIR           write DIR/<ISO3>.eml (for any mail program) and DIR/sent.jsonl\n"
"  --smtp URL       send through smtp://HOST[:PORT] (STARTTLS when offered) or\n"
"                   smtps://HOST[:PORT]; credentials from ANNEX2_SMTP_USER and\n"
"                   ANNEX2_SMTP_PASSWORD, or a netrc file (ANNEX2_NETRC, ~/.netrc),\n"
"                   never the command line; the log is DIR/sent.jsonl of --forms\n"
"  --dry-run        say what would be sent, send and write nothing\n"
"  --only ISO3,...  these states only\n"
"  --resend         send again to states already in the log\n"
"  --from ADDRESS   the sender (default: the consultation's e-mail address)\n"
"  --lang LANG      write every message in LANG (ar zh en fr ru es)\n"
"  --lang-from-states  each state's message in its own language, as above (the\n"
"                   default; said for scripts that follow the SPEC's command line)\n"
"  --sent FILE      the log to use instead\n"
"\n"
"The Date: header is now, or SOURCE_DATE_EPOCH when set.\n"
"Exit status: 0 every state sent (or skipped), 1 a state failed, 2 usage error.\n";

/* ---- sending one state (shared with remind) ----------------------------- */

#define FORM_MAX_BYTES (64u << 20)

time_t
cli_mail_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e != NULL && *e) {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

/* The next code of a comma list at *p (copied into code, at most 7
 * bytes); 0 at the end, -1 (said) for one that is too long or empty. */
static int
next_code(const char **p, char code[8])
{
	size_t k;

	if (**p == '\0')
		return 0;
	k = strcspn(*p, ",");
	if (k == 0 || k >= 8) {
		cli_warn("--only: \"%.*s\" is not an ISO 3166 alpha-3 code", (int)k, *p);
		return -1;
	}
	memcpy(code, *p, k);
	code[k] = '\0';
	*p += k + ((*p)[k] == ',');
	return 1;
}

int
cli_mail_only_ok(const char *only, const a2_states *states)
{
	const char *p = only;
	char code[8];
	int k;

	while (only != NULL && (k = next_code(&p, code)) != 0) {
		if (k < 0)
			return -1;
		if (a2_states_by_iso3(states, code) == NULL) {
			cli_warn("--only: %s is not a code the Member State table knows", code);
			return -1;
		}
	}
	return 0;
}

int
cli_mail_want(const char *only, const char *iso3)
{
	const char *p = only;
	char code[8];

	if (only == NULL)
		return 1;
	while (next_code(&p, code) > 0)
		if (strcasecmp(code, iso3) == 0)
			return 1;
	return 0;
}

/* The options mail and remind share; 1 when c was one of them. */
int
cli_mail_option(cli_mail_args *a, cli_mailer *m, int c, const char *arg)
{
	switch (c) {
	case 'c': a->contacts = arg; return 1;
	case 'o': a->outdir = arg; return 1;
	case 'S': a->smtp = arg; return 1;
	case 'n': m->dry_run = 1; return 1;
	case 'O': a->only = arg; return 1;
	case 'R': a->resend = 1; return 1;
	case 'F': m->from = arg; return 1;
	case 'L': a->sent = arg; return 1;
	case 'f': a->formpath = arg; return 1;
	case 's': a->statespath = arg; return 1;
	case 'g': m->lang = arg; return 1;
	case 'G': a->lang_from_states = 1; return 1;
	default: return 0;
	}
}

int
cli_mail_args_ok(const cli_mail_args *a, const cli_mailer *m)
{
	if (a->lang_from_states && m->lang != NULL) {
		cli_warn("--lang %s and --lang-from-states say opposite things: give one", m->lang);
		return -1;
	}
	return 0;
}

/* The manifest's row of iso3's form in format fmt (ext) written in lang
 * (a row that does not say its language is any), or NULL. */
static const man_row *
man_form(const cli_mailer *m, const char *iso3, const char *fmt, const char *lang)
{
	size_t i;

	for (i = 0; i < m->man.n; i++) {
		const man_row *r = &m->man.v[i];
		/* a file of the folder, named as generate names them */
		if (r->f[0] != NULL && strcasecmp(r->f[0], iso3) == 0 && r->f[3] != NULL && r->f[3][0] &&
		    strlen(r->f[3]) < 32 && strchr(r->f[3], '/') == NULL &&
		    (fmt == NULL || (r->f[2] != NULL && strcmp(r->f[2], fmt) == 0)) &&
		    (lang == NULL || r->f[8] == NULL || r->f[8][0] == '\0' || strcmp(r->f[8], lang) == 0))
			return r;
	}
	return NULL;
}

const char *
cli_mail_lang(const cli_mailer *m, const a2_state *st)
{
	const a2_contact *ct = NULL;
	const char *want;
	size_t i;

	for (i = 0; i < m->ncontacts && ct == NULL; i++)
		if (strcasecmp(m->contacts[i].iso3, st->iso3) == 0 && m->contacts[i].lang != NULL)
			ct = &m->contacts[i];
	want = a2_generate_lang(m->form, st, ct, m->lang);
	/* unless forced, the message is in the language of the form it
	 * carries: a folder generated with --lang fr gets French messages */
	if (m->lang == NULL && man_form(m, st->iso3, NULL, NULL) != NULL &&
	    man_form(m, st->iso3, NULL, want) == NULL) {
		for (i = 0; i < m->man.n; i++) {
			const man_row *r = &m->man.v[i];
			if (r->f[0] != NULL && strcasecmp(r->f[0], st->iso3) == 0 && r->f[8] != NULL &&
			    strcmp(a2_form_wording(m->form, r->f[8])->lang, r->f[8]) == 0)
				return a2_form_wording(m->form, r->f[8])->lang;
		}
	}
	return want;
}

int
cli_mail_state(cli_mailer *m, a2_mail_kind kind, const a2_state *st, const char *missing,
               const char *in_reply_to)
{
	static const char *const exts[] = {"docx", "odt"};
	const char *to[64];
	const char *lang = cli_mail_lang(m, st);
	a2_mail_file files[2];
	unsigned char *data[2] = {NULL, NULL};
	unsigned char *msg = NULL;
	size_t n_to = 0, n_files = 0, len = 0, i;
	char *msgid = NULL, *subject = NULL, *path = NULL;
	char fname[2][32];
	struct a2_sent_file sf[2];
	a2_mail_spec spec;
	a2_error err;
	char when[21];
	int rc = -1;

	a2_error_clear(&err);
	for (i = 0; i < m->ncontacts && n_to < 64; i++)
		if (strcasecmp(m->contacts[i].iso3, st->iso3) == 0 && m->contacts[i].email[0])
			to[n_to++] = m->contacts[i].email;
	if (n_to == 0) {
		cli_warn("%s: no address in the contacts file: not sent", st->iso3);
		m->failed++;
		return -1;
	}
	for (i = 0; i < 2; i++) {
		/* the form in the message's language: the manifest's (it says
		 * each file's language), else ISO3.LANG.docx of generate --lang
		 * all, else ISO3.docx */
		const man_row *r = man_form(m, st->iso3, exts[i], lang);
		const char *base;
		char *p = NULL;
		struct stat sb;
		if (r != NULL)
			p = a2_sprintf("%s/%s", m->formsdir, r->f[3]);
		else if (m->man.n == 0 || man_form(m, st->iso3, NULL, NULL) == NULL) {
			p = a2_sprintf("%s/%s.%s.%s", m->formsdir, st->iso3, lang, exts[i]);
			if (p != NULL && stat(p, &sb) != 0) {
				free(p);
				p = a2_sprintf("%s/%s.%s", m->formsdir, st->iso3, exts[i]);
			}
		} else
			continue;   /* the manifest has no form of this state in lang */
		if (p == NULL) {
			cli_warn("out of memory");
			goto out;
		}
		base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
		if (stat(p, &sb) == 0) {
			if (cli_read_file(p, FORM_MAX_BYTES, &data[n_files], &files[n_files].len) != 0) {
				free(p);
				goto out;
			}
			snprintf(fname[n_files], sizeof(fname[n_files]), "%s", base);
			files[n_files].filename = fname[n_files];
			files[n_files].data = data[n_files];
			a2_sha256_hex(data[n_files], files[n_files].len, sf[n_files].sha256);
			sf[n_files].filename = fname[n_files];
			n_files++;
		}
		free(p);
	}
	if (n_files == 0) {
		if (man_form(m, st->iso3, NULL, NULL) != NULL)
			cli_warn("%s: no form in %s in %s (its manifest says so; generate --lang %s): not sent",
			    st->iso3, lang, m->formsdir, lang);
		else
			cli_warn("%s: no form %s/%s.docx or .odt: not sent", st->iso3, m->formsdir, st->iso3);
		goto out;
	}
	memset(&spec, 0, sizeof(spec));
	spec.kind = kind;
	spec.iso3 = st->iso3;
	spec.state_name = a2_state_form_name(st, lang);
	spec.state_formal = a2_state_formal_name(st, lang);
	spec.from = m->from;
	spec.to = to;
	spec.n_to = n_to;
	spec.lang = lang;
	spec.missing = missing;
	spec.in_reply_to = in_reply_to;
	spec.files = files;
	spec.n_files = n_files;
	spec.date = m->now;
	if (m->dry_run) {
		if ((subject = a2_mail_subject(m->form, &spec, &err)) == NULL) {
			cli_error(&err);
			goto out;
		}
		printf("%s\t%s\tto", st->iso3, kind == A2_MAIL_REMINDER ? "reminder" : "circular");
		for (i = 0; i < n_to; i++)
			printf("%s%s", i ? "," : " ", to[i]);
		printf("\t%s\t", subject);
		for (i = 0; i < n_files; i++)
			printf("%s%s", i ? "," : "", files[i].filename);
		printf("\n");
		m->sent++;
		rc = 0;
		goto out;
	}
	if (a2_mail_compose(m->form, &spec, &msg, &len, &msgid, &err) != 0 ||
	    (subject = a2_mail_subject(m->form, &spec, &err)) == NULL) {
		a2_error_at(&err, st->iso3, NULL, 0, 0);
		cli_error(&err);
		goto out;
	}
	if (m->smtp != NULL) {
		if (a2_smtp_send(m->smtp, spec.from ? spec.from : m->form->email, to, n_to, msg, len, &err) != 0) {
			a2_error_at(&err, st->iso3, NULL, 0, 0);
			cli_error(&err);
			goto out;
		}
	} else {
		path = a2_sprintf("%s/%s%s.eml", m->outdir, st->iso3, kind == A2_MAIL_REMINDER ? ".reminder" : "");
		if (path == NULL || a2_batch_file(m->batch, path, msg, len, &err) != 0) {
			if (path == NULL)
				cli_warn("out of memory");
			else
				cli_error(&err);
			goto out;
		}
	}
	{
		a2_sent e;
		memset(&e, 0, sizeof(e));
		struct tm tm;
		if (gmtime_r(&m->now, &tm) == NULL || strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
			strcpy(when, "1970-01-01T00:00:00Z");
		e.kind = (char *)(kind == A2_MAIL_REMINDER ? "reminder" : "circular");
		e.iso3 = (char *)st->iso3;
		e.message_id = msgid;
		e.to = (char **)to;
		e.n_to = n_to;
		e.time = when;
		e.subject = subject;
		e.files = sf;
		e.n_files = n_files;
		char *line = m->batch != NULL ? a2_sent_line(&e) : NULL;
		int k = m->batch != NULL ? (line != NULL ? a2_batch_line(m->batch, line, &err) :
		    a2_error_set(&err, A2_ERR_NOMEM, "out of memory")) : a2_sent_append(m->sentpath, &e, &err);
		free(line);
		if (k != 0) {
			cli_error(&err);
			cli_warn("%s: sent, but the log %s was not written: the next run sends it again",
			    st->iso3, m->sentpath);
			goto out;
		}
	}
	m->sent++;
	rc = 0;
out:
	if (rc != 0)
		m->failed++;
	free(data[0]);
	free(data[1]);
	free(msg);
	free(msgid);
	free(subject);
	free(path);
	return rc;
}

/* ---- annex2 mail -------------------------------------------------------- */

static int
mkdir_one(const char *dir)
{
	struct stat sb;

	if (mkdir(dir, 0755) == 0 || (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
		return 0;
	cli_warn("%s: cannot create folder: %s", dir, errno == EEXIST ? "not a folder" : strerror(errno));
	return -1;
}

int
cli_mailer_open(cli_mailer *m, const char *formpath, const char *statespath, const char *contactspath,
                const char *outdir, const char *smtp, const char *sentpath, const char *deflogdir)
{
	a2_error err;

	a2_error_clear(&err);
	if ((m->form = a2_form_load(formpath, &err)) == NULL ||
	    (m->states = a2_states_load(statespath, NULL, &err)) == NULL ||
	    (contactspath != NULL &&
	     (m->contacts = a2_contacts_load(contactspath, &m->ncontacts, &err)) == NULL)) {
		cli_error(&err);
		return EXIT_USAGE;
	}
	if (a2_form_mail_wording(m->form, NULL) == NULL) {
		cli_warn("%s: the consultation has no <mail> wording", m->form->path);
		return EXIT_USAGE;
	}
	if (m->lang != NULL && strcmp(a2_form_wording(m->form, m->lang)->lang, m->lang) != 0) {
		cli_warn("--lang %s: the consultation has no wording in that language", m->lang);
		return EXIT_USAGE;
	}
	{
		/* the forms' manifest: which file is in which language */
		char *mp = m->manpath != NULL ? a2_strdup(m->manpath) : a2_sprintf("%s/manifest.csv", m->formsdir);
		if (mp == NULL || man_read(mp, &m->man) < 0) {
			if (mp == NULL)
				cli_warn("out of memory");
			free(mp);
			return EXIT_USAGE;
		}
		free(mp);
	}
	m->outdir = outdir;
	m->now = cli_mail_now();
	if (outdir != NULL && !m->dry_run && mkdir_one(outdir) != 0)
		return EXIT_FINDINGS;
	if (sentpath != NULL)
		m->sentpath = a2_strdup(sentpath);
	else
		m->sentpath = a2_sprintf("%s/sent.jsonl", outdir != NULL ? outdir : deflogdir);
	if (m->sentpath == NULL) {
		cli_warn("out of memory");
		return EXIT_FINDINGS;
	}
	if (outdir != NULL && !m->dry_run) {
		/* one run at a time in DIR; what an interrupted one left goes */
		size_t removed = 0;
		if ((m->lockfd = a2_mail_outdir_lock(outdir, &removed, &err)) < 0) {
			cli_error(&err);
			return EXIT_FINDINGS;
		}
		m->locked = 1;
		if (removed > 0)
			cli_warn("%s: removed %zu temporary file%s left by an interrupted run", outdir, removed,
			    removed == 1 ? "" : "s");
	}
	if (!m->dry_run) {
		int k = a2_sent_mend(m->sentpath, &err);
		if (k < 0) {
			cli_error(&err);
			return EXIT_FINDINGS;
		}
		if (k > 0)
			cli_warn("%s: its last line was cut short (an interrupted run): cut off, that message is done again",
			    m->sentpath);
	}
	if ((m->log = a2_sent_load(m->sentpath, &m->nlog, &err)) == NULL) {
		cli_error(&err);
		return EXIT_USAGE;
	}
	if (!m->dry_run) {
		/* a message sent and not logged would be sent again: the log must
		 * be writable before anything goes out */
		FILE *fp = fopen(m->sentpath, "a");
		if (fp == NULL || fclose(fp) != 0) {
			cli_warn("%s: cannot write the log (%s): nothing sent", m->sentpath, strerror(errno));
			return EXIT_FINDINGS;
		}
	}
	if (smtp != NULL && !m->dry_run && (m->smtp = a2_smtp_new(smtp, &err)) == NULL) {
		cli_error(&err);
		return EXIT_USAGE;
	}
	if (outdir != NULL && !m->dry_run && (m->batch = a2_batch_new(outdir, m->sentpath, &err)) == NULL) {
		cli_error(&err);
		return EXIT_FINDINGS;
	}
	return EXIT_OK;
}

int
cli_mailer_flush(cli_mailer *m)
{
	a2_error err;

	a2_error_clear(&err);
	if (m->batch == NULL || a2_batch_flush(m->batch, &err) == 0)
		return 0;
	cli_error(&err);
	cli_warn("the messages written since the last sync are not logged: the next run writes them again");
	m->failed++;
	return -1;
}

void
cli_mailer_close(cli_mailer *m)
{
	a2_batch_free(m->batch);
	a2_smtp_free(m->smtp);
	a2_sent_free(m->log, m->nlog);
	free(m->sentpath);
	a2_contacts_free(m->contacts, m->ncontacts);
	man_free(&m->man);
	a2_states_free(m->states);
	a2_form_free(m->form);
	if (m->locked)
		close(m->lockfd);   /* the lock goes with it */
	m->locked = 0;
}

int
cmd_mail(int argc, char **argv)
{
	static const struct option opts[] = {
		{"forms", required_argument, NULL, 'd'}, {"contacts", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'}, {"smtp", required_argument, NULL, 'S'},
		{"dry-run", no_argument, NULL, 'n'}, {"only", required_argument, NULL, 'O'},
		{"resend", no_argument, NULL, 'R'}, {"from", required_argument, NULL, 'F'},
		{"sent", required_argument, NULL, 'L'}, {"form", required_argument, NULL, 'f'},
		{"states", required_argument, NULL, 's'}, {"lang", required_argument, NULL, 'g'},
		{"lang-from-states", no_argument, NULL, 'G'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *forms = NULL;
	cli_mail_args a;
	cli_mailer m;
	int c, status;
	size_t i, skipped = 0, listed = 0;
	char **man = NULL;
	size_t nman = 0;
	struct timespec t0, t1;

	memset(&m, 0, sizeof(m));
	memset(&a, 0, sizeof(a));
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		if (cli_mail_option(&a, &m, c, optarg))
			continue;
		switch (c) {
		case 'd': forms = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: fputs(help, stderr); return EXIT_USAGE;
		}
	}
	if (cli_mail_args_ok(&a, &m) != 0)
		return EXIT_USAGE;
	if (forms == NULL || (a.outdir == NULL) == (a.smtp == NULL) || optind != argc) {
		if (forms == NULL)
			cli_warn("mail: say where the forms are with --forms DIR");
		else if (optind != argc)
			cli_warn("mail: unexpected argument \"%s\"", argv[optind]);
		else
			cli_warn("mail: give one of -o DIR (write .eml files) or --smtp URL (send)");
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	if (a.contacts == NULL) {
		cli_warn("mail: --contacts FILE is needed: it says where each state's message goes");
		return EXIT_USAGE;
	}
	m.formsdir = forms;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	status = cli_mailer_open(&m, a.formpath, a.statespath, a.contacts, a.outdir, a.smtp, a.sent, forms);
	if (status != EXIT_OK)
		goto out;
	if (cli_mail_only_ok(a.only, m.states) != 0) {
		status = EXIT_USAGE;
		goto out;
	}
	{
		/* the states of the forms: the manifest's, else every Member State
		 * of the circular's date that has a form in the folder */
		char *mp = a2_sprintf("%s/manifest.csv", forms);
		struct stat sb;
		a2_error err;
		a2_error_clear(&err);
		if (mp != NULL && stat(mp, &sb) == 0 && (man = a2_manifest_load(mp, &nman, &err)) == NULL) {
			cli_error(&err);
			free(mp);
			status = EXIT_USAGE;
			goto out;
		}
		free(mp);
	}
	for (i = 0; i < m.states->n_members; i++) {
		const a2_state *st = &m.states->v[i];
		size_t k;
		int inman = man == NULL;

		for (k = 0; man != NULL && k < nman; k++)
			if (strcasecmp(man[k], st->iso3) == 0)
				inman = 1;
		if (!inman || !a2_state_member_on(st, m.form->date) || !cli_mail_want(a.only, st->iso3))
			continue;
		if (man == NULL) {
			char *p1 = a2_sprintf("%s/%s.docx", forms, st->iso3), *p2 = a2_sprintf("%s/%s.odt", forms, st->iso3);
			int has = (p1 && access(p1, F_OK) == 0) || (p2 && access(p2, F_OK) == 0);
			free(p1);
			free(p2);
			if (!has)
				continue;
		}
		listed++;
		if (!a.resend && a2_sent_find(m.log, m.nlog, st->iso3, "circular") != NULL) {
			skipped++;
			continue;
		}
		cli_mail_state(&m, A2_MAIL_CIRCULAR, st, NULL, NULL);
	}
	cli_mailer_flush(&m);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "annex2: %s %zu of %zu states (%zu already sent, %zu failed) in %.2f s%s%s\n",
	    m.dry_run ? "would send to" : a.smtp ? "sent to" : "wrote messages for", m.sent, listed, skipped,
	    m.failed, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	    m.dry_run ? "" : "; log ", m.dry_run ? "" : m.sentpath);
	if (m.failed > 0)
		status = EXIT_FINDINGS;
out:
	a2_strv_free(man, nman);
	cli_mailer_close(&m);
	return status;
}
