#!/bin/sh
# tests/fuzz/run.sh ANNEX2 FUZZ_BUILD SECONDS JOBS NAME... -- seeds and runs
# the libFuzzer harnesses built by tests/fuzz/fuzz.mk.
#
# Seeds (in FUZZ_BUILD/seeds/NAME, made once; the fuzzers' own corpora in
# FUZZ_BUILD/corpus/NAME grow from run to run):
#  docx  generated forms (annex2 generate --only FRA,NER), samples/**.docx,
#        ../shared/reference/corpus/**.docx, the hostile corpus's .docx, and
#        their word/document.xml behind the 0x01 "XML only" byte;
#  odt   the same for .odt/.fodt (0x01 + content.xml, 0x02 + flat ODT);
#  pdf   samples/**.pdf and the PDFs of ../shared/reference/corpus/;
#  mail  the contacts example, a sent.jsonl and an intake.jsonl made by
#        annex2 mail and intake (0x00/0x01/0x02 + the file);
#  form  forms/*.xml and tests/data/forms/**.xml;
#  names Member State names and aliases, dates in the form's languages;
#  scan  the page images of samples/ and tests/scan/seeds/ (whole pages,
#        and the small pieces of tests/scan/make_small_seeds.py).
# Each fuzzer runs SECONDS (JOBS of them at once), with the dictionary
# tests/fuzz/ooxml_odf.dict, -max_len=2 MiB for documents, a 2 GB RSS cap
# and a 10 s per-input timeout (60 s for scan: over a file's OCR budget),
# in libFuzzer's fork mode so that a crash is saved and the fuzzing goes on
# (FUZZ_FORK=0: stop at the first one).
# Crashes, leaks, timeouts and OOMs land in FUZZ_BUILD/artifacts/NAME/;
# exit 1 if there is any.
set -u
annex2=${1:?usage: run.sh ANNEX2 FUZZ_BUILD SECONDS JOBS NAME...}
fb=${2:?}
secs=${3:-60}
jobs=${4:-1}
shift 4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
names=${*:-docx odt pdf form names mail scan image}
seeds=$fb/seeds

