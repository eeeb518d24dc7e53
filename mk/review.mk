# mk/review.mk -- the review layer (issue 17): decisions over the reader's
# verdicts, `annex2 review --list/--set/--serve` (libmicrohttpd), its tests.
# libmicrohttpd: its header at build time; the library is opened by
# `review --serve` when it runs (dlopen), so that GnuTLS and its kin are not
# loaded by every annex2 command (read's memory bound on hostile input).
A2_CFLAGS += $(shell pkg-config --cflags libmicrohttpd 2>/dev/null)
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
