# Paper replies (issue 14): forms made to be scanned (libqrencode: a QR code
# on every page) and the scan reader (Leptonica: images, deskew, ink; zbar:
# the QR code).  Tesseract (the forms without a QR code) is not linked yet.
PKGS += libqrencode lept zbar
CHECK_GROUPS += scantest
SAN_GROUPS += scantest

.PHONY: scantest
# Scans of generated forms (tests/scan/): every clear mark right, no
# confident wrong answer, hostile images as error records.
scantest: $(BUILD)/annex2
	@SCAN_SAN=$(SAN) sh tests/scan/run.sh $(BUILD)/annex2
