#!/bin/sh
# tests/bench/same_records.sh OLD NEW [DIR...] -- the equality proof of a
# change to the reader: every file read by two annex2 binaries gives
# byte-identical records.
#
# Each DIR (a folder of documents, read as `annex2 read -j 1 DIR` reads it)
# is read by OLD and by NEW; the records are then compared file by file
# (the same "file", the same bytes), and so are the exit statuses.  A DIR
# of libFuzzer inputs (.../corpus/docx or .../corpus/odt, as make fuzz
# leaves them) is first made into documents the way the harness does
# (tests/fuzz/fuzz_docx.c, fuzz_odt.c): first byte 0x01, the rest is
# word/document.xml packed into a minimal DOCX, or content.xml after a
# mimetype; 0x02 (odt), the rest is a flat ODT; any other input is read
# as it is.
#
# Without DIR: samples/returned, the bench corpus ($BENCH_WORK, default
# build/bench: replies/ and replies10k/ when made: tests/bench/corpus.sh),
# ../shared/reference/corpus (skipped, and said, when absent), the hostile
# corpus (tests/hostile/make_corpus.py, made in a temporary folder) and
# the fuzz corpora of build/fuzz/corpus/ when a fuzz run made them.
#
# Prints one line per DIR: files, same, different; exit 1 on a difference.
set -u
old=${1:?usage: tests/bench/same_records.sh OLD NEW [DIR...]}
new=${2:?usage: tests/bench/same_records.sh OLD NEW [DIR...]}
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/annex2-same.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export TZ="${TZ:-:/etc/localtime}"

if [ $# -eq 0 ]; then
	set -- "$root/samples/returned"
	bw=${BENCH_WORK:-$root/build/bench}
	for d in "$bw/replies" "$bw/replies10k"; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	if [ -d "$root/../shared/reference/corpus" ]; then
		set -- "$@" "$root/../shared/reference/corpus"
	else
		echo "same_records: ../shared/reference/corpus absent: skipped" >&2
	fi
	if python3 "$root/tests/hostile/make_corpus.py" --forms "$tmp/forms" "$tmp/hostile" >/dev/null 2>&1; then
		cp "$root"/tests/hostile/regress/* "$tmp/hostile/" 2>/dev/null
		set -- "$@" "$tmp/hostile"
	else
		echo "same_records: tests/hostile/make_corpus.py failed: hostile corpus skipped" >&2
	fi
	for d in "$root"/build/fuzz/corpus/docx "$root"/build/fuzz/corpus/odt; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
fi

bad=0
i=0
for dir in "$@"; do
	i=$((i + 1))
	src=$dir
	case $dir in
	*/corpus/docx | */corpus/odt)
		src=$tmp/fuzz$i
		python3 - "$dir" "$src" <<'EOF' || { echo "same_records: $dir: cannot unpack" >&2; bad=1; continue; }
import os, sys, zipfile
ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
      '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
        ' Target="word/document.xml"/></Relationships>')
src, dst = sys.argv[1:]
odt = src.rstrip('/').endswith('odt')
os.makedirs(dst)
for n in sorted(os.listdir(src)):
    data = open(os.path.join(src, n), 'rb').read()
    if data[:1] == b'\x01' and odt:
        with zipfile.ZipFile(os.path.join(dst, n + '.odt'), 'w', zipfile.ZIP_STORED) as z:
            z.writestr('mimetype', 'application/vnd.oasis.opendocument.text')
            z.writestr('content.xml', data[1:])
    elif data[:1] == b'\x01':
        with zipfile.ZipFile(os.path.join(dst, n + '.docx'), 'w', zipfile.ZIP_STORED) as z:
            z.writestr('[Content_Types].xml', ct)
            z.writestr('_rels/.rels', rels)
            z.writestr('word/document.xml', data[1:])
    elif data[:1] == b'\x02' and odt:
        open(os.path.join(dst, n + '.fodt'), 'wb').write(data[1:])
    else:
        open(os.path.join(dst, n + ('.odt' if odt else '.docx')), 'wb').write(data)
EOF
		;;
	esac
	"$old" read -j 1 -o "$tmp/old.jsonl" "$src" 2>"$tmp/old.err"
	ro=$?
	"$new" read -j 1 -o "$tmp/new.jsonl" "$src" 2>"$tmp/new.err"
	rn=$?
	python3 - "$tmp/old.jsonl" "$tmp/new.jsonl" "$dir" "$ro" "$rn" <<'EOF' || bad=1
import json, sys
o, n, name, ro, rn = sys.argv[1:]
def recs(p):
    try:
        lines = open(p, 'rb').read().split(b'\n')
    except OSError:
        return {}
    out = {}
    for l in lines:
        if l:
            out.setdefault(json.loads(l)['file'], []).append(l)
    return out
a, b = recs(o), recs(n)
files = sorted(set(a) | set(b))
diff = [f for f in files if a.get(f) != b.get(f)]
print('%-60s %6d files %6d same %4d different%s' % (name[-60:], len(files), len(files) - len(diff), len(diff),
      '' if ro == rn else ' (exit %s, now %s)' % (ro, rn)))
for f in diff[:5]:
    print('  differs: %s\n    old %s\n    new %s' % (f, (a.get(f) or [b'-'])[0][:400], (b.get(f) or [b'-'])[0][:400]))
sys.exit(1 if diff or ro != rn else 0)
EOF
done
exit $bad
