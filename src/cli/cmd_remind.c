/* cli/cmd_remind.c -- annex2 remind: a reminder to every Member State of
 * the manifest with no counted reply, or an incomplete one. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli/mailer.h"
#include "cli/round.h"
#include "core/util.h"

static const char help[] =
"usage: annex2 remind --manifest FILE [--contacts FILE] (-o DIR | --smtp URL) [--dry-run]\n"
"                     [--only ISO3,...] [--resend] [--from ADDRESS] [--sent FILE]\n"
"                     [--lang LANG | --lang-from-states] [--form FILE] [--states FILE] RECORDS...\n"
"\n"
"Sends a reminder, like `annex2 mail`, to every Member State of the manifest\n"
"whose reply is not counted (none received, unreadable, late, ...) or not\n"
"complete, with the deadline and what is missing, and its form attached again\n"
"(the forms beside the manifest).  The reminder answers the circular's message\n"
"(In-Reply-To from sent.jsonl) and is logged there as kind \"reminder\"; a state\n"
"reminded the same day is skipped unless --resend.\n"
"\n"
"  RECORDS          the replies: documents, folders, or JSON Lines from `annex2 read`\n"
"  --manifest FILE  manifest.csv of `annex2 generate`: who is expected\n"
"  -o DIR, --smtp URL, --contacts, --dry-run, --only, --from, --sent, --lang,\n"
"                   --lang-from-states:\n"
"                   as for `annex2 mail` (in the state's language; the reader's\n"
"                   findings quoted in a reminder are in English)\n"
"                   (the log is sent.jsonl beside the manifest unless -o or --sent)\n"
"\n"
"Exit status: 0 every reminder sent, 1 one failed, 2 usage error.\n";

/* What a state's reminder says is missing ({missing}), in w's language: a
 * sentence per reply on file (the reader's findings as they are), or that
 * none came; NULL: nothing is. */
static char *
missing_text(const a2_round *R, const char *iso3, const a2_mail_wording *w)
{
	a2_buf b = {0};
	size_t i, j, seen = 0;

	for (i = 0; i < R->n; i++) {
		const a2_record *r = &R->recs[i];
		if (r->ms_iso3 == NULL || strcmp(r->ms_iso3, iso3) != 0 || R->standing[i] == A2_SD_OTHER)
			continue;
		if (R->standing[i] == A2_SD_COUNTED && r->complete)
			return NULL;   /* a counted, complete reply: no reminder */
	}
	for (i = 0; i < R->n; i++) {
		const a2_record *r = &R->recs[i];
		a2_buf why = {0};
		char date[11], *s;
		const char *tmpl;
		if (r->ms_iso3 == NULL || strcmp(r->ms_iso3, iso3) != 0 || R->standing[i] == A2_SD_OTHER ||
		    R->standing[i] == A2_SD_SUPERSEDED)
			continue;
		seen++;
		snprintf(date, sizeof(date), "%.10s", r->message != NULL && r->message->received != NULL ?
		    r->message->received : r->sig_date != NULL ? r->sig_date : "?");
		if (R->standing[i] == A2_SD_LATE) {
			tmpl = w->reply_late;
		} else if (R->standing[i] != A2_SD_COUNTED) {
			tmpl = w->reply_uncounted;
			a2_buf_puts(&why, a2_standing_name(R->standing[i]));
		} else
			tmpl = w->reply_incomplete;
		for (j = 0; tmpl != w->reply_late && j < r->n_problems; j++)
			a2_buf_printf(&why, "%s%s%s%s", why.len ? "; " : "", r->problems[j].rec ? r->problems[j].rec : "",
			    r->problems[j].rec ? " " : "", r->problems[j].message);
		{
			char *y = a2_buf_take(&why);
			const char *kv[] = {"{date}", date, "{why}", y};
			s = y != NULL ? a2_form_fill(tmpl, kv, 2) : NULL;
			free(y);
		}
		if (s == NULL) {
			a2_buf_free(&b);
			return NULL;
		}
		a2_buf_printf(&b, "%s%s", b.len ? " " : "", s);
		free(s);
	}
	if (seen == 0)
		a2_buf_puts(&b, w->no_reply);
	return a2_buf_take(&b);
}

