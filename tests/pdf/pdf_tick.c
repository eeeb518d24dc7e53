/* tests/pdf/pdf_tick.c -- tick a PDF form's checkboxes through poppler, as
 * a PDF viewer does, and save it.
 *
 *   pdf_tick IN OUT SPEC
 *
 * SPEC: comma list of field numbers N (1-based, the field named "boxN" by
 * samples/tools/pdf_add_fields.py) to turn on; every other checkbox is
 * turned off.  "-" turns all off.  Also lists the fields poppler sees:
 * "N fields, M on" on standard output.  Exit 0, 1 (poppler failed), 2
 * (usage). */
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
wanted(const char *spec, int n)
{
	const char *p = spec;

	while (*p) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			return 0;
		if (v == n)
			return 1;
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	GError *err = NULL;
	PopplerDocument *doc;
	gchar *in, *out;
	int p, np, fields = 0, on = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: pdf_tick IN OUT SPEC\n");
		return 2;
	}
	in = g_filename_to_uri(argv[1], NULL, NULL);
	out = g_filename_to_uri(argv[2], NULL, NULL);
	if (in == NULL || out == NULL) {
		fprintf(stderr, "pdf_tick: file names must be absolute\n");
		return 2;
	}
	if ((doc = poppler_document_new_from_file(in, NULL, &err)) == NULL) {
		fprintf(stderr, "pdf_tick: %s: %s\n", argv[1], err->message);
		return 1;
	}
	np = poppler_document_get_n_pages(doc);
	for (p = 0; p < np; p++) {
		PopplerPage *page = poppler_document_get_page(doc, p);
		GList *map = poppler_page_get_form_field_mapping(page), *l;
		for (l = map; l != NULL; l = l->next) {
			PopplerFormFieldMapping *m = l->data;
			gchar *name;
			int n;
			if (poppler_form_field_get_field_type(m->field) != POPPLER_FORM_FIELD_BUTTON)
				continue;
			name = poppler_form_field_get_name(m->field);
			n = name && strncmp(name, "box", 3) == 0 ? atoi(name + 3) : 0;
			g_free(name);
			fields++;
			poppler_form_field_button_set_state(m->field, n > 0 && wanted(argv[3], n));
			on += poppler_form_field_button_get_state(m->field) ? 1 : 0;
		}
		poppler_page_free_form_field_mapping(map);
		g_object_unref(page);
	}
	if (!poppler_document_save(doc, out, &err)) {
		fprintf(stderr, "pdf_tick: %s: %s\n", argv[2], err->message);
		return 1;
	}
	printf("%d fields, %d on\n", fields, on);
	g_object_unref(doc);
	g_free(in);
	g_free(out);
	return 0;
}
