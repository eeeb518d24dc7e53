# mk/ocr.mk -- the OCR path of the scan reader (issue 14): pages without the
# QR code of a generated form (the Secretariat's own form, an old edition, a
# retyped one) read through Tesseract's C API.  libtesseract is not linked:
# src/lib/read/scan/tessload.c opens it (dlopen) on the first such page, so
# that `read` of a DOCX does not carry it; only its headers are needed to
# build.
A2_CFLAGS += $(shell pkg-config --cflags tesseract 2>/dev/null)
