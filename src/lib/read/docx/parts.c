/* read/docx/parts.c -- DOCX: the package: small tree helpers, parts, relationships.
 * (docx.c describes the front end.) */
#include "read/docx/docx_int.h"

int
dx_nomem(dx *x)
{
	return a2_error_set(x->err, A2_ERR_NOMEM, "out of memory");
}

/* A name the walk keeps after its element is gone (a bookmark, a form
 * field's or a content control's name): in a tree walk the tree's own; in
 * a streaming walk interned for the document.  NULL (and keep_failed) when
 * out of memory. */
const char *
dx_keep(dx *x, const char *s)
{
	const xmlChar *k;

	if (!x->streaming || s == NULL)
		return s;
	if (x->keep == NULL && (x->keep = xmlDictCreate()) == NULL) {
		x->keep_failed = 1;
		return NULL;
	}
	if ((k = xmlDictLookup(x->keep, (const xmlChar *)s, -1)) == NULL)
		x->keep_failed = 1;
	return (const char *)k;
}

unsigned
dx_line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l < 0x7fffffffL ? (unsigned)l : 0;
}

int
dx_is_w(const dx *x, const xmlNode *n, const char *local)
{
	return a2_xml_is(n, x->nsw, local);
}

xmlNode *
dx_w_child(const dx *x, const xmlNode *n, const char *local)
{
	return a2_xml_child(n, x->nsw, local);
}

const char *
dx_w_attr(const dx *x, const xmlNode *n, const char *name)
{
	return a2_xml_attr(n, x->nsw, name);
}

/* w:val of a child element, or NULL. */
const char *
dx_w_child_val(const dx *x, const xmlNode *n, const char *local)
{
	return dx_w_attr(x, dx_w_child(x, n, local), "val");
}

/* A CT_OnOff element: 1 when present with no val or a true val, 0 for a
 * false val, -1 when absent. */
int
dx_onoff(const dx *x, const xmlNode *e)
{
	if (e == NULL)
		return -1;
	return a2_xml_bool(dx_w_attr(x, e, "val"), 1);
}

/* Integer w:val of a child, or dflt. */
int
dx_w_child_int(const dx *x, const xmlNode *n, const char *local, int dflt, int max)
{
	const char *v = dx_w_child_val(x, n, local);
	char *end;
	long l;

	if (v == NULL)
		return dflt;
	l = strtol(v, &end, 10);
	if (end == v || l < 0)
		return dflt;
	return l > max ? max : (int)l;
}

/* ---- package: parts and relationships ---- */

/* Copies the error of an optional read into x->err, keeping x->err->file. */
static void
take_error(dx *x, const a2_error *e)
{
	char file[sizeof(e->file)];

	if (x->err == NULL)
		return;
	memcpy(file, x->err->file, sizeof(file));
	*x->err = *e;
	if (file[0] != '\0')
		memcpy(x->err->file, file, sizeof(file));
}

/* The bytes of one part: 1 with *buf (caller frees), 0 when the part is
 * missing, -1 with x->err filled (limits, damaged zip, memory). */
int
dx_part_bytes(dx *x, const char *name, char **buf, size_t *len)
{
	a2_error e;

	if (name == NULL || !a2_zip_has(x->z, name))
		return 0;
	a2_error_clear(&e);
	if ((*buf = a2_zip_read(x->z, name, len, &e)) == NULL) {
		take_error(x, &e);
		return -1;
	}
	return 1;
}

/* Parses the bytes of one part: the tree (caller frees), or NULL with
 * *fatal = 0 when, lenient, the XML is malformed (an optional part the
 * reader can do without), or with *fatal = 1 and x->err filled. */
xmlDoc *
dx_parse_part(dx *x, const char *name, const char *buf, size_t len, int lenient, int *fatal)
{
	a2_error e;
	xmlDoc *d;

	*fatal = 0;
	a2_error_clear(&e);
	d = a2_xml_parse(buf, len, name, x->lim->max_depth, &e);
	if (d == NULL && !(lenient && e.code == A2_ERR_XML)) {
		*fatal = 1;
		take_error(x, &e);
	}
	return d;
}

