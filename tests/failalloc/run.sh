#!/bin/sh
# tests/failalloc/run.sh FAILALLOC|BUILD_DIR [FILE...] -- runs the
# failing-allocation test (tests/failalloc/failalloc.c) over the read path,
# with the allow-list tests/failalloc/allow.tsv, and names the static
# functions of its leak and crash traces with addr2line.
#   FAILALLOC  the binary (make failalloc builds BUILD/tests/failalloc);
#              a build folder means BUILD_DIR/tests/failalloc
#   FILE...    more documents to read with failures (besides the generated
#              DOCX and ODT, the same filled in, and a flat ODT)
# FAILALLOC_FLAGS: more options (-v lists every misreport and leak;
# -p PHASE runs one phase: form, states, reader, read:FRA.docx, ...).
# Exit status: that of failalloc (0 when nothing failed).
set -u
bin=${1:?usage: tests/failalloc/run.sh FAILALLOC|BUILD_DIR [FILE...]}
shift
[ -d "$bin" ] && bin=$bin/tests/failalloc
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$bin" ]; then
	echo "failalloc: $bin is not built (make failalloc)" >&2
	exit 1
fi
out=$(mktemp "${TMPDIR:-/tmp}/annex2-failalloc.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT
# shellcheck disable=SC2086
"$bin" ${FAILALLOC_FLAGS:-} -a "$here/allow.tsv" "$@" >"$out" 2>&1
rc=$?
if command -v addr2line >/dev/null 2>&1; then
	# ?@FILE+0xOFF -> function (file:line)
	while IFS= read -r line; do
		case $line in
		*'?@'*)
			for tok in $(printf '%s\n' "$line" | grep -o '?@[^ ]*+0x[0-9a-f]*'); do
				f=${tok#\?@}; f=${f%+0x*}; off=${tok##*+}
				name=$(addr2line -f -s -e "$f" "$off" 2>/dev/null | paste -sd' ' | sed 's/ /(/; s/$/)/')
				[ -n "$name" ] && line=$(printf '%s\n' "$line" | sed "s|?@$f+$off|$name|")
			done
			;;
		esac
		printf '%s\n' "$line"
	done <"$out"
else
	cat "$out"
fi
exit $rc
