#!/bin/sh
# tests/cli/safety.sh ANNEX2 -- nothing the user has is lost, and a write
# that fails is an error (issue 12): outputs written atomically and never
# over an input, failed writes said with exit 1, generate's temporaries and
# manifest, every file in a folder accounted for, read -.  Each case failed
# on the main of 2026-12-03.
A2=${1:?usage: safety.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
T=$(mktemp -d)
FULL=""
cleanup() { [ -n "$FULL" ] && umount "$FULL" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
same() { # a b description
	if cmp -s "$1" "$2"; then ok; else bad "$3: $1 changed"; fi
}
S=samples/returned
cp "$S/fra-lo-ticked.docx" "$T/x.docx"
cp "$T/x.docx" "$T/x.orig"

# --- -o never destroys an input, never truncates before reading ---
expect_status 2 "read x.docx -o x.docx" "$A2" read "$T/x.docx" -o "$T/x.docx"
same "$T/x.docx" "$T/x.orig" "read -o onto its input"
has "$T/err" "one of the inputs" "read says why"
mkdir "$T/in" && cp "$T/x.docx" "$T/in/a.docx"
expect_status 2 "read DIR -o a file inside DIR" "$A2" read "$T/in" -o "$T/in/a.docx"
same "$T/in/a.docx" "$T/x.orig" "read -o onto an input found in a folder"
cp "$T/x.docx" "$T/keep.jsonl"
expect_status 2 "read with a usage error and -o" "$A2" read --csv --dump -o "$T/keep.jsonl" "$T/x.docx"
same "$T/keep.jsonl" "$T/x.orig" "a usage error truncates -o"
"$A2" read "$T/x.docx" >"$T/recs.jsonl" 2>/dev/null
expect_status 0 "report -o new" "$A2" report -o "$T/r.html" "$T/recs.jsonl"
cp "$T/r.html" "$T/r.orig"
expect_status 2 "report -o existing without --force" "$A2" report -o "$T/r.html" "$T/recs.jsonl"
same "$T/r.html" "$T/r.orig" "report replaced a file without --force"
expect_status 0 "report -o existing with --force" "$A2" report --force -o "$T/r.html" "$T/recs.jsonl"
cp "$T/recs.jsonl" "$T/in.xlsx"
expect_status 2 "report -o onto its input, even with --force" "$A2" report --force -o "$T/in.xlsx" "$T/in.xlsx"
same "$T/in.xlsx" "$T/recs.jsonl" "report -o onto its input"

# --- a write that fails is an error, never exit 0 ---
for cmd in "read $T/x.docx" "read --csv $T/x.docx" "read --dump $T/x.docx" "tally $T/recs.jsonl" \
    "check $T/recs.jsonl" "tally --json $T/recs.jsonl"; do
	# shellcheck disable=SC2086
	"$A2" $cmd >/dev/full 2>"$T/err"; got=$?
	[ "$got" = 1 ] && ok || bad "$cmd >/dev/full: exit $got, want 1"
	has "$T/err" "standard output: cannot write" "$cmd >/dev/full is said"
	# shellcheck disable=SC2086
	"$A2" $cmd >&- 2>"$T/err"; got=$?
	[ "$got" = 1 ] && ok || bad "$cmd with standard output closed: exit $got, want 1"
done
# a full disk: a small tmpfs, where root may mount one (CI runs as root)
mkdir "$T/full"
if mount -t tmpfs -o size=32k tmpfs "$T/full" 2>/dev/null; then
	FULL="$T/full"
	dd if=/dev/zero of="$T/full/fill" bs=1k count=64 2>/dev/null
	expect_status 1 "read -o on a full disk" "$A2" read -o "$T/full/recs.jsonl" "$S"
	[ ! -e "$T/full/recs.jsonl" ] && ok || bad "read -o on a full disk left a file under the final name"
	has "$T/err" "recs.jsonl: cannot write" "the failed output is named"
	[ -z "$(ls "$T/full" | grep -v '^fill$')" ] && ok || bad "read -o left files on the full disk: $(ls "$T/full")"
	expect_status 1 "report -o FILE.xlsx on a full disk" "$A2" report -o "$T/full/r.xlsx" "$T/recs.jsonl"
	if grep -q '\[ERROR\]' "$T/err"; then bad "libxlsxwriter's own [ERROR] lines are printed"; else ok; fi
	has "$T/err" "r.xlsx: error: cannot write" "annex2 says the workbook was not written"
	expect_status 1 "report -o FILE.html on a full disk" "$A2" report -o "$T/full/r.html" "$T/recs.jsonl"
else
	echo "safety: no tmpfs could be mounted (not root?): the full-disk cases were skipped" >&2
fi
expect_status 1 "report -o into a folder that does not exist" "$A2" report -o "$T/nowhere/r.xlsx" "$T/recs.jsonl"
if grep -q '\[ERROR\]' "$T/err"; then bad "libxlsxwriter prints on an unwritable path"; else ok; fi
# kill -9 in the middle: the final name holds nothing, or every record
mkdir "$T/many"
i=0
while [ $i -lt 40 ]; do
	for f in "$S"/*.docx "$S"/*.odt; do cp "$f" "$T/many/$i-$(basename "$f")"; done
	i=$((i + 1))
done
nfiles=$(ls "$T/many" | wc -l)
"$A2" read -o "$T/killed.jsonl" "$T/many" 2>/dev/null &
pid=$!
sleep 0.3
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
if [ ! -e "$T/killed.jsonl" ]; then ok
elif [ "$(wc -l <"$T/killed.jsonl")" = "$nfiles" ]; then ok    # it had finished
else bad "kill -9 left $(wc -l <"$T/killed.jsonl") of $nfiles records under the final name"; fi

# workers: the same bytes, in input order, as one worker
"$A2" read -j 1 "$T/many" >"$T/j1.jsonl" 2>/dev/null
"$A2" read -j 2 "$T/many" >"$T/j2.jsonl" 2>/dev/null
"$A2" read --csv -j 2 "$T/many" >"$T/j2.csv" 2>/dev/null
"$A2" read --csv -j 1 "$T/many" >"$T/j1.csv" 2>/dev/null
[ "$(wc -l <"$T/j1.jsonl")" = "$nfiles" ] && cmp -s "$T/j1.jsonl" "$T/j2.jsonl" && cmp -s "$T/j1.csv" "$T/j2.csv" && ok ||
	bad "read -j 2 gives other bytes than -j 1"
expect_status 2 "read --jobs 0" "$A2" read --jobs 0 "$T/x.docx"
expect_status 2 "read --ocr-seconds 0" "$A2" read --ocr-seconds 0 "$T/x.docx"
expect_status 2 "read --ocr-seconds 1s" "$A2" read --ocr-seconds 1s "$T/x.docx"

# --- generate: temporaries of interrupted runs, the manifest of the whole folder ---
G="$T/forms"
expect_status 0 "generate all" "$A2" generate -o "$G"
[ "$(wc -l <"$G/manifest.csv")" = 387 ] && ok || bad "the manifest of 386 forms has $(wc -l <"$G/manifest.csv") lines"
touch "$G/FRA.docx.tmpAb12Cd" "$G/KOR.odt.tmpZZZZZZ" "$G/manifest.csv.tmp0a1b2c" "$G/notes.tmp123456"
ln -s /etc/hostname "$G/NER.odt.tmpLLLLLL"
expect_status 0 "generate --only FRA --force" "$A2" generate --only FRA --force -o "$G"
[ ! -e "$G/FRA.docx.tmpAb12Cd" ] && [ ! -e "$G/KOR.odt.tmpZZZZZZ" ] && [ ! -e "$G/manifest.csv.tmp0a1b2c" ] && ok ||
	bad "generate leaves the temporaries of an interrupted run"
[ -e "$G/notes.tmp123456" ] && [ -L "$G/NER.odt.tmpLLLLLL" ] && ok || bad "generate removed a file that is not its own temporary"
[ "$(wc -l <"$G/manifest.csv")" = 387 ] && ok || bad "generate --only FRA shrinks the manifest to $(wc -l <"$G/manifest.csv") lines"
grep -q '^KOR,.*,odt,KOR.odt,' "$G/manifest.csv" && ok || bad "the rows of earlier runs are lost"
"$A2" generate --force -o "$G" 2>/dev/null &
"$A2" generate --force --format odt -o "$G" 2>/dev/null
wait
[ "$(wc -l <"$G/manifest.csv")" = 387 ] && ok || bad "two runs at once leave $(wc -l <"$G/manifest.csv") manifest lines"
cp "$G/manifest.csv" "$T/manifest.orig"
rm "$G/manifest.csv"
expect_status 0 "generate --manifest-only" "$A2" generate --manifest-only -o "$G"
cut -d, -f1-7 "$G/manifest.csv" >"$T/m1"
cut -d, -f1-7 "$T/manifest.orig" >"$T/m2"
same "$T/m1" "$T/m2" "the manifest made from the files differs from the one written with them"
rm "$G/KOR.odt"
"$A2" generate --manifest-only -o "$G" 2>/dev/null
if grep -q '^KOR,.*,odt,' "$G/manifest.csv"; then bad "a form gone from the folder stays in the manifest"; else ok; fi
rm "$G/manifest.csv" && mkdir "$G/manifest.csv"
expect_status 1 "generate when the manifest cannot be written" "$A2" generate --only FRA --force -o "$G"
if grep -q "wrote .* and .*manifest" "$T/err"; then bad "says it wrote a manifest it did not write"; else ok; fi
has "$T/err" "NOT written" "says the manifest was not written"
touch "$T/afile"
expect_status 2 "generate -o FILE" "$A2" generate -o "$T/afile"
[ "$(wc -l <"$T/err")" = 1 ] && ok || bad "generate -o FILE says it $(wc -l <"$T/err") times"
# a manifest with a BOM is read right; an empty one is refused clearly
printf '\357\273\277iso3,member_state,format,file,sha256\r\nFRA,France,docx,FRA.docx,x\r\nNER,Niger,docx,NER.docx,y\r\n' >"$T/bom.csv"
"$A2" check --json --manifest "$T/bom.csv" "$T/recs.jsonl" >"$T/out" 2>"$T/err"
has "$T/out" '"not_replied":\["NER"\]' "a manifest with a BOM and CRLF"
: >"$T/empty.csv"
expect_status 2 "check with an empty manifest" "$A2" check --manifest "$T/empty.csv" "$T/recs.jsonl"
has "$T/err" "empty" "the empty manifest is said"

# --- every file found in a folder gets a record ---
mkdir -p "$T/mixed/sub" "$T/mixed/.hidden"
cp "$T/x.docx" "$T/mixed/reply.docx"
printf '%%PDF-1.4\n%%%%EOF\n' >"$T/mixed/reply.pdf"
printf '\211PNG\r\n\032\n0000' >"$T/mixed/sub/scan.png"
printf 'II*\0000000' >"$T/mixed/sub/fax.tif"
printf '\320\317\021\340\241\261\032\341' >"$T/mixed/old.doc"
echo "a note" >"$T/mixed/readme.txt"
cp "$T/x.docx" "$T/mixed/.hidden/x.docx"
cp "$T/x.docx" "$T/mixed/.~lock.reply.docx#"
cp "$T/recs.jsonl" "$T/mixed/records.jsonl"
expect_status 1 "read a folder of mixed files" "$A2" read "$T/mixed"
[ "$(wc -l <"$T/out")" = 6 ] && ok || bad "6 files, $(wc -l <"$T/out") records"
for f in old.doc readme.txt; do
	grep "\"file\":\"$T/mixed/$f\"" "$T/out" | grep -q '"code":"unsupported"' && ok || bad "$f: no unsupported record"
done
# images are read (issue 14): these two are only a signature, damaged images
for f in sub/scan.png sub/fax.tif; do
	grep "\"file\":\"$T/mixed/$f\"" "$T/out" | grep -q '"code":"corrupt"' && ok || bad "$f: no corrupt record"
done
# a PDF is read (issue 13): this one is only a header, a damaged PDF
grep "\"file\":\"$T/mixed/reply.pdf\"" "$T/out" | grep -q '"code":"corrupt"' && ok || bad "reply.pdf: no corrupt record"
has "$T/err" "left out 3 files and folders" "read says how many files it left out"

# --- read - ---
"$A2" read - <"$T/x.docx" >"$T/out" 2>"$T/err"
has "$T/out" '^{"file":"-","sha256":"6fa02f1d' "read - reads standard input"
has "$T/out" '"iso3":"FRA"' "read - gives the record"
expect_status 2 "read - twice" "$A2" read - -

echo "safety: $pass passed, $fail failed"
[ "$fail" = 0 ]
