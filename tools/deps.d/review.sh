# tools/deps.d/review.sh -- the review layer: libmicrohttpd for
# `annex2 review --serve`; its tests drive Chromium (already in test=)
# and curl.
build="$build libmicrohttpd-dev libmicrohttpd12"
test="$test libmicrohttpd-dev curl"
bench="$bench libmicrohttpd-dev curl"
