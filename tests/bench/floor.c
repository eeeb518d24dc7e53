/* tests/bench/floor.c -- the floor for `annex2 read`: what no reader of
 * these files can skip.  For each file (PATH: a file, or a folder searched
 * recursively for .docx and .odt), only: read the file into memory, open it
 * with libzip, inflate the main part (word/document.xml, else content.xml),
 * parse it with libxml2 (as xmlReadMemory, with the options and the
 * XML_SKIP_IDS of src/lib/core/xml.c),
 * free.  Nothing else: no other part, no checks, no matching, no output but
 * one line on stderr: files, bytes read, main-part bytes inflated.  Built
 * with the flags of the library (bench.mk: $(A2_CFLAGS)).
 *
 *   floor PATH...          exit 1 when a file cannot be read, opened or parsed
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <zip.h>

/* the options a2_xml_parse gives libxml2 (src/lib/core/xml.c) */
#define OPTS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES | \
	XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static size_t nfiles, nbad, bytes_in, bytes_xml;
static unsigned char *fbuf, *xbuf;
static size_t fcap, xcap;

static int
grow(unsigned char **p, size_t *cap, size_t need)
{
	unsigned char *n;

	if (need <= *cap)
		return 0;
	if ((n = realloc(*p, need)) == NULL)
		return -1;
	*p = n;
	*cap = need;
	return 0;
}

static int
one(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *zf;
	zip_stat_t zs;
	zip_int64_t idx, got;
	size_t len;
	xmlDocPtr doc;
	xmlParserCtxtPtr ctxt;
	int ok;

	if (fp == NULL || fstat(fileno(fp), &st) != 0 || grow(&fbuf, &fcap, (size_t)st.st_size + 1) != 0) {
		if (fp)
			fclose(fp);
		return -1;
	}
	len = fread(fbuf, 1, (size_t)st.st_size, fp);
	fclose(fp);
	bytes_in += len;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(fbuf, len, 0, &ze)) == NULL)
		return -1;
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	if ((idx = zip_name_locate(za, "word/document.xml", 0)) < 0)
		idx = zip_name_locate(za, "content.xml", 0);
	if (idx < 0 || zip_stat_index(za, (zip_uint64_t)idx, 0, &zs) != 0 ||
	    grow(&xbuf, &xcap, (size_t)zs.size + 1) != 0 ||
	    (zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL) {
		zip_discard(za);
		return -1;
	}
	got = zip_fread(zf, xbuf, zs.size);
	zip_fclose(zf);
	zip_discard(za);
	if (got < 0 || (zip_uint64_t)got != zs.size)
		return -1;
	bytes_xml += (size_t)got;
	/* xmlReadMemory, with a2_xml_parse's XML_SKIP_IDS (set on the context) */
	if ((ctxt = xmlCreateMemoryParserCtxt((const char *)xbuf, (int)got)) == NULL)
		return -1;
	xmlCtxtUseOptions(ctxt, OPTS);
	ctxt->loadsubset |= XML_SKIP_IDS;
	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ok = doc != NULL && ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	xmlFreeDoc(doc);
	return ok ? 0 : -1;
}

static int
wanted(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot != NULL && (strcmp(dot, ".docx") == 0 || strcmp(dot, ".odt") == 0);
}

static void
walk(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (stat(path, &st) != 0) {
		nbad++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		nfiles++;
		if (one(path) != 0) {
			fprintf(stderr, "floor: %s: cannot read\n", path);
			nbad++;
		}
		return;
	}
	if ((d = opendir(path)) == NULL) {
		nbad++;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char *sub;
		if (e->d_name[0] == '.')
			continue;
		if ((sub = malloc(strlen(path) + strlen(e->d_name) + 2)) == NULL)
			break;
		sprintf(sub, "%s/%s", path, e->d_name);
		if (stat(sub, &st) == 0 && (S_ISDIR(st.st_mode) || wanted(e->d_name)))
			walk(sub);
		free(sub);
	}
	closedir(d);
}

int
main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fputs("usage: floor PATH...\n", stderr);
		return 2;
	}
	/* as `annex2 read` does (src/cli/cmd_read.c): libzip's mktime() per
	 * zip entry then reads /etc/localtime once, not once per entry, so
	 * that the floor pays no more than annex2 for what neither needs */
	if (getenv("TZ") == NULL)
		setenv("TZ", ":/etc/localtime", 0);
	xmlInitParser();
	for (i = 1; i < argc; i++)
		walk(argv[i]);
	fprintf(stderr, "floor: %zu files, %zu bytes read, %zu bytes of main part parsed\n",
	    nfiles, bytes_in, bytes_xml);
	free(fbuf);
	free(xbuf);
	xmlCleanupParser();
	return nbad ? 1 : 0;
}
