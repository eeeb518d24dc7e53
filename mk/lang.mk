# mk/lang.mk -- the six-language layer (issue 15): utf8proc normalises the
# text the matcher reads (NFKC, default ignorables, Arabic tatweel and
# harakat, digits of every script).  utf8proc, not ICU: the same Unicode
# NFKC at a fifth of ICU's resident memory (src/lib/read/match/norm.c).
PKGS += libutf8proc
