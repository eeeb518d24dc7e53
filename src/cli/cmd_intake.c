/* cli/cmd_intake.c -- annex2 intake: the replies taken from a mailbox. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annex2/mail.h"
#include "cli/cli.h"

static const char help[] =
"usage: annex2 intake [--contacts FILE] [--sent FILE] [--ca FILE] -o DIR SOURCE...\n"
"\n"
"Takes the replies from a mailbox: every attachment that may be a reply (DOCX,\n"
"ODT, PDF, TIFF, .doc/.rtf, images attached as files; also inside forwarded\n"
"messages and zip files) is stored once as DIR/<sha256>.<ext>, with where it came\n"
"from in DIR/intake.jsonl (Message-ID, From, Subject, Date, the receipt time of\n"
"the topmost Received: header, else the mailbox's delivery time, else Date:).\n"
"Auto-replies, bounces, messages with no attachment and duplicates (the same\n"
"Message-ID or the same file) are listed, not stored again; a malformed message\n"
"is an error entry and the run goes on.  A second run takes only what is new.\n"
"Then `annex2 read DIR` gives the records, each with its message.\n"
"\n"
"  SOURCE           a Maildir (cur/, new/), an mbox file, a .eml file, a folder of\n"
"                   .eml files, or imap://[USER@]HOST[:PORT]/MAILBOX (imaps:// for\n"
"                   TLS; credentials from ANNEX2_IMAP_USER and ANNEX2_IMAP_PASSWORD\n"
"                   or a netrc file; the last UID taken is kept in DIR/imap-state.json:\n"
"                   a second run fetches only new messages; nothing in the mailbox\n"
"                   is changed)\n"
"  -o DIR           the store (created when missing)\n"
"  --contacts FILE  the contacts CSV of `annex2 mail`: the states whose contacts\n"
"                   list each sender are noted (address-mismatch in check)\n"
"  --sent FILE      sent.jsonl of `annex2 mail`: a reply is tied to the state it\n"
"                   answers by In-Reply-To / References; annex2's own messages\n"
"                   (a copy in the mailbox) are listed as \"own\"\n"
"  --ca FILE        trusted CA certificates (PEM) for S/MIME signatures; without\n"
"                   it a signature is checked against its own certificate only\n"
"\n"
"Limits: 32 MiB a message, MIME depth 16, 256 parts, 64 KiB a header field.\n"
"Exit status: 0 every message taken, 1 a message or source in error, 2 usage error.\n";

int
cmd_intake(int argc, char **argv)
{
	static const struct option opts[] = {
		{"contacts", required_argument, NULL, 'c'}, {"sent", required_argument, NULL, 'L'},
		{"ca", required_argument, NULL, 'C'}, {"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *contacts = NULL, *sent = NULL, *dir = NULL;
	a2_intake_opts io;
	a2_contact *cv = NULL;
	a2_sent *sv = NULL;
	size_t nc = 0, ns = 0;
	a2_intake *in = NULL;
	a2_error err;
	int c, i, status = EXIT_OK;
	struct timespec t0, t1;

	memset(&io, 0, sizeof(io));
	a2_error_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': contacts = optarg; break;
		case 'L': sent = optarg; break;
		case 'C': io.ca_file = optarg; break;
		case 'o': dir = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: fputs(help, stderr); return EXIT_USAGE;
		}
	}
	if (dir == NULL || optind == argc) {
		cli_warn(dir == NULL ? "intake: say where to store the replies with -o DIR" :
		    "intake: name at least one SOURCE (a Maildir, an mbox, .eml files)");
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((contacts != NULL && (cv = a2_contacts_load(contacts, &nc, &err)) == NULL) ||
	    (sent != NULL && (sv = a2_sent_load(sent, &ns, &err)) == NULL)) {
		cli_error(&err);
		status = EXIT_USAGE;
		goto out;
	}
	io.contacts = cv;
	io.n_contacts = nc;
	io.sent = sv;
	io.n_sent = ns;
	if ((in = a2_intake_new(dir, &io, &err)) == NULL) {
		cli_error(&err);
		status = err.code == A2_ERR_IO ? EXIT_FINDINGS : EXIT_USAGE;
		goto out;
	}
	for (i = optind; i < argc; i++) {
		a2_error_clear(&err);
		if (a2_intake_source(in, argv[i], &err) != 0) {
			cli_error(&err);
			status = EXIT_FINDINGS;
		}
	}
	{
		const a2_intake_stats *s = a2_intake_get_stats(in);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "annex2: %zu messages (%zu taken before): %zu replies stored, %zu duplicates, %zu auto-replies, "
		    "%zu bounces, %zu without attachment, %zu errors, %zu sent by annex2, %zu other attachments (%.2f s); "
		    "see %s/intake.jsonl\n",
		    s->messages, s->skipped, s->stored, s->duplicates, s->auto_replies, s->bounces, s->no_attachment,
		    s->errors, s->own, s->others, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, dir);
		if (s->errors > 0)
			status = EXIT_FINDINGS;
	}
out:
	a2_intake_free(in);
	a2_sent_free(sv, ns);
	a2_contacts_free(cv, nc);
	return status;
}
