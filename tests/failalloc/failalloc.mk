# tests/failalloc/failalloc.mk -- the failing-allocation test (included
# from the Makefile).
#
#   make failalloc            build and run it over the read path
#
# Built without sanitizers whatever SAN says: it replaces malloc itself.
# -rdynamic gives the crash reports function names.

FAILALLOC_BIN := $(BUILD)/tests/failalloc

.PHONY: failalloc
failalloc: $(FAILALLOC_BIN)
	@sh tests/failalloc/run.sh $(FAILALLOC_BIN)

$(FAILALLOC_BIN): tests/failalloc/failalloc.c $(BUILD)/libannex2.a
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(OPT) $(WARN) -Iinclude -Isrc/lib -Isrc $(PKG_CFLAGS) $(CFLAGS) \
	    -rdynamic -o $@ $< $(BUILD)/libannex2.a $(PKG_LIBS) -ldl
