# The OCR path (issue 14): Tesseract's headers to build (libtesseract-dev,
# which brings libtesseract5, loaded at run time) and its language data for
# the forms' languages; the tesseract CLI for the bench's comparison.
build="$build libtesseract-dev tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-rus tesseract-ocr-ara tesseract-ocr-chi-sim"
test="$test tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa"
bench="$bench tesseract-ocr"
