#!/bin/sh
# tests/mail/fuzz.sh FUZZ_BUILD SECONDS [mime|intake] -- seeds and runs
# fuzz_mime (make fuzz-mime: one raw message) or fuzz_intake (make
# fuzz-intake: a mailbox file).  Seeds: the mail test corpus and hostile
# messages (tests/mail/make_*.py), the hostile mbox too (as one file).
# Crashes land in FUZZ_BUILD/artifacts/NAME/.
set -u
fb=${1:?}; secs=${2:-60}; name=${3:-intake}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
seeds=$fb/seeds/mail-messages
if [ ! -f "$seeds/.done" ]; then
	rm -rf "$seeds" "$fb/seedwork"; mkdir -p "$seeds" "$fb/seedwork"
	w=$fb/seedwork
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$w/key.pem" -out "$w/cert.pem" -days 3650 -subj "/CN=seed" 2>/dev/null
	"$PY" "$here/make_corpus.py" "$root/samples/returned" "$w/box" "$w/exp.tsv" "$w/cert.pem" "$w/key.pem" || exit 1
	"$PY" "$here/make_hostile.py" "$root/samples/returned/fra-lo-ticked.docx" "$w/hbox" "$w/h.mbox" "$w/h.tsv" || exit 1
	[ "$(wc -c <"$w/h.mbox")" -le 1048576 ] && cp "$w/h.mbox" "$seeds/hostile.mbox"
	# a small mbox of five messages of the corpus (the hostile one is larger
	# than the fuzzer takes), so that fuzz_intake starts from "From " lines
	for f in $(ls "$w"/box/new/* | head -n 5); do
		printf 'From seed@example.org Mon Aug 19 10:00:00 2024\n'; cat "$f"; printf '\n'
	done >"$seeds/five.mbox"
	for f in "$w"/box/new/* "$w"/hbox/new/*; do
		[ "$(wc -c <"$f")" -le 1048576 ] && cp "$f" "$seeds/$(basename "$f")"
	done
	rm -rf "$w"
	touch "$seeds/.done"
fi
mkdir -p "$fb/corpus/$name" "$fb/artifacts/$name"
"$fb/fuzz_$name" -max_total_time="$secs" -max_len=1048576 -rss_limit_mb=2048 -timeout=10 \
	-artifact_prefix="$fb/artifacts/$name/" "$fb/corpus/$name" "$seeds" 2>"$fb/fuzz_$name.log"
st=$?
tail -n 3 "$fb/fuzz_$name.log"
n=$(ls "$fb/artifacts/$name" | wc -l)
echo "fuzz-$name: $secs s, exit $st, $n artifacts in $fb/artifacts/$name"
[ "$st" = 0 ] && [ "$n" = 0 ]
