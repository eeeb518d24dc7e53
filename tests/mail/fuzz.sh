#!/bin/sh
# tests/mail/fuzz.sh FUZZ_BUILD SECONDS -- seeds and runs fuzz_mime (make fuzz-mime).
# Seeds: the mail test corpus and hostile messages (tests/mail/make_*.py),
# and annex2 mail's own messages.  Crashes land in FUZZ_BUILD/artifacts/mime/.
set -u
fb=${1:?}; secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
seeds=$fb/seeds/mime
if [ ! -f "$seeds/.done" ]; then
	rm -rf "$seeds" "$fb/seedwork"; mkdir -p "$seeds" "$fb/seedwork"
	w=$fb/seedwork
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$w/key.pem" -out "$w/cert.pem" -days 3650 -subj "/CN=seed" 2>/dev/null
	"$PY" "$here/make_corpus.py" "$root/samples/returned" "$w/box" "$w/exp.tsv" "$w/cert.pem" "$w/key.pem" || exit 1
	"$PY" "$here/make_hostile.py" "$root/samples/returned/fra-lo-ticked.docx" "$w/hbox" "$w/h.mbox" "$w/h.tsv" || exit 1
	for f in "$w"/box/new/* "$w"/hbox/new/*; do
		[ "$(wc -c <"$f")" -le 1048576 ] && cp "$f" "$seeds/$(basename "$f")"
	done
	rm -rf "$w"
	touch "$seeds/.done"
fi
mkdir -p "$fb/corpus/mime" "$fb/artifacts/mime"
"$fb/fuzz_mime" -max_total_time="$secs" -max_len=1048576 -rss_limit_mb=2048 -timeout=10 \
	-artifact_prefix="$fb/artifacts/mime/" "$fb/corpus/mime" "$seeds" 2>"$fb/fuzz_mime.log"
st=$?
tail -n 3 "$fb/fuzz_mime.log"
n=$(ls "$fb/artifacts/mime" | wc -l)
echo "fuzz-mime: $secs s, exit $st, $n artifacts in $fb/artifacts/mime"
[ "$st" = 0 ] && [ "$n" = 0 ]
