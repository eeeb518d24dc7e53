#!/bin/sh
# tests/mail/bench.sh ANNEX2 WORK -- the mail rows of `make bench`:
#  - intake of an mbox of N messages (BENCH_MAIL_N, default 10,000: about
#    1.1 GiB of mixed replies, auto-replies and noise; tests/mail/make_mbox.py)
#    against Python's mailbox + email saving the same attachments
#    (tests/mail/bench_py.py): wall time and peak memory of each;
#  - annex2 mail writing the 193 messages of Circular 195 (-o DIR).
set -u
A2=$1; W=$2
N=${BENCH_MAIL_N:-10000}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
mkdir -p "$W"
if [ ! -f "$W/mail-$N.mbox" ]; then
	"$PY" "$here/make_mbox.py" "$root/samples/returned" "$W/mail-$N.mbox.tmp" "$N" && mv "$W/mail-$N.mbox.tmp" "$W/mail-$N.mbox" || exit 1
fi
size=$(du -m "$W/mail-$N.mbox" | cut -f1)
cat "$W/mail-$N.mbox" >/dev/null   # both read it from the page cache
rm -rf "$W/intake"
/usr/bin/time -f "%e %M" -o "$W/t1" "$A2" intake -o "$W/intake" "$W/mail-$N.mbox" 2>"$W/intake.err" || { cat "$W/intake.err"; exit 1; }
rm -rf "$W/py"
/usr/bin/time -f "%e %M" -o "$W/t2" "$PY" "$here/bench_py.py" "$W/mail-$N.mbox" "$W/py" >"$W/py.out" || exit 1
read -r a_s a_kb <"$W/t1"
read -r p_s p_kb <"$W/t2"
a_n=$(ls "$W/intake" | grep -c -v -e intake.jsonl)
p_n=$(cat "$W/py.out")
rm -rf "$W/forms" "$W/eml"
"$A2" generate -o "$W/forms" 2>/dev/null
"$PY" - "$root/forms/member-states.tsv" >"$W/contacts.csv" <<'PY'
import sys
print('iso3,name,title,address,email')
for l in open(sys.argv[1], encoding='utf-8').read().splitlines()[1:]:
    c = l.split('\t')[0]
    print('%s,Head,Director,Capital,tsb-%s@example.org' % (c, c.lower()))
PY
/usr/bin/time -f "%e %M" -o "$W/t3" "$A2" mail --forms "$W/forms" --contacts "$W/contacts.csv" -o "$W/eml" 2>/dev/null
read -r m_s m_kb <"$W/t3"
printf '%-58s %9s %9s\n' "mail round" "wall s" "peak MB"
printf '%-58s %9s %9s\n' "intake, mbox of $N messages ($size MB), annex2: $a_n stored" "$a_s" "$((a_kb / 1024))"
printf '%-58s %9s %9s\n' "  the same with Python mailbox + email: $p_n saved" "$p_s" "$((p_kb / 1024))"
awk -v a="$a_s" -v p="$p_s" 'BEGIN { printf "%-58s %9.1f\n", "  annex2 faster by (x)", p / a }'
printf '%-58s %9s %9s\n' "mail: 193 messages with 386 forms written (-o DIR)" "$m_s" "$((m_kb / 1024))"
