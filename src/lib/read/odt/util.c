/* read/odt/util.c -- ODF: small helpers on the tree and on strings.
 * (odt.c describes the front end.) */
#include "read/odt/odt_int.h"

/* ---- small helpers ---- */

int
od_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
od_starts_with(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

int
od_ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

int
od_ns_is(const xmlNode *n, const char *ns)
{
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

const char *
od_local(const xmlNode *n)
{
	return (const char *)n->name;
}

/* An attribute that is present and not empty, or NULL. */
const char *
od_attr_ne(const xmlNode *n, const char *ns, const char *name)
{
	const char *v = a2_xml_attr(n, ns, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

unsigned
od_line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 && l < (long)UINT_MAX ? (unsigned)l : 0;
}

/* A non-negative count attribute, at least 1 and at most max. */
int
od_count_attr(const xmlNode *n, const char *ns, const char *name, int max)
{
	const char *v = a2_xml_attr(n, ns, name);
	char *end;
	long l;

	if (v == NULL)
		return 1;
	l = strtol(v, &end, 10);
	if (end == v || l < 1)
		return 1;
	return l > max ? max : (int)l;
}

/* An ODF boolean attribute as a state: missing is OFF (LibreOffice omits
 * false), unreadable is UNKNOWN. */
a2_tri
od_tri_bool(const char *v)
{
	if (v == NULL)
		return A2_OFF;
	switch (a2_xml_bool(v, -1)) {
	case 1:
		return A2_ON;
	case 0:
		return A2_OFF;
	default:
		return A2_UNKNOWN;
	}
}

int
od_sat_add(int a, int b)
{
	return a > INT_MAX - b ? INT_MAX : a + b;
}

/* Trims ASCII white space: *s and *n describe the result. */
void
od_trim(const char **s, size_t *n)
{
	while (*n > 0 && od_is_ws(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && od_is_ws((*s)[*n - 1]))
		(*n)--;
}

/* Length of the longest prefix of s[0..n) that is whole, valid UTF-8. */
size_t
od_utf8_prefix(const char *s, size_t n)
{
	size_t i = 0, k;
	unsigned cp;

	while (i < n) {
		k = a2_utf8_next(s + i, n - i, &cp);
		if (k == 0 || (cp == 0xFFFD && k == 1 &&
		    !(n - i >= 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)))
			break;
		i += k;
	}
	return i;
}

/* Compares s[0..n) (already trimmed) with z, trimmed. */
int
od_eq_trimmed(const char *s, size_t n, const char *z)
{
	size_t zn = strlen(z);

	od_trim(&z, &zn);
	return zn == n && memcmp(s, z, n) == 0;
}

/* Text of an element's own text children, in a new string ("" if none). */
char *
od_own_text(const xmlNode *n)
{
	a2_buf b = {0};
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			a2_buf_puts(&b, (const char *)c->content);
	return a2_buf_take(&b);
}

/* Next node of root's subtree in document order; descend = 0 skips n's
 * children.  NULL at the end. */
const xmlNode *
od_next_pre(const xmlNode *n, const xmlNode *root, int descend)
{
	if (descend && n->children != NULL)
		return n->children;
	while (n != root && n != NULL) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

