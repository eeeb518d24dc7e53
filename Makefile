# annex2 -- Member State consultation forms: generate, read, check, tally.
#
#   make            build build/annex2 and build/libannex2.a
#   make demo       install what is missing, build, generate every form, read the samples
#   make check      install what is missing, build, run every test
#   make install PREFIX=/usr/local
#   make fuzz FUZZ_SECONDS=N   libFuzzer harnesses (tests/fuzz/fuzz.mk)
#   make bench      benchmarks, a table of figures (tests/bench/bench.mk)
#
# Variables: BUILD (build folder), WERROR=1 (warnings are errors, as in CI),
# SAN=1 (build with ASan+UBSan), CC, V=1 (print every compiler line whole).

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS    := libxml-2.0 libzip libpcre2-8 jansson libcrypto xlsxwriter
# A layer that brings its own libraries and tests (PDF, scans, mail, review,
# languages) has a file of its own in mk/: PKGS += its pkg-config names,
# CHECK_GROUPS += its test targets (run by `make check`), SAN_GROUPS += the
# ones to run again under the sanitizers; and its Debian packages in
# tools/deps.d/.
CHECK_GROUPS :=
SAN_GROUPS   :=
DEMO    ?= demo

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wvla -Wpointer-arith -Wundef -Wnull-dereference -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN    += -Werror
endif
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
endif
OPT     ?= -O2 -g
ifeq ($(V),1)
Q       :=
SAY     := @:
else
Q       := @
SAY     := @printf '  %-6s %s\n'
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
A2_CFLAGS  = -std=c11 -D_DEFAULT_SOURCE -pthread $(OPT) $(WARN) $(SANFLAGS) -Iinclude -Isrc/lib -Isrc $(PKG_CFLAGS) $(CFLAGS)
A2_LDFLAGS = -pthread $(SANFLAGS) $(LDFLAGS)

LIB_SRC := $(sort $(wildcard src/lib/*/*.c src/lib/*/*/*.c))
LIB_ASM := src/lib/form/data.S
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(LIB_ASM:%.S=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BLOBS   := forms/consultation.rng forms/tsb-circular-195.xml forms/member-states.tsv forms/non-member-entities.tsv

.PHONY: all deps deps-test demo check unit clitest hostile schematest reporttest lotest samplestest samples sancheck valgrindtest install clean
all: $(BUILD)/annex2

deps:
	@sh tools/deps.sh build
deps-test:
	@sh tools/deps.sh test

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(SAY) CC $<
	$(Q)$(CC) $(A2_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/src/lib/form/data.o: src/lib/form/data.S $(BLOBS)
	@mkdir -p $(@D)
	$(SAY) AS $<
	$(Q)$(CC) -c $< -o $@

$(BUILD)/libannex2.a: $(LIB_OBJ)
	@rm -f $@
	$(SAY) AR $@
	$(Q)ar rcs $@ $^

$(BUILD)/annex2: $(CLI_OBJ) $(BUILD)/libannex2.a
	$(SAY) LD $@
	$(Q)$(CC) $(A2_LDFLAGS) $(CLI_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libannex2.a $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libannex2.a tests/unit/testutil.h
	@mkdir -p $(@D)
	$(SAY) LD $@
	$(Q)$(CC) $(A2_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libannex2.a $(PKG_LIBS) -lcmocka

# ---- the two README commands ----

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh $(BUILD)/annex2 $(DEMO)

check: deps-test
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory clitest
	@$(MAKE) --no-print-directory hostile
	@$(MAKE) --no-print-directory failalloc
	@$(MAKE) --no-print-directory schematest
	@$(MAKE) --no-print-directory reporttest
	@$(MAKE) --no-print-directory sancheck
	@$(MAKE) --no-print-directory valgrindtest
	@$(MAKE) --no-print-directory lotest
	@for g in $(CHECK_GROUPS); do $(MAKE) --no-print-directory $$g || exit 1; done
	@$(MAKE) --no-print-directory samplestest
	@echo "make check: all test groups passed"

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

clitest: $(BUILD)/annex2
	@sh tests/cli/run.sh $(BUILD)/annex2
	@sh tests/cli/records.sh $(BUILD)/annex2
	@sh tests/cli/safety.sh $(BUILD)/annex2

# About 190 broken and malicious inputs in one `annex2 read`: one record each,
# the right error, within time and memory, no file outside the input opened.
hostile: $(BUILD)/annex2
	@HOSTILE_SAN=$(SAN) sh tests/hostile/run.sh $(BUILD)/annex2

# Generated parts against the official ECMA-376 and ODF 1.3 schemas.
schematest: $(BUILD)/annex2
	@sh tests/schema/run.sh $(BUILD)/annex2

# The HTML report in a real browser, the workbook in an independent reader.
reporttest: $(BUILD)/annex2
	@sh tests/report/run.sh $(BUILD)/annex2

# The unit, CLI, hostile-input, report and sample tests again, under
# AddressSanitizer and UBSan.
sancheck:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/san SAN=1 OPT="-O1 -g" unit clitest hostile reporttest samplestest $(SAN_GROUPS)

# The CLI on every sample reply, and on generating forms, under valgrind:
# no memory error, no leak (read exits 1: one sample is a password-protected
# PDF, an error record).
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
valgrindtest: $(BUILD)/annex2
	@$(VALGRIND) $(BUILD)/annex2 read samples/returned >/dev/null 2>&1; test $$? -le 1 || \
	    { echo "valgrind: read samples/returned failed (99: a memory error or leak)"; exit 1; }
	@rm -rf $(BUILD)/vg-forms && $(VALGRIND) $(BUILD)/annex2 generate --only FRA,NER -o $(BUILD)/vg-forms 2>/dev/null
	@$(VALGRIND) $(BUILD)/annex2 tally samples/returned >/dev/null
	@echo "valgrind: 3 passed, 0 failed"

lotest: $(BUILD)/annex2
	@sh tests/lo/run.sh $(BUILD)/annex2

# Every sample reply read and compared with its expected record.
samplestest: $(BUILD)/annex2
	@sh tests/samples/run.sh $(BUILD)/annex2

# Regenerate samples/returned/ (needs LibreOffice; the expected records are kept by hand).
samples: $(BUILD)/annex2
	@sh samples/tools/make_samples.sh $(BUILD)/annex2

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/annex2 \
	    $(DESTDIR)$(PREFIX)/share/annex2
	install -m 755 $(BUILD)/annex2 $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(BUILD)/libannex2.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/annex2/*.h $(DESTDIR)$(PREFIX)/include/annex2/
	install -m 644 $(BLOBS) $(DESTDIR)$(PREFIX)/share/annex2/

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

include $(sort $(wildcard mk/*.mk))
include tests/failalloc/failalloc.mk
include tests/fuzz/fuzz.mk
include tests/bench/bench.mk