command -v python3 >/dev/null || { echo "fuzz: python3 is missing" >&2; exit 1; }
if [ ! -f "$seeds/.done" ] || [ ! -d "$seeds/pdf" ] || [ ! -d "$seeds/mail" ] || [ ! -d "$seeds/scan" ]; then
	rm -rf "$seeds"
	mkdir -p "$seeds/docx" "$seeds/odt" "$seeds/pdf" "$seeds/mail" "$seeds/form" "$seeds/names" "$seeds/gen" "$seeds/scan" || exit 1
	"$annex2" generate --only FRA,NER --format both -o "$seeds/gen" >/dev/null 2>&1 ||
	    { echo "fuzz: annex2 generate failed" >&2; exit 1; }
	python3 "$root/tests/hostile/make_corpus.py" --forms "$seeds/gen" "$seeds/hostile" >/dev/null ||
	    { echo "fuzz: make_corpus.py failed" >&2; exit 1; }
	# the mail round's own files: a sent.jsonl and an intake.jsonl made by
	# annex2 mail and intake from a generated form
	"$annex2" mail --forms "$seeds/gen" --contacts "$root/forms/contacts.example.csv" --only FRA \
	    -o "$seeds/mailout" >/dev/null 2>&1
	"$annex2" intake -o "$seeds/mailin" "$seeds"/mailout/*.eml >/dev/null 2>&1
	python3 - "$root" "$seeds" <<'PY'
import glob, hashlib, os, sys, zipfile
root, seeds = sys.argv[1], sys.argv[2]
MAX = 2 << 20
def put(kind, data):
    if len(data) > MAX:
        return
    with open(os.path.join(seeds, kind, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
srcs = glob.glob(os.path.join(seeds, "gen", "*")) + glob.glob(os.path.join(seeds, "hostile", "*"))
srcs += glob.glob(os.path.join(root, "samples", "**", "*"), recursive=True)
srcs += glob.glob(os.path.join(root, "tests", "scan", "seeds", "*"))
srcs += glob.glob(os.path.join(root, "..", "shared", "reference", "corpus", "**", "*"), recursive=True)
for p in srcs:
    if not os.path.isfile(p) or os.path.getsize(p) > MAX:
        continue
    data = open(p, "rb").read()
    low = p.lower()
    if low.endswith((".docx", ".docm", ".dotx")):
        put("docx", data)
        try:
            put("docx", b"\x01" + zipfile.ZipFile(p).read("word/document.xml"))
        except Exception:
            pass
    elif low.endswith((".odt", ".ott")):
        put("odt", data)
        try:
            put("odt", b"\x01" + zipfile.ZipFile(p).read("content.xml"))
        except Exception:
            pass
    elif low.endswith(".fodt"):
        put("odt", b"\x02" + data)
    elif low.endswith(".pdf"):
        put("pdf", data)
    elif low.endswith((".tif", ".tiff", ".png", ".jpg", ".jpeg")):
        put("scan", data)
# mail: 0 + contacts CSV, 1 + sent.jsonl, 2 + intake.jsonl
put("mail", b"\x00" + open(os.path.join(root, "forms", "contacts.example.csv"), "rb").read())
for k, f in ((1, "mailout/sent.jsonl"), (2, "mailin/intake.jsonl")):
    if os.path.exists(os.path.join(seeds, f)):
        put("mail", bytes([k]) + open(os.path.join(seeds, f), "rb").read())
for p in glob.glob(os.path.join(root, "forms", "*.xml")) + glob.glob(os.path.join(root, "tests", "data", "forms", "**", "*.xml"), recursive=True):
    put("form", open(p, "rb").read())
for p in glob.glob(os.path.join(root, "forms", "*.tsv")):
    for line in open(p, encoding="utf-8"):
        for field in line.rstrip("\n").split("\t")[1:]:
            for name in field.split("|"):
                if name and not name[0].isdigit():
                    put("names", name.encode())
for d in ("21 August 2024", "2024-08-21", "21/08/2024", "08/21/2024", "21.08.2024", "August 21, 2024",
          "21 ao\u00fbt 2024", "1er septembre 2024", "21 de agosto de 2024", "Geneva, 3/4/24", "the Republic of Korea"):
    put("names", d.encode())
PY
	touch "$seeds/.done"
fi

fail=0
run_one() {
	n=$1
	bin=$fb/fuzz_$n
	[ -x "$bin" ] || { echo "fuzz: $bin is missing" >&2; return 1; }
	mkdir -p "$fb/corpus/$n" "$fb/artifacts/$n"
	case $n in docx|odt|pdf|scan|image) maxlen=2097152 ;; mail) maxlen=65536 ;; form) maxlen=262144 ;; *) maxlen=4096 ;; esac
	# a page image without the QR code that looks like a form is OCRed for
	# up to 16 s of CPU by design, 32 s under ASan (a2_limits.ocr_ms and
	# A2_OCR_TIME_SCALE; Tesseract is not instrumented, the rest runs under
	# ASan): the scan fuzzer's timeout is set over that budget, so that a
	# timeout is an input the budgets do not bound, not a real scan read whole.
	# Tesseract's allocations go through ASan's allocator too: the 3-page
	# Secretariat's form in samples/scans (a seed) takes 66 s there (52 s
	# of it user CPU, half of that the allocator and the page faults it
	# makes; 7.4 s in a plain build), over the 60 s this was
	tmo=10
	[ "$n" = scan ] && tmo=120
	# fork mode: a crash is saved and fuzzing goes on for the whole time
	fork=""
	[ "${FUZZ_FORK:-1}" = 1 ] && fork="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
	LSAN_OPTIONS=suppressions="$here/lsan.supp" \
	sd=$seeds/$n
	[ "$n" = image ] && sd=$seeds/scan   # the image headers: the scan's seeds
	"$bin" $fork "$fb/corpus/$n" "$sd" -dict="$here/ooxml_odf.dict" -max_total_time="$secs" \
	    -max_len="$maxlen" -rss_limit_mb=2048 -timeout="$tmo" -report_slow_units="$tmo" -print_final_stats=1 \
	    -artifact_prefix="$fb/artifacts/$n/" >"$fb/fuzz_$n.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fb/fuzz_$n.log" | tail -n 1)
	[ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$fb/fuzz_$n.log" | tail -n 1)
	echo "fuzz $n: exit $rc, $(find "$fb/corpus/$n" -type f | wc -l) corpus files, $(find "$fb/artifacts/$n" -type f | wc -l)" \
	    "artifacts, ${runs:-?} runs in $secs s"
	return $rc
}
# JOBS at a time, in batches (POSIX sh has no "wait for any")
running=0
for n in $names; do
	run_one "$n" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
for n in $names; do
	if [ -n "$(ls "$fb/artifacts/$n" 2>/dev/null)" ]; then
		echo "fuzz $n: artifacts in $fb/artifacts/$n (see $fb/fuzz_$n.log)" >&2
		fail=1
	fi
done
exit $fail
