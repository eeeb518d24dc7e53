# PDF replies (issue 13): poppler-glib and cairo to read and render; for the
# tests poppler-utils (pdftotext, pdfsig, pdftoppm), qpdf, NSS tools (a test
# certificate for signed samples).
build="$build libpoppler-glib-dev libcairo2-dev zlib1g-dev"
test="$test poppler-utils qpdf libnss3-tools openssl"
bench="$bench poppler-utils"
