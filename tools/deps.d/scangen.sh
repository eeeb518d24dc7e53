# tools/deps.d/scangen.sh -- the scan-like replies of tests/scan/gen/
# (mk/scangen.mk): Python's PIL (drawing, TIFF G3/G4 through libtiff, JPEG,
# PDF) and numpy; poppler-utils (pdftoppm, pdftotext -bbox-layout) and
# LibreOffice (tools/deps.sh) render the forms; DejaVu for the cover letter,
# Comic Neue for the words written by hand ("cancelled" beside a mark).
build="$build"
test="$test python3-pil python3-numpy poppler-utils fonts-dejavu-core fonts-comic-neue"
bench="$bench"
