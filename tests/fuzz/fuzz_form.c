/*
 * tests/fuzz/fuzz_form.c -- libFuzzer harness for consultation definitions:
 * a2_form_load_mem, then everything a loaded form feeds: every wording
 * expanded for every text, a reader (its patterns are built from the
 * wording), a DOCX and an ODT form generated for one Member State and read
 * back through that reader.
 *
 * Invariants: NULL with an error code and message, or a form whose fields
 * the header promises (never-NULL wordings, at least one text); generation
 * either succeeds or fails cleanly; what the generator writes, the reader
 * reads (status "read", one answer per text, the Member State found).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
roundtrip(const a2_form *form, const char *fmt)
{
	const a2_state *st = a2_states_by_iso3(fz_states, "FRA");
	a2_reader *rd;
	a2_error err;
	unsigned char *out = NULL;
	size_t len = 0;
	a2_record rec;
	int rc;

	a2_error_clear(&err);
	rc = fmt[0] == 'd' ? a2_generate_docx(form, st, NULL, &out, &len, &err)
	    : a2_generate_odt(form, st, NULL, &out, &len, &err);
	if (rc != 0) {
		FZ_ASSERT(err.code != A2_OK && err.message[0], "generation failed without an error");
		FZ_ASSERT(out == NULL, "generation failed but returned a buffer");
		return;
	}
	rd = a2_reader_new(form, fz_states, &err);
	if (rd == NULL) {
		FZ_ASSERT(err.code != A2_OK && err.message[0], "a2_reader_new failed without an error");
		free(out);
		return;
	}
	a2_record_init(&rec);
	rc = a2_read_mem(rd, fmt[0] == 'd' ? "g.docx" : "g.odt", out, len, &rec);
	FZ_ASSERT(rc == 0, "a generated form does not read back");
	FZ_ASSERT(rec.n_texts == form->n_texts, "a generated form reads back with another number of texts");
	a2_record_clear(&rec);
	a2_reader_free(rd);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	a2_form *form;
	a2_error err;
	size_t i, t;

	fz_setup();
	a2_error_clear(&err);
	form = a2_form_load_mem((const char *)data, size, "fuzz.xml", &err);
	if (form == NULL) {
		FZ_ASSERT(err.code != A2_OK, "NULL form without an error code");
		FZ_ASSERT(err.code != A2_ERR_NOMEM, "out of memory reported for a small input");
		FZ_ASSERT(err.message[0] != '\0', "error without a message");
		return 0;
	}
	FZ_ASSERT(form->n_wordings > 0 && form->n_texts > 0, "a form without wording or texts");
	for (i = 0; i < form->n_wordings; i++) {
		const a2_wording *w = &form->wordings[i];
		int k;
		for (k = 0; k < A2_W__COUNT; k++) {
			FZ_ASSERT(w->w[k] != NULL, "a NULL wording string after a successful load");
			for (t = 0; t < form->n_texts && t < 4; t++) {
				char *s = a2_form_expand(form, w->w[k], &form->texts[t], "France");
				FZ_ASSERT(s != NULL, "a2_form_expand returned NULL");
				free(s);
			}
		}
	}
	FZ_ASSERT(a2_form_wording(form, "zz") != NULL, "a2_form_wording returned NULL");
	roundtrip(form, "docx");
	roundtrip(form, "odt");
	a2_form_free(form);
	return 0;
}