int
cmd_remind(int argc, char **argv)
{
	static const struct option opts[] = {
		{"manifest", required_argument, NULL, 'm'}, {"contacts", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'}, {"smtp", required_argument, NULL, 'S'},
		{"dry-run", no_argument, NULL, 'n'}, {"only", required_argument, NULL, 'O'},
		{"resend", no_argument, NULL, 'R'}, {"from", required_argument, NULL, 'F'},
		{"sent", required_argument, NULL, 'L'}, {"form", required_argument, NULL, 'f'},
		{"states", required_argument, NULL, 's'}, {"lang", required_argument, NULL, 'g'},
		{"lang-from-states", no_argument, NULL, 'G'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *manifest = NULL;
	cli_mail_args a;
	cli_round_opts ro;
	cli_mailer m;
	a2_round *R = NULL;
	char *formsdir = NULL, today[11];
	int c, status, st;
	size_t i, due = 0, skipped = 0;
	struct tm tm;

	memset(&m, 0, sizeof(m));
	memset(&ro, 0, sizeof(ro));
	memset(&a, 0, sizeof(a));
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		if (cli_mail_option(&a, &m, c, optarg))
			continue;
		switch (c) {
		case 'm': manifest = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: fputs(help, stderr); return EXIT_USAGE;
		}
	}
	if (cli_mail_args_ok(&a, &m) != 0)
		return EXIT_USAGE;
	if (manifest == NULL || a.contacts == NULL || (a.outdir == NULL) == (a.smtp == NULL) || optind >= argc) {
		cli_warn(manifest == NULL ? "remind: --manifest FILE says who is expected" :
		    a.contacts == NULL ? "remind: --contacts FILE is needed: it says where each reminder goes" :
		    optind >= argc ? "remind: name the replies (documents, folders or JSON Lines)" :
		    "remind: give one of -o DIR (write .eml files) or --smtp URL (send)");
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	{
		const char *sl = strrchr(manifest, '/');
		formsdir = sl ? a2_strndup(manifest, (size_t)(sl - manifest)) : a2_strdup(".");
	}
	ro.manifest = manifest;
	ro.formpath = a.formpath;
	ro.statespath = a.statespath;
	status = cli_round_load(&ro, argv + optind, argc - optind, &R);
	if (R == NULL) {
		free(formsdir);
		return status;
	}
	m.formsdir = formsdir;
	m.manpath = manifest;
	st = cli_mailer_open(&m, a.formpath, a.statespath, a.contacts, a.outdir, a.smtp, a.sent, formsdir);
	if (st != EXIT_OK) {
		status = st;
		goto out;
	}
	if (cli_mail_only_ok(a.only, m.states) != 0) {
		status = EXIT_USAGE;
		goto out;
	}
	gmtime_r(&m.now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	for (i = 0; i < R->n_expected; i++) {
		const char *iso3 = R->expected[i];
		const a2_state *s = a2_states_by_iso3(m.states, iso3);
		const a2_sent *circ, *last;
		char *missing;

		if (s == NULL || !cli_mail_want(a.only, iso3))
			continue;
		if ((missing = missing_text(R, iso3, a2_form_mail_wording(m.form, cli_mail_lang(&m, s)))) == NULL)
			continue;
		due++;
		last = a2_sent_find(m.log, m.nlog, iso3, "reminder");
		if (!a.resend && last != NULL && strncmp(last->time, today, 10) == 0) {
			skipped++;
			free(missing);
			continue;
		}
		circ = a2_sent_find(m.log, m.nlog, iso3, "circular");
		cli_mail_state(&m, A2_MAIL_REMINDER, s, missing, circ ? circ->message_id : NULL);
		free(missing);
	}
	cli_mailer_flush(&m);
	fprintf(stderr, "annex2: %zu of %zu states without a counted complete reply: %s %zu (%zu reminded today "
	    "already, %zu failed)\n", due, R->n_expected, m.dry_run ? "would remind" : "reminded", m.sent, skipped,
	    m.failed);
	if (m.failed > 0)
		status = EXIT_FINDINGS;
out:
	cli_mailer_close(&m);
	cli_round_done(&ro, R);
	free(formsdir);
	return status;
}
