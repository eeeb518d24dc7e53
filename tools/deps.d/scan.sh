# Paper replies (issue 14): libqrencode (QR codes in the generated forms),
# Leptonica (images), zbar (QR codes on scans), Tesseract and its language
# data (forms without a QR code); for the tests Python's PIL (the scan-like
# replies of tests/scan/gen/), poppler-utils and LibreOffice.
build="$build libqrencode-dev libleptonica-dev libzbar-dev libtesseract-dev tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-rus tesseract-ocr-ara tesseract-ocr-chi-sim"
test="$test python3-pil poppler-utils tesseract-ocr"
bench="$bench tesseract-ocr"
