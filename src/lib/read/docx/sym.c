/* read/docx/sym.c -- DOCX: symbol fonts (Wingdings, Symbol, Webdings) mapped to their Unicode look-alikes.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

typedef struct symmap {
	unsigned char code;  /* the character code in the font */
	unsigned cp;         /* the Unicode look-alike */
} symmap;

/*
 * Only the characters a person may use to mark a choice: boxes (empty,
 * ticked, crossed), ticks, crosses, circles and bullets.  The Unicode 7
 * equivalents (tables by Microsoft's font charts) are mostly in the astral
 * plane and unknown to the matcher, so a box is mapped to ☐/□/☑/☒, a tick
 * to ✓/✔, a cross to ✗/×, a circle to ○/●/◉.
 */
static const symmap sym_wingdings[] = {
	{0x6C, 0x25CF}, /* medium black circle      -> ● */
	{0x6D, 0x25CB}, /* shadowed white circle    -> ○ */
	{0x6E, 0x25A0}, /* black medium square      -> ■ */
	{0x6F, 0x2610}, /* medium white square      -> ☐ */
	{0x70, 0x2610}, /* bold white square        -> ☐ */
	{0x71, 0x2610}, /* shadowed white square ❑  -> ☐ */
	{0x72, 0x2610}, /* shadowed white square ❒  -> ☐ */
	{0x78, 0x2612}, /* ⌧ X in a rectangle box   -> ☒ */
	{0x9E, 0x2219}, /* bullet operator ∙ */
	{0x9F, 0x2022}, /* bullet • */
	{0xA1, 0x25CB}, /* heavy circle             -> ○ */
	{0xA2, 0x25CB}, /* bold white circle        -> ○ */
	{0xA3, 0x25CB}, /* very heavy white circle  -> ○ */
	{0xA4, 0x25C9}, /* circle with black circle -> ◉ */
	{0xA5, 0x25CE}, /* round target ◎ */
	{0xA7, 0x25AA}, /* black small square ▪ */
	{0xA8, 0x2610}, /* light white square       -> ☐ */
	{0xFB, 0x2717}, /* ballot bold script X     -> ✗ */
	{0xFC, 0x2713}, /* check mark ✓ */
	{0xFD, 0x2612}, /* ballot box bold script X -> ☒ */
	{0xFE, 0x2611}, /* ballot box bold check    -> ☑ */
};

static const symmap sym_wingdings2[] = {
	{0x4F, 0x2717}, /* ballot script X          -> ✗ */
	{0x50, 0x2713}, /* light check mark         -> ✓ */
	{0x51, 0x2612}, /* ballot box script X      -> ☒ */
	{0x52, 0x2611}, /* ballot box with check ☑ */
	{0x53, 0x2612}, /* ballot box light X       -> ☒ */
	{0x54, 0x2612}, /* ballot box with X ☒ */
	{0x55, 0x2297}, /* circled X                -> ⊗ */
	{0x56, 0x2297}, /* circled bold X           -> ⊗ */
	{0x96, 0x2022}, /* black small circle       -> • */
	{0x97, 0x2022}, /* Z notation spot ⦁        -> • */
	{0x98, 0x25CF}, /* black circle ● */
	{0x99, 0x25CB}, /* white circle ○ */
	{0x9A, 0x25CB}, /* medium bold white circle -> ○ */
	{0x9B, 0x25CB}, /* heavy white circle       -> ○ */
	{0x9C, 0x25CB}, /* extremely heavy circle   -> ○ */
	{0x9D, 0x2299}, /* circled dot ⊙ */
	{0x9E, 0x25C9}, /* circled bullet ⦿         -> ◉ */
	{0xA1, 0x25FE}, /* black medium small square ◾ */
	{0xA2, 0x25A0}, /* black square ■ */
	{0xA3, 0x25A1}, /* white square □ */
	{0xA4, 0x2610}, /* heavy white square       -> ☐ */
	{0xA5, 0x2610}, /* very heavy white square  -> ☐ */
	{0xA6, 0x2610}, /* extremely heavy square   -> ☐ */
	{0xA8, 0x25A3}, /* square with black square ▣ */
};

static const symmap sym_symbol[] = {
	{0xB4, 0x00D7}, /* multiplication sign × */
	{0xB7, 0x2022}, /* bullet • */
	{0xC4, 0x2297}, /* circled times ⊗ */
	{0xC5, 0x2295}, /* circled plus ⊕ */
	{0xD6, 0x221A}, /* radical √ (used as a tick) */
	{0xE0, 0x25CA}, /* lozenge ◊ */
};

static const symmap sym_webdings[] = {
	{0x61, 0x2714}, /* heavy check mark ✔ */
	{0x63, 0x2610}, /* white large square       -> ☐ */
	{0x67, 0x25A0}, /* black large square       -> ■ */
	{0x6E, 0x25CF}, /* black large circle       -> ● */
	{0x72, 0x2717}, /* cancellation X           -> ✗ */
};

/* SF_* of a font name, SF_NONE for an ordinary font. */
int
dx_symfont_kind(const char *font)
{
	if (font == NULL)
		return SF_NONE;
	if (strcasecmp(font, "Symbol") == 0)
		return SF_SYMBOL;
	if (strcasecmp(font, "Wingdings") == 0)
		return SF_WINGDINGS;
	if (strcasecmp(font, "Wingdings 2") == 0)
		return SF_WINGDINGS2;
	if (strcasecmp(font, "Wingdings 3") == 0)
		return SF_WINGDINGS3;
	if (strcasecmp(font, "Webdings") == 0)
		return SF_WEBDINGS;
	return SF_NONE;
}

/* The Unicode look-alike of a symbol-font character code (0x00-0xFF or its
 * Private Use Area alias U+F000-U+F0FF), or 0 when it has none. */
unsigned
dx_sym_lookup(int kind, unsigned code)
{
	const symmap *t;
	size_t n, i;

	if (code >= 0xF000 && code <= 0xF0FF)
		code -= 0xF000;
	if (code > 0xFF)
		return 0;
	switch (kind) {
	case SF_WINGDINGS: t = sym_wingdings; n = sizeof(sym_wingdings) / sizeof(*t); break;
	case SF_WINGDINGS2: t = sym_wingdings2; n = sizeof(sym_wingdings2) / sizeof(*t); break;
	case SF_SYMBOL: t = sym_symbol; n = sizeof(sym_symbol) / sizeof(*t); break;
	case SF_WEBDINGS: t = sym_webdings; n = sizeof(sym_webdings) / sizeof(*t); break;
	default: return 0;
	}
	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].cp;
	return 0;
}

/* A hexadecimal code point ("2612", "F0FE"), or 0 when s is not one. */
unsigned
dx_hex_cp(const char *s)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtoul(s, &end, 16);
	if (*end != '\0' || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return (unsigned)v;
}

/* 1 for a code point worth putting in text: not a control character, a
 * surrogate or a noncharacter. */
int
dx_printable(unsigned cp)
{
	return cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F) && !(cp >= 0xFDD0 && cp <= 0xFDEF) &&
	    (cp & 0xFFFE) != 0xFFFE && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* 1 for combining marks and variation selectors (they belong to the glyph
 * before them: "⃝" is U+20DD). */
int
dx_is_combining(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

