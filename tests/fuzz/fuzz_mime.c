/*
 * tests/fuzz/fuzz_mime.c -- libFuzzer harness for the intake's MIME walk
 * (annex2 intake on one raw message): GMime's parser, the walk (limits,
 * forwards, S/MIME with OpenSSL, zip archives), the store and the log.
 *
 * Invariants: a2_intake_message returns 0 for any bytes (a message that
 * cannot be taken is an error entry, never a failure of the call); every
 * call appends at least one complete line to intake.jsonl, each a JSON
 * object with a status (fuzz_intake_common.h); nothing leaks.
 */
#include "fuzz_intake_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	a2_error err;

	fz_store();
	a2_error_clear(&err);
	FZ_ASSERT(a2_intake_message(fz_in, data, size, "fuzz", 0, &err) == 0, err.message);
	FZ_ASSERT(a2_intake_flush(fz_in, &err) == 0, err.message);
	FZ_ASSERT(fz_new_log_lines() >= 1, "every message has an entry");
	return 0;
}
