# tools/deps.d/lang.sh -- the six-language layer: utf8proc (the matcher's
# normalisation), Noto fonts so that LibreOffice renders the Arabic and
# Chinese forms (samples/forms/*.png, make lotest), poppler-utils for the PNGs.
build="$build libutf8proc-dev"
test="$test fonts-noto-core fonts-noto-cjk poppler-utils"
bench="$bench"
