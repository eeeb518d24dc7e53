#!/bin/sh
# tests/mail/fuzz.sh FUZZ_BUILD SECONDS -- seeds and runs fuzz_intake (make fuzz-intake).
# Seeds: the mail test corpus and hostile messages (tests/mail/make_*.py),
# and annex2 mail's own messages.  Crashes land in FUZZ_BUILD/artifacts/intake/.
set -u
fb=${1:?}; secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
seeds=$fb/seeds/intake
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
mkdir -p "$fb/corpus/intake" "$fb/artifacts/intake"
"$fb/fuzz_intake" -max_total_time="$secs" -max_len=1048576 -rss_limit_mb=2048 -timeout=10 \
	-artifact_prefix="$fb/artifacts/intake/" "$fb/corpus/intake" "$seeds" 2>"$fb/fuzz_intake.log"
st=$?
tail -n 3 "$fb/fuzz_intake.log"
n=$(ls "$fb/artifacts/intake" | wc -l)
echo "fuzz-intake: $secs s, exit $st, $n artifacts in $fb/artifacts/intake"
[ "$st" = 0 ] && [ "$n" = 0 ]
