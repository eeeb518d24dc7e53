# tests/cli/lib.sh -- what the CLI test scripts share (sourced after they
# set A2 and T): counting checks, exit statuses, text in a file.
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
expect_status() { # expected-status description command...
	want=$1; what=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  | /' "$T/err" >&2; fi
}
has() { # file pattern description
	if grep -q -- "$2" "$1"; then ok; else bad "$3: no \"$2\" in $1"; fi
}
