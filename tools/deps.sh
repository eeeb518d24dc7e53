#!/bin/sh
# tools/deps.sh -- install the Debian packages annex2 needs, if missing.
#   tools/deps.sh build    what building needs
#   tools/deps.sh test     what `make check` needs (adds LibreOffice, jing, ...)
#   tools/deps.sh bench    what `make bench` needs
# Runs apt-get as root (or through sudo).  Does nothing when all is there.
set -eu
build="gcc make pkg-config libxml2-dev libzip-dev libpcre2-dev libjansson-dev libssl-dev libxlsxwriter-dev libcmocka-dev"
test="libxml2-utils jing zip unzip valgrind clang libclang-rt-14-dev libreoffice-writer-nogui python3-uno python3 chromium python3-openpyxl python3-jsonschema strace time"
bench="linux-perf python3-lxml"
# a layer that brings its own libraries adds a file in tools/deps.d/ that
# appends to build=, test= and bench= (sh syntax); testing needs what
# building needs, benchmarking what testing needs: joined after the layers
# (joined before, a fresh machine's `make check` missed the layers' own
# libraries)
for f in "$(dirname "$0")"/deps.d/*.sh; do
	[ -f "$f" ] && . "$f"
done
test="$build $test"
bench="$test $bench"
case "${1:-build}" in
build) want=$build ;;
test) want=$test ;;
bench) want=$bench ;;
*) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "annex2: installing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo=sudo; else
	echo "annex2: please install as root: apt-get install$missing" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
