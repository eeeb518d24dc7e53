# tests/fuzz/fuzz.mk -- libFuzzer harnesses (included from the Makefile).
#
#   make fuzz FUZZ_SECONDS=600        build every harness, seed, fuzz each N s
#   make fuzz FUZZERS="docx odt"      only some of them
#   make fuzz-build                   build the harnesses only
#   FUZZ_FORK=0 make fuzz ...         stop at the first crash (the default
#                                     keeps fuzzing: libFuzzer -fork=1
#                                     -ignore_crashes=1, crashes saved)
#   FUZZ_EXTRA=...                    more compiler flags, e.g.
#                                     -fno-sanitize=nonnull-attribute
#
# Every library source is compiled again with clang, libFuzzer coverage,
# ASan and UBSan into $(FUZZ_BUILD); each harness tests/fuzz/fuzz_NAME.c is
# linked with them.  tests/fuzz/run.sh makes the seeds (generated forms,
# samples/, ../shared/reference/corpus/ when present, the hostile corpus)
# and runs the fuzzers; crashes land in $(FUZZ_BUILD)/artifacts/NAME/.
# Needs clang and libclang-rt-14-dev (tools/deps.sh test).

FUZZ_CC      ?= clang
FUZZ_BUILD   ?= $(BUILD)/fuzz
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZERS      ?= docx odt pdf form names mail scan image
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_EXTRA   ?=
FUZZ_CFLAGS  := -std=c11 -D_DEFAULT_SOURCE -g -O1 $(FUZZ_SAN) $(FUZZ_EXTRA) -Iinclude -Isrc/lib -Isrc $(PKG_CFLAGS) $(CFLAGS)

FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/src/lib/form/data.o
FUZZ_BIN     := $(FUZZERS:%=$(FUZZ_BUILD)/fuzz_%)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BIN)

fuzz: $(FUZZ_BIN) $(BUILD)/annex2
	@sh tests/fuzz/run.sh $(BUILD)/annex2 $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZERS)

$(filter-out %/data.o,$(FUZZ_LIB_OBJ)): $(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

# data.S .incbin's forms/... by paths relative to the repository root
$(FUZZ_BUILD)/src/lib/form/data.o: src/lib/form/data.S $(BLOBS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h tests/fuzz/fuzz_intake_common.h $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(PKG_LIBS)

-include $(FUZZ_LIB_OBJ:.o=.d)