/*
 * Reads and parses one part.  Returns the tree (caller frees), or NULL:
 * with *fatal = 0 when the part is missing or, if lenient, malformed XML;
 * with *fatal = 1 and x->err filled on anything else (limits, damaged zip,
 * memory, or any error when not lenient).
 */
xmlDoc *
dx_load_part(dx *x, const char *name, int lenient, int *fatal)
{
	char *buf;
	size_t len;
	xmlDoc *d;
	int k = dx_part_bytes(x, name, &buf, &len);

	*fatal = k < 0;
	if (k <= 0)
		return NULL;
	d = dx_parse_part(x, name, buf, len, lenient, fatal);
	free(buf);
	return d;
}

/* Joins a relationship target to the folder of its source part and
 * normalises "." and ".." into a zip member name.  Caller frees. */
static char *
resolve_target(const char *source, const char *target)
{
	a2_buf b = {0};
	const char *slash, *p, *q;
	char *out;
	size_t len;

	if (target[0] == '/') {
		target++;
	} else if ((slash = strrchr(source, '/')) != NULL) {
		a2_buf_add(&b, source, (size_t)(slash - source) + 1);
	}
	a2_buf_puts(&b, target);
	out = a2_buf_take(&b);
	if (out == NULL)
		return NULL;
	/* normalise segment by segment in place */
	len = 0;
	for (p = out; *p != '\0'; p = *q ? q + 1 : q) {
		size_t n;
		q = strchr(p, '/');
		if (q == NULL)
			q = p + strlen(p);
		n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			continue;
		}
		if (len > 0)
			out[len++] = '/';
		memmove(out + len, p, n);
		len += n;
	}
	out[len] = '\0';
	return out;
}

void
dx_rels_free(rels *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Loads the relationships of part (package root when part is ""): the
 * part "dir/_rels/base.rels".  A missing or malformed .rels part leaves r
 * empty.  0, or -1 with x->err set. */
int
dx_rels_load(dx *x, const char *part, rels *r)
{
	const char *slash = strrchr(part, '/');
	char *name;
	xmlDoc *d;
	xmlNode *n;
	int fatal, rc = -1;

	if (slash != NULL)
		name = a2_sprintf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
	else
		name = a2_sprintf("_rels/%s.rels", part);
	if (name == NULL)
		return dx_nomem(x);
	/* the relationships lead to the main part, its styles and metadata: a
	 * damaged one is an error, never a part silently not followed */
	d = dx_load_part(x, name, 0, &fatal);
	free(name);
	if (d == NULL)
		return fatal ? -1 : 0;
	n = xmlDocGetRootElement(d);
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		const char *id, *type, *target, *mode;
		rel *e;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Relationship") != 0)
			continue;
		id = a2_xml_attr(n, NULL, "Id");
		type = a2_xml_attr(n, NULL, "Type");
		target = a2_xml_attr(n, NULL, "Target");
		mode = a2_xml_attr(n, NULL, "TargetMode");
		if (id == NULL || type == NULL || target == NULL ||
		    (mode != NULL && strcasecmp(mode, "External") == 0))
			continue;
		if (a2_grow((void **)&r->v, &r->cap, r->n + 1, sizeof(rel)) != 0)
			goto nomem;
		e = &r->v[r->n];
		e->ax = AX_UNREAD;
		e->id = a2_strdup(id);
		e->type = a2_strdup(type);
		e->target = resolve_target(part, target);
		r->n++;
		if (e->id == NULL || e->type == NULL || e->target == NULL)
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	dx_nomem(x);
out:
	xmlFreeDoc(d);
	return rc;
}

/* The first relationship whose type ends in "/suffix" (transitional and
 * strict URIs share their last segment). */
const rel *
dx_rel_by_type(const rels *r, const char *suffix)
{
	size_t i, ls = strlen(suffix);

	for (i = 0; i < r->n; i++) {
		size_t lt = strlen(r->v[i].type);
		if (lt > ls && strcmp(r->v[i].type + lt - ls, suffix) == 0 &&
		    r->v[i].type[lt - ls - 1] == '/')
			return &r->v[i];
	}
	return NULL;
}

rel *
dx_rel_by_id(rels *r, const char *id)
{
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	return NULL;
}

