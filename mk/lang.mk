# mk/lang.mk -- the six-language layer (issue 15): ICU normalises the text the
# matcher reads (NFKC, Arabic tatweel and harakat, digits of every script).
PKGS += icu-uc icu-i18n
