# mk/scangen.mk -- the scan-like replies (issue 14): tests/scan/gen/ stands in
# for the printer, the pen and the scanner (LibreOffice, poppler-utils,
# Python's PIL and numpy; packages in tools/deps.d/scangen.sh).
#   make scancorpus [SCANCORPUS=DIR] [SCANSEED=N]
#                                     the accuracy set: ~40 replies, >= 100
#                                     pages, each FILE with FILE.truth.json
#                                     (not in make check: make scantest reads it);
#                                     another seed, another set (held out)
#   make scansamples                  samples/scans/ again (with .expected.json)
#   make scangentest                  score.py's self-test and the generator's
#                                     determinism and outputs (in make check)
SCANCORPUS ?= $(BUILD)/scancorpus
SCANSEED ?= 14
CHECK_GROUPS += scangentest

.PHONY: scancorpus scansamples scangentest
scancorpus: $(BUILD)/annex2
	@nice /usr/bin/python3 tests/scan/gen/make_scans.py --corpus --annex2 $(BUILD)/annex2 --seed $(SCANSEED) -o $(SCANCORPUS)

scansamples: $(BUILD)/annex2
	@/usr/bin/python3 tests/scan/gen/make_scans.py --samples --annex2 $(BUILD)/annex2 -o samples/scans

scangentest: $(BUILD)/annex2
	@sh tests/scan/gen/run.sh $(BUILD)/annex2
