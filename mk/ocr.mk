# mk/ocr.mk -- the OCR path of the scan reader (issue 14): pages without the
# QR code of a generated form (the Secretariat's own form, an old edition, a
# retyped one) read through Tesseract's C API.  libtesseract is not linked:
# src/lib/read/scan/tessload.c opens it (dlopen) on the first such page, so
# that `read` of a DOCX does not carry it; only its headers are needed to
# build.
A2_CFLAGS += $(shell pkg-config --cflags tesseract 2>/dev/null)
# libtesseract's OpenMP regions run inline: the program exports its own
# libgomp entry points for the dynamic linker to bind (src/cli/omp_inline.c)
CLI_LDFLAGS += -Wl,--export-dynamic-symbol=GOMP_*
CHECK_GROUPS += ocrtest

.PHONY: ocrtest ocrset
# Scans of the Secretariat's own form (no QR code) read by OCR against the
# generator's truth (tests/scan/ocr/set/, committed): 0 confident-wrong, the
# clear marks right at least tests/scan/ocr/floor; a page of noise without
# a QR code gives no vote, within its time bound.
ocrtest: $(BUILD)/annex2
	@sh tests/scan/ocr/run.sh $(BUILD)/annex2

# Make the set again (LibreOffice, poppler, PIL: tests/scan/gen/make_scans.py).
ocrset: $(BUILD)/annex2
	@/usr/bin/python3 tests/scan/ocr/make_ocr_set.py
