/*
 * tests/fuzz/fuzz_intake.c -- libFuzzer harness for annex2 intake on a
 * mailbox file: the input written to a file and taken as a source
 * (a2_intake_source), so that an mbox ("From " lines: the messages split by
 * GMime, a broken one skipped to the next "From " line, the markers' dates)
 * or a single message file goes the way `annex2 intake FILE` takes it.
 *
 * Invariants: a2_intake_source returns 0 for any bytes of a readable file
 * (a message that cannot be taken is an error entry, never a failure of the
 * call); a file of one byte or more gives at least one entry, each line
 * complete and an object with a status (fuzz_intake_common.h); nothing
 * leaks.
 */
#include "fuzz_intake_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	a2_error err;
	char box[128];
	FILE *fp;
	size_t lines;

	fz_store();
	snprintf(box, sizeof(box), "%s.mbox", fz_dir);
	fp = fopen(box, "wb");
	FZ_ASSERT(fp != NULL, "the mailbox file is written");
	FZ_ASSERT(fwrite(data, 1, size, fp) == size && fclose(fp) == 0, "the mailbox file is written");
	a2_error_clear(&err);
	FZ_ASSERT(a2_intake_source(fz_in, box, &err) == 0, err.message);
	lines = fz_new_log_lines();
	FZ_ASSERT(size == 0 || lines >= 1, "a mailbox file of some bytes has an entry");
	unlink(box);
	return 0;
}
