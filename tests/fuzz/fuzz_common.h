/*
 * tests/fuzz/fuzz_common.h -- shared by the libFuzzer harnesses: one reader
 * for the built-in Circular 195 (made once), and the invariants every input
 * must keep whatever it is:
 *  - a2_doc_open_mem gives a model that passes a2_doc_check and dumps, or
 *    NULL with an error code and a message;
 *  - a2_read_mem always fills a record: 0 and a read record, or 1 and an
 *    error record with a code and a message; never -1 (there is no real
 *    shortage of memory under the fuzzer, so -1 means a misreported error);
 *  - the record serialises to JSON and CSV, and the JSON reads back with the
 *    same status, error code and message;
 *  - nothing leaks (LeakSanitizer, at exit and on -detect_leaks=1).
 */
#ifndef A2_FUZZ_COMMON_H
#define A2_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annex2/annex2.h"

static a2_form *fz_form;
static a2_states *fz_states;
static a2_reader *fz_reader;

#define FZ_ASSERT(c, what) do { if (!(c)) { \
	fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__, __LINE__); abort(); } } while (0)

static void
fz_setup(void)
{
	a2_error err;

	if (fz_reader != NULL)
		return;
	a2_error_clear(&err);
	fz_form = a2_form_load(NULL, &err);
	fz_states = fz_form ? a2_states_load(NULL, NULL, &err) : NULL;
	fz_reader = fz_states ? a2_reader_new(fz_form, fz_states, &err) : NULL;
	if (fz_reader == NULL) {
		fprintf(stderr, "fuzz setup: %s\n", err.message);
		abort();
	}
}

/* Opens and lowers; checks the model or the error. */
static void
fz_open(const char *name, const uint8_t *data, size_t size)
{
	a2_limits lim;
	a2_error err;
	a2_doc *doc;

	a2_limits_default(&lim);
	a2_error_clear(&err);
	doc = a2_doc_open_mem(name, data, size, &lim, &err);
	if (doc != NULL) {
		char *dump;
		FZ_ASSERT(a2_doc_check(doc), "a2_doc_check failed on a model the front end returned");
		dump = a2_doc_dump(doc);
		FZ_ASSERT(dump != NULL, "a2_doc_dump returned NULL");
		free(dump);
		a2_doc_free(doc);
	} else {
		FZ_ASSERT(err.code != A2_OK, "NULL document without an error code");
		FZ_ASSERT(err.code != A2_ERR_NOMEM, "out of memory reported for a small input");
		FZ_ASSERT(err.message[0] != '\0', "error without a message");
	}
}

/* The whole read path into a record, and the record's serialisations. */
static void
fz_read(const char *name, const uint8_t *data, size_t size)
{
	a2_record rec, back;
	a2_error err;
	char *json, *csv;
	int rc;

	a2_record_init(&rec);
	rc = a2_read_mem(fz_reader, name, data, size, &rec);
	FZ_ASSERT(rc == 0 || rc == 1, "a2_read_mem returned -1 (out of memory) or a bad value");
	FZ_ASSERT((rc == 1) == (rec.is_error != 0), "return value and is_error disagree");
	FZ_ASSERT(rec.file != NULL, "record without a file name");
	if (rec.is_error) {
		FZ_ASSERT(rec.error_code != NULL && rec.error_code[0], "error record without a code");
		FZ_ASSERT(rec.error_message != NULL && rec.error_message[0], "error record without a message");
	} else {
		FZ_ASSERT(rec.n_texts == fz_form->n_texts, "read record without one answer per text");
	}
	json = a2_record_to_json(&rec);
	FZ_ASSERT(json != NULL, "a2_record_to_json returned NULL");
	FZ_ASSERT(strchr(json, '\n') == NULL, "JSON record spans lines");
	csv = a2_record_to_csv(&rec);
	FZ_ASSERT(csv != NULL, "a2_record_to_csv returned NULL");
	a2_record_init(&back);
	a2_error_clear(&err);
	FZ_ASSERT(a2_record_from_json(&back, json, &err) == 0, "the JSON record does not read back");
	FZ_ASSERT(back.is_error == rec.is_error, "status changed through JSON");
	if (rec.is_error) {
		FZ_ASSERT(back.error_code && !strcmp(back.error_code, rec.error_code), "error code lost in JSON");
		FZ_ASSERT(back.error_message && !strcmp(back.error_message, rec.error_message),
		    "error message lost or changed in JSON (invalid UTF-8 in it?)");
	}
	a2_record_clear(&back);
	free(json);
	free(csv);
	a2_record_clear(&rec);
}

#endif
