# tools/deps.d/lang.sh -- the six-language layer: ICU (the matcher's
# normalisation), Noto fonts so that LibreOffice renders the Arabic and
# Chinese forms (samples/forms/*.png, make lotest).
build="$build libicu-dev"
test="$test fonts-noto-core fonts-noto-cjk poppler-utils"
bench="$bench"
