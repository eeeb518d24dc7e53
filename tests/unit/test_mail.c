/*
 * tests/unit/test_mail.c -- the mail layer (include/annex2/mail.h) on its own:
 * a composed message taken back by intake gives the same attachment bytes
 * and the provenance of its headers; sent.jsonl written and read back (a
 * last line cut short by a crash is left out; a broken line is refused
 * with its number); the receipt time from the topmost Received: header,
 * else Date:; auto-replies, duplicates and limits; the record's message
 * through JSON; lateness by receipt.
 */
#include <dirent.h>
#include <sys/stat.h>

#include <jansson.h>

#include "testutil.h"
#include "check/validate.h"

static char *
tmpdir(void)
{
	char *d = strdup("/tmp/a2-test-mail-XXXXXX");

	assert_non_null(d);
	assert_non_null(mkdtemp(d));
	return d;
}

static void
rmtree(const char *d)
{
	DIR *dir = opendir(d);
	struct dirent *de;
	char p[512];

	while (dir != NULL && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", d, de->d_name);
		unlink(p);
	}
	if (dir != NULL)
		closedir(dir);
	rmdir(d);
}

/* The intake.jsonl lines of dir, as one JSON array. */
static json_t *
entries(const char *dir)
{
	char p[512], *line = NULL;
	size_t cap = 0;
	json_t *a = json_array();
	FILE *fp;

	snprintf(p, sizeof(p), "%s/intake.jsonl", dir);
	fp = fopen(p, "r");
	assert_non_null(fp);
	while (getline(&line, &cap, fp) > 0) {
		json_t *o = json_loads(line, 0, NULL);
		assert_non_null(o);
		json_array_append_new(a, o);
	}
	free(line);
	fclose(fp);
	return a;
}

