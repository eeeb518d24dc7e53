/*
 * tests/fuzz/fuzz_intake.c -- libFuzzer harness for the intake's MIME walk
 * (annex2 intake on one raw message): GMime's parser, the walk (limits,
 * forwards, S/MIME with OpenSSL, zip archives), the store and the log.
 *
 * Invariants: a2_intake_message returns 0 for any bytes (a message that
 * cannot be taken is an error entry, never a failure of the call); every
 * call appends at least one complete line to intake.jsonl, each a JSON
 * object with a status; nothing leaks.  The store is emptied every 512
 * inputs so that a long run does not fill the disk.
 */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	a2_error err;
	char path[128], *line = NULL;
	size_t cap = 0, lines = 0;
	ssize_t n;
	FILE *fp;

	if (fz_in == NULL) {
		const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
		snprintf(fz_dir, sizeof(fz_dir), "%.40s/a2-fuzz-mime.XXXXXX", base);
		FZ_ASSERT(mkdtemp(fz_dir) != NULL, "mkdtemp");
		fresh();
	}
	if (++fz_calls % 512 == 0)
		fresh();
	a2_error_clear(&err);
	FZ_ASSERT(a2_intake_message(fz_in, data, size, "fuzz", 0, &err) == 0, err.message);
	FZ_ASSERT(a2_intake_flush(fz_in, &err) == 0, err.message);
	/* the new lines of the log: at least one, each an object with a status */
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
	FZ_ASSERT(lines >= 1, "every message has an entry");
	return 0;
}
