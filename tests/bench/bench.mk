# tests/bench/bench.mk -- `make bench` (included by the Makefile).
#
#   make bench              installs what is missing (tools/deps.sh bench), builds
#                           annex2 and the floor, makes the corpus once, prints the table
#   make bench-profile      perf profiles of read and generate into $(BENCH_WORK)/
#
# Variables: BENCH_WORK (corpus and results, default $(BUILD)/bench),
# BENCH_RUNS (runs per figure, default 7), BENCH_RUNS_10K (default 3),
# BENCH_LO_RUNS (LibreOffice runs, default 3; 0 leaves it out),
# BENCH_BASELINE (another annex2 binary, timed on the same inputs),
# BENCH_REMAKE=1 (make the corpus again).  See tests/bench/README.md.

BENCH_WORK     ?= $(BUILD)/bench
BENCH_RUNS     ?= 7
BENCH_RUNS_10K ?= 3
BENCH_LO_RUNS  ?= 3
BENCH_FLOOR    := $(BUILD)/tests/bench/floor

.PHONY: bench bench-profile

$(BENCH_FLOOR): tests/bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(A2_CFLAGS) -o $@ $< $(A2_LDFLAGS) $(shell pkg-config --libs libxml-2.0 libzip)

bench:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory $(BUILD)/annex2 $(BENCH_FLOOR)
	@BENCH_RUNS=$(BENCH_RUNS) BENCH_RUNS_10K=$(BENCH_RUNS_10K) BENCH_LO_RUNS=$(BENCH_LO_RUNS) \
	    BENCH_BASELINE=$(BENCH_BASELINE) BENCH_REMAKE=$(BENCH_REMAKE) \
	    sh tests/bench/run.sh $(BUILD)/annex2 $(BENCH_FLOOR) $(BENCH_WORK)

bench-profile:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory $(BUILD)/annex2 $(BENCH_FLOOR)
	@BENCH_REMAKE=$(BENCH_REMAKE) sh tests/bench/profile.sh $(BUILD)/annex2 $(BENCH_WORK)