static const char *
jget(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
test_compose_and_take_back(void **state)
{
	a2_error err;
	a2_form *form;
	const char *to[] = {"a@example.fr", "b@example.fr"};
	unsigned char docx[300];
	a2_mail_file f = {"FRA.docx", docx, sizeof(docx)};
	a2_mail_spec spec;
	unsigned char *msg = NULL, *stored;
	size_t len = 0, slen, i;
	char *id = NULL, *dir, path[600], sha[65];
	a2_intake *in;
	json_t *a, *e;

	(void)state;
	a2_error_clear(&err);
	form = a2_form_load(NULL, &err);
	assert_non_null(form);
	memcpy(docx, "PK\3\4", 4);
	for (i = 4; i < sizeof(docx); i++)
		docx[i] = (unsigned char)(i * 7);
	memset(&spec, 0, sizeof(spec));
	spec.iso3 = "FRA";
	spec.state_name = "France";
	spec.to = to;
	spec.n_to = 2;
	spec.files = &f;
	spec.n_files = 1;
	spec.date = 1724162580;   /* 2024-08-20T14:03:00Z */
	assert_int_equal(a2_mail_compose(form, &spec, &msg, &len, &id, &err), 0);
	assert_non_null(strstr((char *)msg, "Subject: TSB Circular 195"));
	assert_non_null(strstr((char *)msg, "To: a@example.fr, b@example.fr"));
	assert_non_null(strstr((char *)msg, "21 August 2024, 23:59 UTC"));
	assert_non_null(strstr((char *)msg, "\r\n"));
	assert_true(id[0] == '<' && strstr(id, ".FRA.") != NULL);

	dir = tmpdir();
	in = a2_intake_new(dir, NULL, &err);
	assert_non_null(in);
	assert_int_equal(a2_intake_message(in, msg, len, "one", 0, &err), 0);
	/* the same message again: a duplicate, nothing stored twice */
	assert_int_equal(a2_intake_message(in, msg, len, "two", 0, &err), 0);
	assert_int_equal(a2_intake_flush(in, &err), 0);
	assert_int_equal(a2_intake_get_stats(in)->stored, 1);
	assert_int_equal(a2_intake_get_stats(in)->duplicates, 1);
	a2_intake_free(in);
	a = entries(dir);
	assert_int_equal(json_array_size(a), 2);
	e = json_array_get(a, 0);
	assert_string_equal(jget(e, "status"), "stored");
	assert_string_equal(jget(e, "message_id"), id);
	assert_string_equal(jget(e, "attachment"), "FRA.docx");
	assert_string_equal(jget(e, "received"), "2024-08-20T14:03:00Z");
	assert_string_equal(jget(e, "received_from"), "date");
	assert_string_equal(jget(json_array_get(a, 1), "status"), "duplicate");
	a2_sha256_hex(docx, sizeof(docx), sha);
	assert_string_equal(jget(e, "sha256"), sha);
	snprintf(path, sizeof(path), "%s/%s", dir, jget(e, "file"));
	stored = t_slurp(path, &slen);
	assert_int_equal(slen, sizeof(docx));
	assert_memory_equal(stored, docx, slen);
	free(stored);
	json_decref(a);
	rmtree(dir);
	free(dir);
	free(msg);
	free(id);
	a2_form_free(form);
}

static void
test_received_auto_and_limits(void **state)
{
	static const char received[] =
	    "Received: from b by mail.itu.int; Fri, 23 Aug 2024 08:00:00 +0000\r\n"
	    "Received: from a by b; Wed, 21 Aug 2024 20:00:00 +0000\r\n"
	    "From: x@example.org\r\nDate: Wed, 21 Aug 2024 20:00:00 +0000\r\n"
	    "Message-ID: <r@x>\r\nSubject: s\r\n\r\nno attachment\r\n";
	static const char autorep[] =
	    "From: x@example.org\r\nMessage-ID: <auto@x>\r\nAuto-Submitted: auto-replied\r\n\r\naway\r\n";
	a2_intake_limits lim;
	a2_intake_opts o;
	a2_error err;
	char *dir = tmpdir(), big[200];
	a2_intake *in;
	json_t *a;

	(void)state;
	a2_intake_limits_default(&lim);
	lim.header_bytes = 100;
	memset(&o, 0, sizeof(o));
	o.limits = &lim;
	a2_error_clear(&err);
	in = a2_intake_new(dir, &o, &err);
	assert_non_null(in);
	assert_int_equal(a2_intake_message(in, received, strlen(received), "r", 0, &err), 0);
	assert_int_equal(a2_intake_message(in, autorep, strlen(autorep), "a", 0, &err), 0);
	snprintf(big, sizeof(big), "Subject: %0150d\r\n\r\nx\r\n", 0);
	assert_int_equal(a2_intake_message(in, big, strlen(big), "h", 0, &err), 0);
	assert_int_equal(a2_intake_flush(in, &err), 0);
	a2_intake_free(in);
	a = entries(dir);
	assert_int_equal(json_array_size(a), 3);
	assert_string_equal(jget(json_array_get(a, 0), "status"), "no-attachment");
	assert_string_equal(jget(json_array_get(a, 0), "received"), "2024-08-23T08:00:00Z");  /* the topmost */
	assert_string_equal(jget(json_array_get(a, 0), "received_from"), "received");
	assert_string_equal(jget(json_array_get(a, 1), "status"), "auto-reply");
	assert_string_equal(jget(json_array_get(a, 2), "status"), "error");
	assert_string_equal(jget(json_object_get(json_array_get(a, 2), "error"), "code"), "limit");
	json_decref(a);
	/* a second intake into the same folder takes nothing again */
	in = a2_intake_new(dir, &o, &err);
	assert_non_null(in);
	assert_int_equal(a2_intake_message(in, received, strlen(received), "r", 0, &err), 0);
	assert_int_equal(a2_intake_get_stats(in)->skipped, 1);
	a2_intake_free(in);
	rmtree(dir);
	free(dir);
}

static void
test_sent_log(void **state)
{
	a2_error err;
	char *dir = tmpdir(), path[600];
	char *to[] = {"a@example.fr"};
	struct a2_sent_file sf = {"FRA.docx", "0123"};
	a2_sent e, *v;
	size_t n;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/sent.jsonl", dir);
	a2_error_clear(&err);
	v = a2_sent_load(path, &n, &err);   /* a missing log is an empty one */
	assert_non_null(v);
	assert_int_equal(n, 0);
	a2_sent_free(v, n);
	memset(&e, 0, sizeof(e));
	e.kind = "circular";
	e.iso3 = "FRA";
	e.message_id = "<m1@itu.int>";
	e.to = to;
	e.n_to = 1;
	e.time = "2024-05-21T09:00:00Z";
	e.subject = "s";
	e.files = &sf;
	e.n_files = 1;
	assert_int_equal(a2_sent_append(path, &e, &err), 0);
	e.kind = "reminder";
	e.message_id = "<m2@itu.int>";
	assert_int_equal(a2_sent_append(path, &e, &err), 0);
	fp = fopen(path, "a");
	fputs("{\"kind\":\"circular\",\"iso3\":\"DEU\"", fp);   /* cut short by a crash */
	fclose(fp);
	v = a2_sent_load(path, &n, &err);
	assert_non_null(v);
	assert_int_equal(n, 2);
	assert_string_equal(a2_sent_find(v, n, "fra", "circular")->message_id, "<m1@itu.int>");
	assert_string_equal(a2_sent_find(v, n, "FRA", NULL)->kind, "reminder");
	assert_null(a2_sent_find(v, n, "DEU", NULL));
	assert_string_equal(a2_sent_by_id(v, n, "m2@itu.int")->kind, "reminder");
	assert_string_equal(v[0].to[0], "a@example.fr");
	assert_string_equal(v[0].files[0].filename, "FRA.docx");
	a2_sent_free(v, n);
	fp = fopen(path, "a");
	fputs("\n[1,2]\n", fp);
	fclose(fp);
	assert_null(a2_sent_load(path, &n, &err));
	assert_int_equal(err.code, A2_ERR_DATA);
	assert_int_equal(err.line, 3);   /* the cut line, completed by the next write */
	unlink(path);
	rmtree(dir);
	free(dir);
}

static void
test_record_message_and_lateness(void **state)
{
	a2_error err;
	a2_form *form;
	a2_record r, back;
	a2_smime sx = {"/CN=France", "digest failure", 0, 1};
	a2_message m = {"<id@x>", "a@example.fr", "s", "2024-08-22T00:00:10Z", "FRA.docx", "FRA", NULL, &sx};
	char *line;

	(void)state;
	a2_error_clear(&err);
	form = a2_form_load(NULL, &err);
	assert_non_null(form);
	a2_record_init(&r);
	r.file = strdup("x.docx");
	memset(r.sha256, 'a', 64);
	r.format = A2_FMT_DOCX;
	r.consultation = strdup(form->id);
	r.ms_iso3 = strdup("FRA");
	r.sig_date = strdup("2024-08-20");   /* dated before the deadline ... */
	assert_int_equal(a2_record_set_message(&r, &m), 0);
	assert_int_equal(a2_validate(form, &r), 0);
	assert_true(a2_record_has_problem(&r, "late", NULL));   /* ... received after it */
	assert_false(a2_record_has_problem(&r, "address-mismatch", NULL));
	/* an S/MIME signature that does not verify: a problem, and the verdict kept */
	assert_true(a2_record_has_problem(&r, "signature-invalid", NULL));
	assert_false(r.complete);
	line = a2_record_to_json(&r);
	assert_non_null(line);
	assert_non_null(strstr(line, "\"message\":{\"id\":\"<id@x>\""));
	assert_non_null(strstr(line, "\"smime\":{\"signer\":\"/CN=France\",\"valid\":false,\"covers_document\":true,"
	    "\"message\":\"digest failure\"}"));
	a2_record_init(&back);
	if (a2_record_from_json(&back, line, &err) != 0)
		fail_msg("%s: %s", err.message, line);
	assert_non_null(back.message);
	assert_string_equal(back.message->received, "2024-08-22T00:00:10Z");
	assert_string_equal(back.message->contact_of, "FRA");
	assert_non_null(back.message->smime);
	assert_string_equal(back.message->smime->signer, "/CN=France");
	assert_string_equal(back.message->smime->message, "digest failure");
	assert_int_equal(back.message->smime->valid, 0);
	assert_int_equal(back.message->smime->covers, 1);
	a2_record_clear(&back);
	/* message.smime must say valid and covers_document */
	a2_record_init(&back);
	assert_int_equal(a2_record_from_json(&back,
	    "{\"file\":\"f\",\"sha256\":null,\"format\":\"docx\",\"status\":\"error\",\"error\":{\"code\":\"io\","
	    "\"message\":\"m\"},\"complete\":false,\"message\":{\"smime\":{\"signer\":null,\"valid\":\"yes\"}}}", &err), -1);
	assert_non_null(strstr(err.message, "message.smime.valid"));
	a2_record_clear(&back);
	m.smime = NULL;
	free(line);
	/* a receipt time that is not one is refused */
	a2_record_init(&back);
	assert_int_equal(a2_record_from_json(&back,
	    "{\"file\":\"f\",\"sha256\":null,\"format\":\"docx\",\"status\":\"error\",\"error\":{\"code\":\"io\","
	    "\"message\":\"m\"},\"complete\":false,\"message\":{\"received\":\"yesterday\"}}", &err), -1);
	assert_non_null(strstr(err.message, "message.received"));
	a2_record_clear(&back);
	/* another state's contacts: address-mismatch */
	a2_record_clear(&r);
	a2_record_init(&r);
	r.consultation = strdup(form->id);
	r.ms_iso3 = strdup("SEN");
	m.received = "2024-08-20T00:00:00Z";
	assert_int_equal(a2_record_set_message(&r, &m), 0);
	assert_int_equal(a2_validate(form, &r), 0);
	assert_true(a2_record_has_problem(&r, "address-mismatch", NULL));
	assert_false(a2_record_has_problem(&r, "late", NULL));
	a2_record_clear(&r);
	a2_form_free(form);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compose_and_take_back),
		cmocka_unit_test(test_received_auto_and_limits),
		cmocka_unit_test(test_sent_log),
		cmocka_unit_test(test_record_message_and_lateness),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
