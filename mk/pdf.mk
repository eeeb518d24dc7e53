# The PDF front end (issue 13): poppler-glib reads PDF replies, cairo renders
# the area of a box drawn as lines, zlib bounds what the streams inflate to.
PKGS += poppler-glib cairo zlib
CHECK_GROUPS += pdftest
SAN_GROUPS += pdftest

.PHONY: pdftest pdfsamples
# The PDF samples against their expected records, LibreOffice's PDF export of
# ticked forms read back, form-field PDFs ticked through poppler, hostile PDFs.
pdftest: $(BUILD)/annex2 $(BUILD)/tests/pdf_tick
	@PDF_SAN=$(SAN) sh tests/pdf/run.sh $(BUILD)/annex2 $(BUILD)/tests/pdf_tick

$(BUILD)/tests/pdf_tick: tests/pdf/pdf_tick.c
	@mkdir -p $(@D)
	$(SAY) LD $@
	$(Q)$(CC) $(A2_CFLAGS) -o $@ $< $(PKG_LIBS)

# Regenerate samples/returned/*.pdf (LibreOffice, qpdf, pdfsig).
pdfsamples: $(BUILD)/annex2 $(BUILD)/tests/pdf_tick
	@sh samples/tools/make_pdf_samples.sh $(BUILD)/annex2 $(BUILD)/tests/pdf_tick
