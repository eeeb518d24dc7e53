/* cli/cmd_read.c -- annex2 read: returned documents into records. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/readpool.h"

static const char help[] =
"usage: annex2 read [--csv | --dump] [-o FILE] [-j N] [--form FILE] [--states FILE]\n"
"                   [--debug-images DIR] [--ocr-seconds N] PATH...\n"
"\n"
"Reads returned Annex 2 forms (DOCX, DOCM, ODT, FODT) and writes one record per\n"
"file as JSON Lines: the Member State, each text's answer (authority, comments,\n"
"status, evidence), the signatory, and the problems found.  A file that cannot be\n"
"read gets a record with \"status\": \"error\"; nothing is skipped.\n"
"\n"
"  PATH            a file, a folder searched recursively (stable order), or -\n"
"                  for one document on standard input (its record says \"-\")\n"
"  --csv           one CSV row per (file, text) instead of JSON Lines\n"
"  --dump          print the reply model of each file (blocks, text, marks):\n"
"                  what the reader saw, for finding out why a vote was read so\n"
"  -o FILE         write to FILE instead of standard output: written whole or\n"
"                  not at all (a temporary file renamed at the end), never\n"
"                  over one of the inputs\n"
"  -j, --jobs N    read with N workers (default: one per CPU; a handful of files\n"
"                  is read by one); the output is the same bytes, in input order\n"
"  --debug-images DIR  for page images (scans): write each page as read, its\n"
"                  boxes drawn with their ink and decision, as DIR/FILE.pN.png\n"
"  --ocr-seconds N the CPU time OCR may take on one file's pages without a QR\n"
"                  code (the Secretariat's own form), a page a quarter of it\n"
"                  (default 16, 1 to 3600): what is not read in that time is\n"
"                  said, its texts unclear.  A slow machine, or a long fax,\n"
"                  may need more\n"
"  --form FILE     the consultation definition (default: built-in TSB Circular 195)\n"
"  --states FILE   the Member State table (default: built-in forms/member-states.tsv)\n"
"\n"
"In a folder every file gets a record (\"unsupported\" for a kind annex2 does not\n"
"read yet) except hidden files and what annex2 itself writes: records (.jsonl,\n"
".json), manifests and --csv output (.csv), reports (.html, .xlsx) and its\n"
"temporary files.  How many were left out is said on standard error.\n"
"\n"
"Exit status: 0 every file read, 1 some file could not be read or an output\n"
"could not be written, 2 usage error.\n";

static int
dump_one(const char *path, const a2_limits *lim, FILE *out)
{
	unsigned char *data = NULL;
	size_t len;
	a2_error err;
	a2_doc *doc;
	char *s;

	a2_error_clear(&err);
	if (cli_read_file(path, lim->max_file, &data, &len) != 0)
		return 1;
	doc = a2_doc_open_mem(path, data, len, lim, &err);
	free(data);
	if (doc == NULL) {
		a2_error_at(&err, path, NULL, 0, 0);
		cli_error(&err);
		return 1;
	}
	s = a2_doc_dump(doc);
	fprintf(out, "== %s\n%s", path, s ? s : "(out of memory)\n");
	free(s);
	a2_doc_free(doc);
	return 0;
}

/* Writes each file's record as it comes, in input order. */
typedef struct sink_ctx {
	FILE *out;
	const cli_files *files;
	int csv, progress, status;
	size_t nerr;
} sink_ctx;

static void
sink(void *arg, size_t i, const read_result *r)
{
	sink_ctx *c = arg;

	if (c->progress)
		fprintf(stderr, "\rannex2: reading %zu/%zu", i + 1, c->files->n);
	if (r->failed) {
		if (r->warn != NULL)
			cli_warn("%s: %s", c->files->v[i], r->warn);
		c->status = EXIT_FINDINGS;
		return;
	}
	if (r->is_error) {
		c->nerr++;
		c->status = EXIT_FINDINGS;
	}
	fputs(r->line, c->out);
	if (!c->csv)
		fputc('\n', c->out);
}

