/* cli/mailer.h -- sending one state's message, shared by mail and remind. */
#ifndef A2_CLI_MAILER_H
#define A2_CLI_MAILER_H

#include <time.h>
#include "cli/cli.h"
#include "annex2/mail.h"
#include "cli/manifest.h"

typedef struct cli_mailer {
	a2_form *form;
	a2_states *states;
	a2_contact *contacts; size_t ncontacts;
	const char *formsdir;      /* where <ISO3>.docx/.odt are */
	const char *manpath;       /* their manifest; NULL: formsdir/manifest.csv */
	man_rows man;              /* its rows (which file, which language), or none */
	const char *outdir;        /* .eml files, or NULL */
	a2_smtp *smtp;             /* or NULL */
	a2_batch *batch;           /* -o DIR: the .eml files and the log, committed together */
	char *sentpath;            /* the log */
	a2_sent *log; size_t nlog; /* as it was when the run began */
	const char *from;          /* NULL: the consultation's address */
	const char *lang;          /* --lang: every message in it; NULL: each state's */
	int dry_run;
	int locked, lockfd;        /* -o DIR: DIR/.annex2.lock held */
	time_t now;
	size_t sent, failed;
} cli_mailer;

/* Loads the consultation, states, contacts and log; opens the output.
 * deflogdir: where sent.jsonl is without -o or --sent.  EXIT_OK or a status. */
int cli_mailer_open(cli_mailer *m, const char *formpath, const char *statespath, const char *contactspath,
                    const char *outdir, const char *smtp, const char *sentpath, const char *deflogdir);
void cli_mailer_close(cli_mailer *m);
/* Commits the .eml files and their log lines (-o DIR); said, -1, on failure. */
int cli_mailer_flush(cli_mailer *m);
/* Composes, sends or writes, and logs one state's message; says what went
 * wrong.  0 or -1 (counted in m->failed). */
int cli_mail_state(cli_mailer *m, a2_mail_kind kind, const a2_state *st, const char *missing,
                   const char *in_reply_to);
/* The language of st's message and form: --lang, else the contacts' lang
 * column, else the state's language of correspondence (a2_generate_lang). */
const char *cli_mail_lang(const cli_mailer *m, const a2_state *st);
/* --only: 0 when every code is known (else said, -1); whether iso3 is wanted. */
int cli_mail_only_ok(const char *only, const a2_states *states);
int cli_mail_want(const char *only, const char *iso3);
/* The command-line options mail and remind share (their letters: c o S n O
 * R F L f s g G); cli_mail_option() takes one, 1 when it was one of them;
 * cli_mail_args_ok() says what they cannot mean together (0, or -1 said). */
typedef struct cli_mail_args {
	const char *contacts, *outdir, *smtp, *only, *sent, *formpath, *statespath;
	int resend, lang_from_states;
} cli_mail_args;
int cli_mail_option(cli_mail_args *a, cli_mailer *m, int c, const char *arg);
int cli_mail_args_ok(const cli_mail_args *a, const cli_mailer *m);
/* Now, or SOURCE_DATE_EPOCH. */
time_t cli_mail_now(void);

#endif
