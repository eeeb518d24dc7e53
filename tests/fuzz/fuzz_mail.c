/*
 * tests/fuzz/fuzz_mail.c -- libFuzzer harness for what the mail round reads
 * back from files a person may have edited, or a crash cut short: the
 * contacts CSV (annex2 mail, remind, intake --contacts), sent.jsonl (the
 * log of what was sent) and intake.jsonl (the replies' provenance, read by
 * annex2 read).  The first byte chooses which: 0 contacts, 1 sent.jsonl,
 * 2 intake.jsonl; the rest is the file.  (The MIME walk of intake has its
 * own harness, fuzz_intake.c.)
 *
 * Invariants: a load returns a list, or NULL with an error code and a
 * message; every sent entry written back as a line loads again to the same
 * kind, state and Message-ID; the lookups find what the list holds (stored entries);
 * nothing leaks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annex2/annex2.h"

#define FZ_ASSERT(c, what) do { if (!(c)) { \
	fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__, __LINE__); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_path[64], fz_back[80];

static void
fz_write(const char *path, const void *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	FZ_ASSERT(fp != NULL, "cannot write the input's temporary file");
	FZ_ASSERT(fwrite(data, 1, size, fp) == size && fclose(fp) == 0, "cannot write the input's temporary file");
}

static void
fz_error(const a2_error *err)
{
	FZ_ASSERT(err->code != A2_OK, "NULL without an error code");
	FZ_ASSERT(err->code != A2_ERR_NOMEM, "out of memory reported for a small input");
	FZ_ASSERT(err->message[0] != '\0', "an error without a message");
}

static void
fz_sent(void)
{
	a2_error err;
	a2_sent *v, *w;
	size_t n = 0, m = 0, i;

	a2_error_clear(&err);
	if ((v = a2_sent_load(fz_path, &n, &err)) == NULL && n == 0 && err.code != A2_OK) {
		fz_error(&err);
		return;
	}
	/* every entry written back as a line reads again the same */
	unlink(fz_back);
	for (i = 0; i < n; i++) {
		char *line = a2_sent_line(&v[i]);
		FZ_ASSERT(line != NULL, "a2_sent_line returned NULL for a loaded entry");
		FZ_ASSERT(strchr(line, '\n') == NULL, "a sent line spans lines");
		free(line);
		a2_error_clear(&err);
		FZ_ASSERT(a2_sent_append(fz_back, &v[i], &err) == 0, "a2_sent_append failed on a loaded entry");
		if (v[i].iso3 != NULL)
			FZ_ASSERT(a2_sent_find(v, n, v[i].iso3, NULL) != NULL, "a2_sent_find misses a loaded state");
	}
	a2_error_clear(&err);
	w = a2_sent_load(fz_back, &m, &err);
	FZ_ASSERT(m == n, "the entries written back do not all load again");
	for (i = 0; i < n && i < m; i++) {
		FZ_ASSERT((v[i].kind == NULL) == (w[i].kind == NULL) &&
		    (v[i].kind == NULL || strcmp(v[i].kind, w[i].kind) == 0), "kind changed through the log");
		FZ_ASSERT((v[i].iso3 == NULL) == (w[i].iso3 == NULL) &&
		    (v[i].iso3 == NULL || strcmp(v[i].iso3, w[i].iso3) == 0), "state changed through the log");
		FZ_ASSERT((v[i].message_id == NULL) == (w[i].message_id == NULL) &&
		    (v[i].message_id == NULL || strcmp(v[i].message_id, w[i].message_id) == 0),
		    "Message-ID changed through the log");
	}
	a2_sent_free(w, m);
	a2_sent_free(v, n);
	unlink(fz_back);
}

static void
fz_intake_log(void)
{
	a2_error err;
	a2_intake_entry *v;
	size_t n = 0, i;

	a2_error_clear(&err);
	if ((v = a2_intake_load(fz_path, &n, &err)) == NULL && n == 0 && err.code != A2_OK) {
		fz_error(&err);
		return;
	}
	/* entries of messages not stored (auto-replies, errors, ...) have no
	 * sha256, and are found by nothing */
	for (i = 0; i < n; i++)
		if (v[i].sha256[0] != '\0')
			FZ_ASSERT(a2_intake_find(v, n, v[i].sha256) != NULL, "a2_intake_find misses a stored entry");
	a2_intake_entries_free(v, n);
}

static void
fz_contacts(void)
{
	a2_error err;
	a2_contact *c;
	size_t n = 0;

	a2_error_clear(&err);
	if ((c = a2_contacts_load(fz_path, &n, &err)) == NULL && err.code != A2_OK) {
		fz_error(&err);
		return;
	}
	a2_contacts_free(c, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fz_path[0] == '\0') {
		snprintf(fz_path, sizeof(fz_path), "/tmp/a2-fuzz-mail.%ld", (long)getpid());
		snprintf(fz_back, sizeof(fz_back), "%s.back", fz_path);
	}
	if (size < 1)
		return 0;
	fz_write(fz_path, data + 1, size - 1);
	switch (data[0] % 3) {
	case 0: fz_contacts(); break;
	case 1: fz_sent(); break;
	default: fz_intake_log(); break;
	}
	unlink(fz_path);
	return 0;
}
