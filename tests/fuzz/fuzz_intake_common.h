/*
 * tests/fuzz/fuzz_intake_common.h -- shared by the intake harnesses
 * (fuzz_mime.c: one raw message; fuzz_intake.c: a mailbox file): an intake
 * store in a temporary folder, emptied every 512 inputs so that a long run
 * does not fill the disk, and the log's invariant -- every line intake.jsonl
 * gains is complete and a JSON object with a status.
 */
#ifndef A2_FUZZ_INTAKE_COMMON_H
#define A2_FUZZ_INTAKE_COMMON_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "annex2/annex2.h"

#define FZ_ASSERT(c, what) do { if (!(c)) { \
	fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__, __LINE__); abort(); } } while (0)

static char fz_dir[64];
static a2_intake *fz_in;
static unsigned fz_calls;
static long fz_log_end;

static void
empty_store(void)
{
	DIR *d = opendir(fz_dir);
	struct dirent *de;
	char p[512];

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", fz_dir, de->d_name);
		unlink(p);
	}
	if (d != NULL)
		closedir(d);
	fz_log_end = 0;
}

static void
fresh(void)
{
	a2_error err;
	a2_intake_limits lim;
	a2_intake_opts o;

	a2_intake_free(fz_in);
	empty_store();
	a2_intake_limits_default(&lim);
	lim.message_bytes = 4u << 20;     /* the fuzzer's inputs are small */
	memset(&o, 0, sizeof(o));
	o.limits = &lim;
	a2_error_clear(&err);
	fz_in = a2_intake_new(fz_dir, &o, &err);
	FZ_ASSERT(fz_in != NULL, "a2_intake_new");
}

/* The store, made on the first input and fresh every 512. */
static void
fz_store(void)
{
	if (fz_in == NULL) {
		const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
		snprintf(fz_dir, sizeof(fz_dir), "%.40s/a2-fuzz-intake.XXXXXX", base);
		FZ_ASSERT(mkdtemp(fz_dir) != NULL, "mkdtemp");
		fresh();
	}
	if (++fz_calls % 512 == 0)
		fresh();
}

/* The lines intake.jsonl gained since the last call: each complete, each
 * an object with a status; how many. */
static size_t
fz_new_log_lines(void)
{
	char path[128], *line = NULL;
	size_t cap = 0, lines = 0;
	ssize_t n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/intake.jsonl", fz_dir);
	fp = fopen(path, "r");
	FZ_ASSERT(fp != NULL, "intake.jsonl exists");
	fseek(fp, fz_log_end, SEEK_SET);
	while ((n = getline(&line, &cap, fp)) > 0) {
		json_t *o;
		FZ_ASSERT(line[n - 1] == '\n', "a complete line");
		o = json_loads(line, 0, NULL);
		FZ_ASSERT(json_is_object(o) && json_is_string(json_object_get(o, "status")), "an entry with a status");
		json_decref(o);
		lines++;
	}
	fz_log_end = ftell(fp);
	free(line);
	fclose(fp);
	return lines;
}

#endif
