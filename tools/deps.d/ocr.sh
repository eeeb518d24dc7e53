# The OCR path (issue 14): Tesseract's headers to build (libtesseract-dev,
# which brings libtesseract5, loaded at run time) and its language data for
# the forms' languages (OSD's data: a page's script, to read it again in
# rus, ara or chi_sim); the tesseract CLI for the bench's comparison.
build="$build libtesseract-dev tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-rus tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-osd"
test="$test tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-rus tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-osd"
bench="$bench tesseract-ocr"