int
cmd_read(int argc, char **argv)
{
	static const struct option opts[] = {
		{"csv", no_argument, NULL, 'c'}, {"dump", no_argument, NULL, 'd'},
		{"output", required_argument, NULL, 'o'}, {"form", required_argument, NULL, 'f'},
		{"states", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'},
		{"jobs", required_argument, NULL, 'j'}, {"debug-images", required_argument, NULL, 'D'},
		{"ocr-seconds", required_argument, NULL, 'O'}, {NULL, 0, NULL, 0},
	};
	const char *outpath = NULL, *formpath = NULL, *statespath = NULL;
	int csv = 0, dump = 0, c, status = EXIT_OK, jobs = 0, debug_images = 0;
	long ocr_s;
	a2_limits lim;
	sink_ctx sc;
	char *end;
	cli_files files = {0};
	a2_form *form = NULL;
	a2_states *states = NULL;
	a2_reader *rd = NULL;
	a2_error err;
	cli_out o = {0};
	FILE *out;
	size_t i, nstdin = 0;

	a2_error_clear(&err);
	a2_limits_default(&lim);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			jobs = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || jobs < 1 || jobs > 16) {
				cli_warn("read: --jobs takes a number from 1 to 16, not \"%s\"", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'O':
			ocr_s = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || ocr_s < 1 || ocr_s > 3600) {
				cli_warn("read: --ocr-seconds takes a number from 1 to 3600, not \"%s\"", optarg);
				return EXIT_USAGE;
			}
			lim.ocr_ms = (unsigned)ocr_s * 1000;
			break;
		case 'c': csv = 1; break;
		case 'd': dump = 1; break;
		case 'o': outpath = optarg; break;
		case 'D':
			if (a2_scan_set_debug_dir(optarg) != 0) {
				cli_warn("out of memory");
				return EXIT_FINDINGS;
			}
			debug_images = 1;
			break;
		case 'f': formpath = optarg; break;
		case 's': statespath = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: fputs(help, stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc || (csv && dump)) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (strcmp(argv[i], "-") == 0 && ++nstdin > 1) {
			cli_warn("read: standard input (-) can be named once");
			return EXIT_USAGE;
		}
	switch (cli_collect(&files, argv + optind, argc - optind, NULL)) {
	case 0:
		break;
	case -1:
		cli_warn("out of memory");
		cli_files_free(&files);
		return EXIT_FINDINGS;
	default:   /* something in a folder was said and left out */
		status = EXIT_FINDINGS;
		break;
	}
	if ((c = cli_out_open(&o, outpath, 1, &files, argv + optind, argc - optind)) != EXIT_OK) {
		cli_files_free(&files);
		return c;
	}
	out = o.fp;
	if (dump) {
		for (i = 0; i < files.n; i++)
			if (dump_one(files.v[i], &lim, out) != 0)
				status = EXIT_FINDINGS;
		goto out;
	}
	if ((form = a2_form_load(formpath, &err)) == NULL ||
	    (states = a2_states_load(statespath, NULL, &err)) == NULL ||
	    (rd = a2_reader_new(form, states, &err)) == NULL) {
		cli_error(&err);
		status = EXIT_USAGE;
		goto out;
	}
	a2_reader_set_limits(rd, &lim);
	/* libzip turns every entry's DOS time into a time_t with mktime(), and
	 * glibc's mktime() with TZ unset looks at /etc/localtime again each
	 * time (a stat per zip entry, ten per reply).  TZ naming that same
	 * file is the same time zone, read once. */
	if (getenv("TZ") == NULL)
		setenv("TZ", ":/etc/localtime", 0);
	memset(&sc, 0, sizeof(sc));
	sc.out = out;
	sc.files = &files;
	sc.csv = csv;
	sc.progress = isatty(2) && files.n > 1;
	sc.status = status;
	if (csv)
		fputs(a2_record_csv_header(), out);
	if (debug_images)
		jobs = 1;   /* the images are named from the file being read */
	if ((jobs = read_pool_jobs(files.n, jobs)) > 1) {
		if (read_pool_run(&files, form, states, &lim, csv, jobs, sink, &sc) != 0) {
			cli_warn("out of memory");
			sc.status = EXIT_FINDINGS;
		}
	} else {
		read_in_order(rd, &files, csv, sink, &sc);
	}
	status = sc.status;
	if (sc.progress)
		fputc('\n', stderr);
	if (sc.nerr > 0)
		cli_warn("%zu of %zu files could not be read (see their \"error\" records)", sc.nerr, files.n);
out:
	/* the output is kept whenever records were written (an unreadable
	 * input still has its record); a usage error writes nothing */
	if (cli_out_close(&o, status != EXIT_USAGE) != EXIT_OK)
		status = EXIT_FINDINGS;
	a2_reader_free(rd);
	a2_states_free(states);
	a2_form_free(form);
	cli_files_free(&files);
	return status;
}
