#!/bin/sh
# tests/run-unit.sh -- run every cmocka test program; fail if any fails.
status=0
passed=0
failed=0
for t in "$@"; do
	if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; echo "FAILED: $t" >&2; fi
done
echo "unit: $passed passed, $failed failed"
exit $status
