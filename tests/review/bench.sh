#!/bin/sh
# tests/review/bench.sh ANNEX2 WORK -- the review page's times with curl, on
# a round of 200 replies where every text of every reply needs a person
# (forms returned untouched: 1,600 items, the worst case), the target being
# < 100 ms a page; and a scanned reply beside them (samples/scans): its page
# image drawn (the file read again, ~1 s), then kept, and the review page
# while three such images are being drawn (a thread per connection: the page
# does not wait for them).  Prints one row per request: median and slowest
# of 20 (of 5 for a drawing).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:?usage: tests/review/bench.sh ANNEX2 WORK}
work=${2:?usage: tests/review/bench.sh ANNEX2 WORK}/review
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
mkdir -p "$work"
cd "$work" || exit 1
if [ ! -s records.jsonl ]; then
	rm -rf forms
	"$bin" generate --format docx -o forms >/dev/null 2>&1 &&
	"$bin" generate --format odt --only ARG,BRA,CAN,DNK,EGY,FIN,GHA -o forms >/dev/null 2>&1 &&
	"$bin" read forms -o records.jsonl 2>/dev/null
fi
# the scan: one more reply (Egypt's fax-like TIFF, texts unclear), read once
if [ ! -s scan.jsonl ] || [ ! -s scan-egy-ar-g4.tif ]; then
	cp "$root/samples/scans/scan-egy-ar-g4.tif" . && "$bin" read scan-egy-ar-g4.tif >scan.jsonl 2>/dev/null
fi
n=$(wc -l <records.jsonl)
rm -f decisions.jsonl serve.out
t0=$(date +%s.%N)
"$bin" review --serve --quiet --decisions decisions.jsonl records.jsonl scan.jsonl >serve.out 2>serve.err &
pid=$!
i=0
while [ $i -lt 300 ] && ! grep -q '^annex2 review: http' serve.out 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
t1=$(date +%s.%N)
url=$(sed -n 's/^annex2 review: //p' serve.out)
sha=$(sed -n '1s/.*"sha256":"\([0-9a-f]*\)".*/\1/p' records.jsonl)
stats() { sort -n | awk '{v[NR]=$1} END {printf "%7.1f ms  %7.1f ms", v[int((NR+1)/2)]*1000, v[NR]*1000}'; }
row() { # row NAME CURL-ARGS...
	name=$1; shift
	size=$(curl -s -o /dev/null -w '%{size_download}' "$@")
	t=$(for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		curl -s -o /dev/null -w '%{time_total}\n' "$@"; done | stats)
	printf '%-44s %s  %9s bytes\n' "$name" "$t" "$size"
}
printf 'review page, %s replies (every text of every reply to review) and a scanned reply\n' "$n"
printf '%-44s %10s  %10s\n' "request" "median" "slowest"
printf '%-44s %7.1f ms\n' "start: load, evidence of every reply, listen" "$(awk "BEGIN{print ($t1 - $t0) * 1000}")"
row "GET the review page" "$url"
row "GET the dashboard (report with decisions)" "${url}dashboard"
row "GET app.js" "${url}app.js"
row "POST a decision (append, reload, tally)" -d "sha256=$sha&text=X.1237&decision=not-counted&who=bench" "${url}decide"
row "GET the review page after 21 decisions" "$url"
# the scan's page images: the record is the last of the round
imgs=$(curl -s "$url" | grep -o 'src="page/[0-9]*-[0-9]*\.png"' | sed 's/src="//; s/"$//' | sort -u)
if [ "$(echo "$imgs" | grep -c png)" -ge 4 ]; then
	set -- $imgs
	t=$(for p in "$1" "$2" "$3" "$4"; do curl -s -o /dev/null -w '%{time_total}\n' "$url$p"; done | stats)
	printf '%-44s %s  (4 images, each drawn)\n' "GET a scan's page image, drawn" "$t"
	row "GET a scan's page image, kept" "$url$1"
	shift 4
	if [ $# -ge 3 ]; then
		pids=""
		for p in "$1" "$2" "$3"; do curl -s -o /dev/null "$url$p" & pids="$pids $!"; done
		sleep 0.05
		row "GET the review page while 3 images are drawn" "$url"
		wait $pids
	else
		echo "the review page while 3 images are drawn: not measured (the scan has $(( $# + 4 )) page images, 7 needed)"
	fi
else
	echo "the scan has no page image: $(cat serve.err)"
fi
kill -TERM "$pid"
wait "$pid"
