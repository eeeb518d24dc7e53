# mk/review.mk -- the review layer (issue 17): decisions over the reader's
# verdicts, `annex2 review --list/--set/--serve` (libmicrohttpd), its tests.
PKGS += libmicrohttpd
CHECK_GROUPS += reviewtest
SAN_GROUPS += reviewtest

.PHONY: reviewtest
# Decisions in check and tally, --list/--set, the web page in headless
# Chromium, its security checks, concurrent saves (tests/review/).
reviewtest: $(BUILD)/annex2
	@SANITIZED=$(SAN) sh tests/review/run.sh $(BUILD)/annex2

.PHONY: reviewbench
# The review page's times with curl on 200 replies (part of `make bench`).
reviewbench: $(BUILD)/annex2
	@sh tests/review/bench.sh $(BUILD)/annex2 $(BENCH_WORK)
bench: reviewbench
