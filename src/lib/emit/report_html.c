/* emit/report_html.c -- the round as one self-contained HTML page.
 *
 * One file, no scripts, no external resources: inline CSS and an inline SVG
 * chart.  Every string that comes from a record (or from the form) goes
 * through esc(), which escapes & < > " ' and replaces control characters
 * and invalid UTF-8, so a hostile Member State or signatory name shows
 * literally.  A Content-Security-Policy meta forbids scripts as a second
 * line of defence.  The page prints on A4 (no dark backgrounds, rows kept
 * whole). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "emit/html.h"

#define UNSET ((size_t)-1)

/* ---- escaping and small formatters ---- */

static void
esc(a2_buf *b, const char *s)
{
	size_t n, i = 0;

	if (s == NULL)
		return;
	n = strlen(s);
	while (i < n) {
		unsigned cp;
		size_t k = a2_utf8_next(s + i, n - i, &cp);
		if (k == 0)
			break;
		switch (cp) {
		case '&': a2_buf_puts(b, "&amp;"); break;
		case '<': a2_buf_puts(b, "&lt;"); break;
		case '>': a2_buf_puts(b, "&gt;"); break;
		case '"': a2_buf_puts(b, "&quot;"); break;
		case '\'': a2_buf_puts(b, "&#39;"); break;
		default:
			if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp < 0xa0) || cp == 0xFFFD)
				a2_buf_put_cp(b, 0xFFFD);   /* also every invalid sequence */
			else
				a2_buf_add(b, s + i, k);
		}
		i += k;
	}
}

/* esc() for a path: a line may break after each '/' (and nowhere else
 * unless the name alone is wider than its column). */
static void
esc_path(a2_buf *b, const char *s)
{
	const char *p = s, *q;

	if (s == NULL || *s == '\0') {
		a2_buf_puts(b, "<span class=\"muted\">&#8212;</span>");
		return;
	}
	while ((q = strchr(p, '/')) != NULL) {
		char *part = a2_strndup(p, (size_t)(q - p) + 1);
		if (part == NULL) {
			b->failed = 1;
			return;
		}
		esc(b, part);
		free(part);
		a2_buf_puts(b, "<wbr>");
		p = q + 1;
	}
	esc(b, p);
}

/* esc(), or a muted dash when s is NULL or empty. */
static void
esc_or_dash(a2_buf *b, const char *s)
{
	if (s == NULL || *s == '\0')
		a2_buf_puts(b, "<span class=\"muted\">&#8212;</span>");
	else
		esc(b, s);
}

/* Support as the JSON shows it (three decimals), in per cent, one decimal. */
static double
pct1(double support)
{
	return (double)(long long)(support * 1000 + 0.5) / 10.0;
}

static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

/* Parses YYYY-MM-DD at the start of s. */
static int
ymd(const char *s, int *y, int *m, int *d)
{
	int i;

	if (s == NULL || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	*y = atoi(s);
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* "23 April 2024"; "21 August 2024, 23:59 UTC" for a date-time in Z. */
static void
put_date(a2_buf *b, const char *s)
{
	int y, m, d;

	if (!ymd(s, &y, &m, &d)) {
		esc_or_dash(b, s);
		return;
	}
	a2_buf_printf(b, "%d %s %d", d, months[m - 1], y);
	if (s[10] == 'T' && strlen(s) >= 16 && s[13] == ':') {
		a2_buf_puts(b, ", ");
		a2_buf_add(b, s + 11, 2);
		a2_buf_putc(b, ':');
		a2_buf_add(b, s + 14, 2);
		if (strchr(s + 16, 'Z') != NULL)
			a2_buf_puts(b, " UTC");
		else
			esc(b, s + 16);
	}
}

/* "2&#8211;6 September 2024", or two full dates. */
static void
put_range(a2_buf *b, const char *from, const char *to)
{
	int y1, m1, d1, y2, m2, d2;

	if (ymd(from, &y1, &m1, &d1) && ymd(to, &y2, &m2, &d2) && y1 == y2 && m1 == m2) {
		if (d1 == d2)
			a2_buf_printf(b, "%d %s %d", d1, months[m1 - 1], y1);
		else
			a2_buf_printf(b, "%d&#8211;%d %s %d", d1, d2, months[m1 - 1], y1);
		return;
	}
	put_date(b, from);
	if (to != NULL && (from == NULL || strcmp(from, to) != 0)) {
		a2_buf_puts(b, " &#8211; ");
		put_date(b, to);
	}
}

static void
put_threshold(a2_buf *b, double thr)
{
	a2_buf_printf(b, "%.4g%%", thr * 100);
}

static const char *
outcome_class(const char *o)
{
	if (o == NULL)
		return "risk";
	return !strcmp(o, "met") ? "met" : !strcmp(o, "not-met") ? "notmet" : "risk";
}

static const char *
outcome_label(const char *o)
{
	if (o == NULL)
		return "at risk";
	return !strcmp(o, "met") ? "met" : !strcmp(o, "not-met") ? "not met" : "at risk";
}

static const char *
outcome_color(const char *o)
{
	const char *c = outcome_class(o);
	return !strcmp(c, "met") ? "#1e7b34" : !strcmp(c, "notmet") ? "#c0392b" : "#e08e00";
}

static const char *
standing_label(a2_standing s)
{
	switch (s) {
	case A2_SD_COUNTED: return "counted";
	case A2_SD_LATE: return "late";
	case A2_SD_NON_MEMBER: return "non-member";
	case A2_SD_UNKNOWN: return "unknown sender";
	case A2_SD_SUPERSEDED: return "superseded";
	case A2_SD_DUPLICATE: return "duplicate";
	case A2_SD_UNREADABLE: return "unreadable";
	case A2_SD_OTHER: return "other consultation";
	case A2_SD_DECIDED: return "not counted (decision)";
	}
	return "unknown sender";
}

static const char *
standing_class(a2_standing s)
{
	return s == A2_SD_COUNTED ? "ok" : s == A2_SD_UNREADABLE ? "bad" : "warn";
}

static const a2_answer *
answer_of(const a2_record *r, const char *rec)
{
	size_t i;

	for (i = 0; rec != NULL && i < r->n_texts; i++)
		if (r->texts[i].rec != NULL && strcmp(r->texts[i].rec, rec) == 0)
			return &r->texts[i];
	return NULL;
}

/* ---- the page ---- */

static const char *const css[] = {
":root{--itu:#009cd6;--itu-dark:#00689a;--ink:#1c2733;--muted:#5d6b7a;--line:#dfe5eb;"
"--soft:#f4f7fa;--met:#1e7b34;--notmet:#c0392b;--risk:#e08e00}\n",
"*{box-sizing:border-box}\n",
"html{-webkit-text-size-adjust:100%}\n",
"body{margin:0;background:#eef2f6;color:var(--ink);"
"font:15px/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",\"Noto Sans\","
"\"Liberation Sans\",\"DejaVu Sans\",Arial,sans-serif}\n",
".wrap{max-width:1120px;margin:0 auto;padding:0 32px}\n",
"header.top{background:var(--itu);color:#fff;padding:26px 0 30px;"
"background-image:linear-gradient(120deg,#009cd6 0%,#0083c0 100%)}\n",
".eyebrow{font-size:12px;font-weight:700;letter-spacing:.12em;text-transform:uppercase;opacity:.92}\n",
"h1{font-size:30px;line-height:1.2;margin:6px 0 6px;font-weight:700;letter-spacing:-.01em}\n",
".lede{font-size:16px;margin:0;opacity:.95}\n",
"main{padding:0 0 40px}\n",
".card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:22px 26px;margin:22px 0;"
"box-shadow:0 1px 2px rgba(16,40,64,.04)}\n",
"header.top+main .card:first-child{margin-top:-14px}\n",
"h2{font-size:19px;margin:0 0 4px;font-weight:700}\n",
"h2+.note{margin-top:0}\n",
".note{color:var(--muted);font-size:13.5px;margin:6px 0 14px}\n",
".muted{color:var(--muted)}\n",
"dl.meta{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:14px 28px;margin:0}\n",
"dl.meta div{min-width:0}\n",
"dl.meta dt{font-size:11.5px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}\n",
"dl.meta dd{margin:2px 0 0;font-size:15px;overflow-wrap:anywhere}\n",
".stats{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:12px;margin:20px 0 0}\n",
".stat{background:var(--soft);border-radius:10px;padding:12px 14px;border-left:4px solid var(--itu)}\n",
".stat .n{display:block;font-size:28px;font-weight:700;line-height:1.15;font-variant-numeric:tabular-nums}\n",
".stat .l{display:block;font-size:13px;color:var(--muted)}\n",
".stat.bad{border-left-color:var(--notmet)}\n",
".stat.warn{border-left-color:var(--risk)}\n",
".headline{font-size:16px;margin:14px 0 0}\n",
".headline b{font-variant-numeric:tabular-nums}\n",
".dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 5px 0 12px;vertical-align:0}\n",
".dot.met{background:var(--met)}.dot.notmet{background:var(--notmet)}.dot.risk{background:var(--risk)}\n",
".chart{margin:6px 0 0}\n",
".chart svg{display:block;width:100%;height:auto}\n",
".legend{display:flex;flex-wrap:wrap;gap:6px 22px;font-size:13px;color:var(--muted);margin:10px 0 0;padding:0;list-style:none}\n",
".legend svg{vertical-align:-2px;margin-right:6px}\n",
"table{width:100%;border-collapse:collapse;font-size:14px}\n",
"th{text-align:left;font-size:11.5px;font-weight:700;letter-spacing:.05em;text-transform:uppercase;"
"color:var(--muted);padding:8px 10px;border-bottom:2px solid var(--line);vertical-align:bottom}\n",
"td{padding:9px 10px;border-bottom:1px solid var(--line);vertical-align:top}\n",
"th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}\n",
"td.num{white-space:nowrap}\n",
"th.textcol{width:40%}\n",
".scroll{overflow-x:auto}\n",
"td.num b{font-size:15px}\n",
"table.tally tbody th{text-transform:none;letter-spacing:0;font-size:14px;color:inherit;font-weight:400;"
"border-bottom:1px solid var(--line);vertical-align:top;padding:9px 10px}\n",
".rec{font-weight:700;white-space:nowrap}\n",
".title{display:block;color:var(--muted);font-size:12.5px;line-height:1.4;margin-top:2px}\n",
".badge{display:inline-block;font-size:12px;font-weight:700;padding:2px 9px;border-radius:999px;"
"white-space:nowrap;border:1px solid transparent}\n",
".badge.met{color:#17612a;background:#e3f3e7;border-color:#b9dfc3}\n",
".badge.notmet{color:#9e2a1e;background:#fbe7e4;border-color:#f0bdb6}\n",
".badge.risk{color:#7d5100;background:#fff2d6;border-color:#f3d28e}\n",
".badge.ok{color:#17612a;background:#e3f3e7;border-color:#b9dfc3}\n",
".badge.warn{color:#7d5100;background:#fff2d6;border-color:#f3d28e}\n",
".badge.bad{color:#9e2a1e;background:#fbe7e4;border-color:#f0bdb6}\n",
".file{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:break-word;"
"word-break:normal}\n",
"td.file{min-width:150px;max-width:260px}\n",
".iso{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:12px;color:var(--muted);"
"border:1px solid var(--line);border-radius:4px;padding:0 4px;margin-left:4px;white-space:nowrap}\n",
".sig{display:block;color:var(--muted);font-size:12.5px;overflow-wrap:anywhere}\n",
".yes{color:var(--met);font-weight:700;white-space:nowrap}.no{color:var(--notmet);font-weight:700;white-space:nowrap}\n",
".marks{white-space:nowrap}\n",
".mk{display:inline-block;width:21px;height:21px;line-height:19px;text-align:center;font-size:12px;font-weight:700;"
"border-radius:4px;margin:0 2px 2px 0;border:1px solid}\n",
".mk.a{color:#17612a;background:#e3f3e7;border-color:#b9dfc3}\n",
".mk.n{color:#9e2a1e;background:#fbe7e4;border-color:#f0bdb6}\n",
".mk.u{color:#7d5100;background:#fff2d6;border-color:#e8c36d}\n",
".mk.inf{border-style:dashed;border-color:#6b7785}\n",
".mk sup{font-size:9px;line-height:0}\n",
"tbody.reply tr.main td{border-bottom:none}\n",
"tbody.reply tr.last td{border-bottom:1px solid var(--line)}\n",
"tbody.reply.dim tr.main td{color:#4a5866}\n",
"tbody.reply.dim .mk{opacity:.5}\n",
"tr.probs td{padding-top:0}\n",
"ul.probs{margin:0;padding:0;list-style:none;font-size:13px}\n",
"ul.probs li{margin:2px 0;padding-left:18px;position:relative;overflow-wrap:anywhere}\n",
"ul.probs li:before{content:\"\";position:absolute;left:3px;top:.55em;width:8px;height:8px;border-radius:50%;"
"background:var(--notmet)}\n",
"ul.probs li.warning:before{background:var(--risk)}\n",
"ul.probs li.info:before{background:#8895a3}\n",
"code{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:12px;background:var(--soft);"
"border:1px solid var(--line);border-radius:4px;padding:0 4px}\n",
".chips{display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0;list-style:none}\n",
".chips li{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:13px;padding:3px 8px;"
"border:1px solid var(--line);border-radius:6px;background:var(--soft)}\n",
".marklegend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;color:var(--muted);margin:0 0 10px;padding:0;list-style:none}\n",
".marklegend .mk{margin-right:6px;vertical-align:middle}\n",
"footer{color:var(--muted);font-size:12.5px;padding:0 0 32px}\n",
"@page{size:A4;margin:14mm 12mm 16mm}\n",
"@media screen and (max-width:760px){dl.meta{grid-template-columns:1fr 1fr}.stats{grid-template-columns:1fr 1fr}"
".wrap{padding:0 16px}}\n",
"@media print{\n",
" html,body{background:#fff}\n",
" body{font-size:10pt}\n",
" *{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n",
" .wrap{max-width:none;padding:0}\n",
" header.top{background:#fff;background-image:none;color:var(--ink);padding:0 0 8pt;"
"border-bottom:3pt solid var(--itu);margin-bottom:10pt}\n",
" .eyebrow{color:var(--itu-dark)}\n",
" .card{border:none;box-shadow:none;border-radius:0;padding:0;margin:0 0 16pt}\n",
" header.top+main .card:first-child{margin-top:0}\n",
" .stat{background:#fff;border:1px solid var(--line);border-left-width:4px}\n",
" h2{break-after:avoid;page-break-after:avoid}\n",
" .chart,.stats,dl.meta{break-inside:avoid;page-break-inside:avoid}\n",
" tr,tbody.reply{break-inside:avoid;page-break-inside:avoid}\n",
" thead{display:table-header-group}\n",
" table{font-size:9pt}\n",
" th,td{padding:5pt 5pt}\n",
" th{font-size:7pt;letter-spacing:.02em}\n",
" th.textcol{width:34%}\n",
" .scroll{overflow:visible}\n",
" .mk{width:11.5pt;height:11.5pt;line-height:10pt;font-size:7pt;margin:0 1px 1px 0;border-radius:2px}\n",
" td.file{min-width:0;max-width:130pt;font-size:8pt}\n",
" .sig,.title{font-size:8pt}\n",
" ul.probs{font-size:8.5pt}\n",
"}\n",
NULL};

static void
put_meta(a2_buf *b, const a2_form *f)
{
	a2_buf_puts(b, "<dl class=\"meta\">\n");
	a2_buf_puts(b, "<div><dt>Circular</dt><dd>");
	esc(b, f->bureau);
	a2_buf_puts(b, " Circular ");
	esc(b, f->circular);
	if (f->date) {
		a2_buf_puts(b, " of ");
		put_date(b, f->date);
	}
	if (f->ref) {
		a2_buf_puts(b, " <span class=\"muted\">(ref. ");
		esc(b, f->ref);
		a2_buf_puts(b, ")</span>");
	}
	a2_buf_puts(b, "</dd></div>\n<div><dt>Study group</dt><dd>");
	if (f->sg_number) {
		a2_buf_puts(b, "Study Group ");
		esc(b, f->sg_number);
	} else {
		esc_or_dash(b, f->sg);
	}
	if (f->sg_name) {
		a2_buf_puts(b, " &#8212; ");
		esc(b, f->sg_name);
	}
	a2_buf_puts(b, "</dd></div>\n<div><dt>Meeting</dt><dd>");
	if (f->meeting_place) {
		esc(b, f->meeting_place);
		a2_buf_puts(b, ", ");
	}
	put_range(b, f->meeting_start, f->meeting_end);
	a2_buf_puts(b, "</dd></div>\n<div><dt>Replies due</dt><dd>");
	put_date(b, f->deadline);
	a2_buf_puts(b, "</dd></div>\n<div><dt>Threshold</dt><dd>");
	put_threshold(b, f->threshold);
	a2_buf_puts(b, " of the counted replies <span class=\"muted\">(WTSA Res. 1, &#167; 9.4)</span>"
	    "</dd></div>\n<div><dt>Consultation</dt><dd><code>");
	esc_or_dash(b, f->id);
	a2_buf_puts(b, "</code>");
	if (f->version) {
		a2_buf_puts(b, " <span class=\"muted\">form version ");
		esc(b, f->version);
		a2_buf_puts(b, "</span>");
	}
	a2_buf_puts(b, "</dd></div>\n</dl>\n");
}

static void
put_stat(a2_buf *b, const char *cls, const char *n, const char *label)
{
	a2_buf_printf(b, "<div class=\"stat%s%s\" role=\"listitem\"><span class=\"n\">%s</span> "
	    "<span class=\"l\">%s</span></div>\n", cls ? " " : "", cls ? cls : "", n, label);
}

static void
put_summary(a2_buf *b, const a2_round *R)
{
	char n[5][32];
	size_t i, met = 0, notmet = 0, risk = 0;
	char lab[64];

	snprintf(n[0], sizeof(n[0]), "%zu", R->n);
	snprintf(n[1], sizeof(n[1]), "%zu", R->counted);
	snprintf(n[2], sizeof(n[2]), "%zu", R->complete);
	snprintf(n[3], sizeof(n[3]), "%zu", R->unreadable);
	if (R->n_expected > 0)
		snprintf(n[4], sizeof(n[4]), "%zu", R->n_missing);
	else
		snprintf(n[4], sizeof(n[4]), "&#8212;");
	a2_buf_puts(b, "<div class=\"stats\" role=\"list\" aria-label=\"Summary\">\n");
	put_stat(b, NULL, n[0], "replies received");
	snprintf(lab, sizeof(lab), "counted (%zu not counted)", R->not_counted);
	put_stat(b, NULL, n[1], lab);
	put_stat(b, R->complete < R->counted ? "warn" : NULL, n[2], "complete");
	put_stat(b, R->unreadable ? "bad" : NULL, n[3], "unreadable");
	if (R->n_expected > 0) {
		snprintf(lab, sizeof(lab), "not replied (of %zu sent)", R->n_expected);
		put_stat(b, R->n_missing ? "warn" : NULL, n[4], lab);
	} else {
		put_stat(b, NULL, n[4], "not replied (no manifest)");
	}
	a2_buf_puts(b, "</div>\n");

	for (i = 0; i < R->n_texts; i++) {
		const char *c = outcome_class(R->texts[i].outcome);
		if (!strcmp(c, "met"))
			met++;
		else if (!strcmp(c, "notmet"))
			notmet++;
		else
			risk++;
	}
	a2_buf_printf(b, "<p class=\"headline\">Of <b>%zu</b> text%s: "
	    "<span class=\"dot met\"></span><b>%zu</b> met"
	    "<span class=\"dot notmet\"></span><b>%zu</b> not met"
	    "<span class=\"dot risk\"></span><b>%zu</b> at risk</p>\n",
	    R->n_texts, R->n_texts == 1 ? "" : "s", met, notmet, risk);
}

/* ---- the chart ---- */

#define CH_W      960
#define CH_X0     170     /* bar area */
#define CH_X1     750
#define CH_TOP    44
#define CH_ROW    46
#define CH_BAR    22
#define CH_BOTTOM 34

static double
xpos(double frac)
{
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	return CH_X0 + frac * (CH_X1 - CH_X0);
}

static void
put_chart(a2_buf *b, const a2_round *R)
{
	const double thr = R->form->threshold;
	size_t i, h = CH_TOP + R->n_texts * CH_ROW + CH_BOTTOM;
	int g;

	a2_buf_printf(b, "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %zu\" "
	    "width=\"%d\" height=\"%zu\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
	    "font-size=\"13\">\n", CH_W, h, CH_W, h);
	a2_buf_puts(b, "<title id=\"chart-title\">Support per text: share of counted replies that assign authority, "
	    "against the ");
	put_threshold(b, thr);
	a2_buf_puts(b, " threshold</title>\n<desc id=\"chart-desc\">");
	for (i = 0; i < R->n_texts; i++) {
		const a2_text_tally *T = &R->texts[i];
		esc(b, T->rec);
		a2_buf_puts(b, " (");
		esc(b, T->alias);
		if (T->counted > 0)
			a2_buf_printf(b, "): %.1f%% support, %zu of %zu counted replies assign authority",
			    pct1(T->support), T->assigns, T->counted);
		else
			a2_buf_puts(b, "): no counted replies");
		if (T->undecided)
			a2_buf_printf(b, ", %zu undecided", T->undecided);
		a2_buf_printf(b, "; %s. ", outcome_label(T->outcome));
	}
	a2_buf_puts(b, "</desc>\n");

	/* grid and axis */
	a2_buf_puts(b, "<g aria-hidden=\"true\">\n");
	for (g = 0; g <= 100; g += 10) {
		double x = xpos(g / 100.0);
		a2_buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%zu\" stroke=\"%s\" stroke-width=\"1\"/>\n",
		    x, CH_TOP - 8, x, h - CH_BOTTOM + 4, g % 50 == 0 ? "#c9d2db" : "#eceff3");
		if (g % 20 == 0 || g == 100)
			a2_buf_printf(b, "<text x=\"%.1f\" y=\"%zu\" text-anchor=\"middle\" fill=\"#5d6b7a\" "
			    "font-size=\"12\">%d%%</text>\n", x, h - CH_BOTTOM + 22, g);
	}
	a2_buf_puts(b, "</g>\n");

	/* bars */
	for (i = 0; i < R->n_texts; i++) {
		const a2_text_tally *T = &R->texts[i];
		double y = CH_TOP + (double)i * CH_ROW + (CH_ROW - CH_BAR) / 2.0;
		double cy = y + CH_BAR / 2.0;
		double w = xpos(T->support) - CH_X0;
		const char *col = outcome_color(T->outcome);
		size_t all = T->assigns + T->does_not_assign + T->undecided;

		a2_buf_puts(b, "<g>\n<title>");
		esc(b, T->rec);
		a2_buf_puts(b, " (");
		esc(b, T->alias);
		if (T->counted)
			a2_buf_printf(b, "): %.1f%%, %zu of %zu; %s</title>\n", pct1(T->support), T->assigns,
			    T->counted, outcome_label(T->outcome));
		else
			a2_buf_printf(b, "): no counted replies; %s</title>\n", outcome_label(T->outcome));
		/* labels */
		a2_buf_printf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-weight=\"700\" "
		    "fill=\"#1c2733\" font-size=\"14\">", CH_X0 - 14, cy - 2);
		esc(b, T->rec);
		a2_buf_printf(b, "</text>\n<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#5d6b7a\" "
		    "font-size=\"12\">", CH_X0 - 14, cy + 13);
		esc(b, T->alias);
		a2_buf_puts(b, "</text>\n");
		/* track, bar */
		a2_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"#f1f4f7\"/>\n",
		    CH_X0, y, CH_X1 - CH_X0, CH_BAR);
		if (T->counted > 0 && w > 0)
			a2_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"/>\n",
			    CH_X0, y, w, CH_BAR, col);
		else if (T->counted == 0)
			a2_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\" fill=\"none\" "
			    "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n",
			    CH_X0, y + 0.75, w, CH_BAR - 1.5, col);
		/* where support could end when the undecided replies are resolved */
		if (T->undecided > 0 && all > 0) {
			double lo = xpos((double)T->assigns / (double)all);
			double hi = xpos((double)(T->assigns + T->undecided) / (double)all);
			double ry = y + CH_BAR + 5;
			a2_buf_printf(b, "<path d=\"M%.1f %.1fv-5M%.1f %.1fH%.1fM%.1f %.1fv-5\" stroke=\"#1c2733\" "
			    "stroke-width=\"1.5\" fill=\"none\"/>\n", lo, ry, lo, ry, hi, hi, ry);
		}
		/* value */
		{
			double vx = (T->counted > 0 ? CH_X0 + w : CH_X1) + 10;
			if (T->counted > 0)
				a2_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#1c2733\"><tspan font-weight=\"700\" "
				    "font-size=\"14\">%.1f%%</tspan><tspan fill=\"#5d6b7a\" font-size=\"12\" dx=\"7\">"
				    "%zu/%zu</tspan>", vx, cy + 5, pct1(T->support), T->assigns, T->counted);
			else
				a2_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#5d6b7a\" font-size=\"12\">"
				    "<tspan>no counted replies</tspan>", vx, cy + 5);
			if (T->undecided > 0)
				a2_buf_printf(b, "<tspan fill=\"#5d6b7a\" font-size=\"12\"> &#183; %zu undecided</tspan>",
				    T->undecided);
			a2_buf_puts(b, "</text>\n");
		}
		a2_buf_puts(b, "</g>\n");
	}

	/* the threshold, on top */
	{
		double x = xpos(thr);
		a2_buf_printf(b, "<g><title>Threshold: ");
		put_threshold(b, thr);
		a2_buf_printf(b, "</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%zu\" stroke=\"#1c2733\" "
		    "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n", x, CH_TOP - 14, x, h - CH_BOTTOM + 4);
		a2_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-weight=\"700\" "
		    "fill=\"#1c2733\" font-size=\"13\">", x, CH_TOP - 20);
		put_threshold(b, thr);
		a2_buf_puts(b, "</text></g>\n");
	}
	a2_buf_puts(b, "</svg></div>\n");

	/* legend */
	a2_buf_puts(b, "<ul class=\"legend\" aria-hidden=\"true\">\n"
	    "<li><svg width=\"14\" height=\"14\"><rect width=\"14\" height=\"14\" rx=\"3\" fill=\"#1e7b34\"/></svg>met</li>\n"
	    "<li><svg width=\"14\" height=\"14\"><rect width=\"14\" height=\"14\" rx=\"3\" fill=\"#c0392b\"/></svg>not met</li>\n"
	    "<li><svg width=\"14\" height=\"14\"><rect width=\"14\" height=\"14\" rx=\"3\" fill=\"#e08e00\"/></svg>"
	    "at risk: the undecided replies could change the outcome</li>\n"
	    "<li><svg width=\"22\" height=\"14\"><line x1=\"0\" y1=\"7\" x2=\"22\" y2=\"7\" stroke=\"#1c2733\" "
	    "stroke-width=\"2\" stroke-dasharray=\"6 4\"/></svg>threshold</li>\n"
	    "<li><svg width=\"22\" height=\"14\"><path d=\"M1 11v-5M1 11H21M21 11v-5\" stroke=\"#1c2733\" "
	    "stroke-width=\"1.5\" fill=\"none\"/></svg>where support would end if the undecided replies were resolved</li>\n"
	    "</ul>\n");
}

/* ---- tally table ---- */

static void
put_tally(a2_buf *b, const a2_round *R)
{
	size_t i;

	a2_buf_puts(b, "<div class=\"scroll\"><table class=\"tally\">\n<thead><tr><th scope=\"col\">Text</th><th scope=\"col\">Alias</th>"
	    "<th scope=\"col\" class=\"num\">Counted</th><th scope=\"col\" class=\"num\">Assigns</th>"
	    "<th scope=\"col\" class=\"num\">Does not assign</th><th scope=\"col\" class=\"num\">Support</th>"
	    "<th scope=\"col\" class=\"num\">Undecided</th><th scope=\"col\" class=\"num\">Not counted</th>"
	    "<th scope=\"col\">Outcome</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < R->n_texts; i++) {
		const a2_text_tally *T = &R->texts[i];
		const a2_text *ft = i < R->form->n_texts ? &R->form->texts[i] : NULL;
		a2_buf_puts(b, "<tr><th scope=\"row\"><span class=\"rec\">");
		esc(b, T->rec);
		a2_buf_puts(b, "</span>");
		if (ft != NULL && ft->kind) {
			a2_buf_puts(b, " <span class=\"muted\">(");
			esc(b, ft->kind);
			a2_buf_puts(b, ")</span>");
		}
		if (ft != NULL && ft->title) {
			a2_buf_puts(b, "<span class=\"title\">");
			esc(b, ft->title);
			a2_buf_puts(b, "</span>");
		}
		a2_buf_puts(b, "</th><td style=\"white-space:nowrap\">");
		esc(b, T->alias);
		a2_buf_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\"><b>%.1f%%</b></td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td><span class=\"badge %s\">%s</span></td></tr>\n",
		    T->counted, T->assigns, T->does_not_assign, pct1(T->support), T->undecided, T->not_counted,
		    outcome_class(T->outcome), outcome_label(T->outcome));
	}
	a2_buf_puts(b, "</tbody>\n</table></div>\n");
}

/* ---- replies ---- */

static void
put_marks(a2_buf *b, const a2_round *R, const a2_record *r)
{
	size_t t;

	if (r->is_error || r->n_texts == 0) {
		a2_buf_puts(b, "<span class=\"muted\">&#8212;</span>");
		return;
	}
	a2_buf_puts(b, "<span class=\"marks\">");
	for (t = 0; t < R->n_texts; t++) {
		const a2_answer *a = answer_of(r, R->texts[t].rec);
		int decided = a != NULL && (a->status == A2_ST_OK || a->status == A2_ST_INFERRED) &&
		    a->authority != A2_AUTH_NULL;
		const char *cls = !decided ? "u" : a->authority == A2_AUTH_ASSIGNS ? "a" : "n";
		const char *st = a ? a2_status_name(a->status) : "missing";
		a2_buf_printf(b, "<span class=\"mk %s%s\" title=\"", cls,
		    a != NULL && a->status == A2_ST_INFERRED ? " inf" : "");
		esc(b, R->texts[t].rec);
		a2_buf_puts(b, ": ");
		if (decided)
			esc(b, a2_authority_name(a->authority));
		else
			a2_buf_puts(b, "undecided");
		if (a != NULL && a->comments == A2_COM_ATTACHED)
			a2_buf_puts(b, ", comments attached");
		a2_buf_puts(b, " (");
		esc(b, st);
		a2_buf_puts(b, ")\">");
		if (!decided)
			a2_buf_puts(b, "?");
		else if (a->authority == A2_AUTH_ASSIGNS)
			a2_buf_puts(b, a->comments == A2_COM_ATTACHED ? "&#10003;<sup>+</sup>" : "&#10003;");
		else
			a2_buf_puts(b, "&#10007;");
		a2_buf_puts(b, "</span>");
	}
	a2_buf_puts(b, "</span>");
}

static const char *
severity(const char *code)
{
	return !strcmp(code, A2_PROBLEM_DECIDED) ? "info" : a2_problem_is_warning(code) ? "warning" : "error";
}

static void
put_problem(a2_buf *b, const char *sev, const char *code, const char *rec, const char *msg)
{
	a2_buf_printf(b, "<li class=\"%s\"><code>", sev);
	esc(b, code);
	a2_buf_puts(b, "</code> ");
	if (rec != NULL) {
		a2_buf_puts(b, "<b>");
		esc(b, rec);
		a2_buf_puts(b, "</b> ");
	}
	esc(b, msg);
	a2_buf_puts(b, "</li>\n");
}

static void
put_replies(a2_buf *b, const a2_round *R)
{
	size_t i, j;

	if (R->n == 0) {
		a2_buf_puts(b, "<p class=\"muted\">No replies were given.</p>\n");
		return;
	}
	a2_buf_puts(b, "<ul class=\"marklegend\" aria-label=\"How answers are shown\">"
	    "<li><span class=\"mk a\">&#10003;</span>assigns</li>"
	    "<li><span class=\"mk a\">&#10003;<sup>+</sup></span>assigns, comments attached</li>"
	    "<li><span class=\"mk n\">&#10007;</span>does not assign</li>"
	    "<li><span class=\"mk u\">?</span>undecided (missing, conflict, unclear)</li>"
	    "<li><span class=\"mk a inf\">&#10003;</span>inferred</li>"
	    "<li>in text order: ");
	for (i = 0; i < R->n_texts; i++) {
		if (i)
			a2_buf_puts(b, i + 1 == R->n_texts ? " &amp; " : ", ");
		esc(b, R->texts[i].rec);
	}
	a2_buf_puts(b, "</li></ul>\n");

	a2_buf_puts(b, "<div class=\"scroll\"><table class=\"replies\">\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Member State</th>"
	    "<th scope=\"col\">Standing</th><th scope=\"col\">Date</th><th scope=\"col\">Complete</th>"
	    "<th scope=\"col\">Answers</th></tr></thead>\n");
	for (i = 0; i < R->n; i++) {
		const a2_record *r = &R->recs[i];
		a2_standing sd = R->standing[i];
		int extra = sd == A2_SD_SUPERSEDED || sd == A2_SD_DUPLICATE;
		int has_probs = r->is_error || r->n_problems > 0 || extra;
		int complete = r->complete && sd == A2_SD_COUNTED;

		a2_buf_printf(b, "<tbody class=\"reply%s\">\n<tr class=\"main%s\"><td class=\"file\">",
		    sd == A2_SD_COUNTED ? "" : " dim", has_probs ? "" : " last");
		esc_path(b, r->file);
		a2_buf_puts(b, "</td><td>");
		if (r->ms_iso3 != NULL || r->ms_name != NULL) {
			esc_or_dash(b, r->ms_name);
			if (r->ms_iso3) {
				a2_buf_puts(b, "<span class=\"iso\">");
				esc(b, r->ms_iso3);
				a2_buf_puts(b, "</span>");
			}
		} else {
			a2_buf_puts(b, "<span class=\"muted\">not identified</span>");
		}
		if (r->sig_name || r->sig_title || r->sig_place) {
			int first = 1;
			a2_buf_puts(b, "<span class=\"sig\">signed ");
			if (r->sig_name) {
				esc(b, r->sig_name);
				first = 0;
			}
			if (r->sig_title) {
				a2_buf_puts(b, first ? "" : ", ");
				esc(b, r->sig_title);
				first = 0;
			}
			if (r->sig_place) {
				a2_buf_puts(b, first ? "in " : ", ");
				esc(b, r->sig_place);
			}
			a2_buf_puts(b, "</span>");
		}
		a2_buf_printf(b, "</td><td><span class=\"badge %s\">%s</span></td><td style=\"white-space:nowrap\">",
		    standing_class(sd), standing_label(sd));
		if (r->sig_date)
			esc(b, r->sig_date);
		else if (r->is_error)
			a2_buf_puts(b, "<span class=\"muted\">&#8212;</span>");
		else
			a2_buf_puts(b, "<span class=\"muted\">undated</span>");
		a2_buf_printf(b, "</td><td>%s</td><td>", complete ? "<span class=\"yes\">&#10003; yes</span>" :
		    sd != A2_SD_COUNTED ? "<span class=\"muted\" title=\"not counted\">&#8212;</span>" :
		    "<span class=\"no\">&#10007; no</span>");
		put_marks(b, R, r);
		a2_buf_puts(b, "</td></tr>\n");
		if (has_probs) {
			a2_buf_puts(b, "<tr class=\"probs last\"><td></td><td colspan=\"5\"><ul class=\"probs\">\n");
			if (r->is_error) {
				a2_buf_puts(b, "<li class=\"error\"><code>unreadable</code> ");
				esc(b, r->error_code ? r->error_code : "error");
				a2_buf_puts(b, ": ");
				esc(b, r->error_message);
				a2_buf_puts(b, "</li>\n");
			}
			for (j = 0; j < r->n_problems; j++) {
				const a2_problem *p = &r->problems[j];
				const char *code = p->code ? p->code : "problem";
				put_problem(b, severity(code), code, p->rec, p->message);
			}
			if (sd == A2_SD_DUPLICATE) {
				a2_buf_puts(b, "<li class=\"error\"><code>duplicate</code> two different replies of ");
				esc(b, r->ms_name ? r->ms_name : r->ms_iso3 ? r->ms_iso3 : "this Member State");
				a2_buf_puts(b, " with the same date: neither is counted</li>\n");
			} else if (sd == A2_SD_SUPERSEDED) {
				size_t k = R->superseded_by[i];
				a2_buf_puts(b, "<li class=\"info\"><code>superseded</code> by ");
				if (k != UNSET && k < R->n && R->recs[k].file) {
					a2_buf_puts(b, "<span class=\"file\">");
					esc(b, R->recs[k].file);
					a2_buf_puts(b, "</span>");
				} else {
					a2_buf_puts(b, "a later reply");
				}
				a2_buf_puts(b, "</li>\n");
			}
			a2_buf_puts(b, "</ul></td></tr>\n");
		}
		a2_buf_puts(b, "</tbody>\n");
	}
	a2_buf_puts(b, "</table></div>\n");
}

static void
put_missing(a2_buf *b, const a2_round *R)
{
	size_t i;

	if (R->n_expected == 0) {
		a2_buf_puts(b, "<p class=\"note\">No manifest was given, so the report cannot say who has not replied. "
		    "Run <code>annex2 report --manifest manifest.csv</code> with the manifest written by "
		    "<code>annex2 generate</code>.</p>\n");
		return;
	}
	if (R->n_missing == 0) {
		a2_buf_printf(b, "<p class=\"note\">Every one of the %zu Member States in the manifest has replied.</p>\n",
		    R->n_expected);
		return;
	}
	a2_buf_printf(b, "<p class=\"note\">%zu of the %zu Member States in the manifest have sent no readable reply."
	    "</p>\n<ul class=\"chips\">\n", R->n_missing, R->n_expected);
	for (i = 0; i < R->n_missing; i++) {
		const a2_state *st = R->states ? a2_states_by_iso3(R->states, R->missing[i]) : NULL;
		a2_buf_puts(b, "<li>");
		esc(b, R->missing[i]);
		if (st != NULL) {
			a2_buf_puts(b, " ");
			esc(b, st->name);
		}
		a2_buf_puts(b, "</li>\n");
	}
	a2_buf_puts(b, "</ul>\n");
}

/* The mail round (with sent.jsonl): per state sent, reminded, replied. */
static void
put_mail(a2_buf *b, const a2_round *R)
{
	size_t n, i;
	a2_mail_row *w = a2_mail_rows(R, &n);

	if (w == NULL)
		return;
	a2_buf_printf(b, "<section class=\"card\" aria-labelledby=\"h-mail\">\n<h2 id=\"h-mail\">Mail</h2>\n"
	    "<p class=\"note\">When each Member State's form was sent and reminded, and when its reply was received "
	    "(the topmost Received: header of the Bureau's server) and from which address; S/MIME: the message's "
	    "signature (valid* when the reply was outside the signed part).</p>\n"
	    "<div class=\"scroll\"><table id=\"mail\">\n<thead><tr><th>Member State</th><th>Sent</th><th>Reminded</th>"
	    "<th>Reply received</th><th>From</th><th>S/MIME</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const a2_state *st = R->states ? a2_states_by_iso3(R->states, w[i].iso3) : NULL;
		a2_buf_puts(b, "<tr data-iso3=\"");
		esc(b, w[i].iso3);
		a2_buf_puts(b, "\"><td>");
		esc(b, w[i].iso3);
		if (st != NULL) {
			a2_buf_puts(b, " ");
			esc(b, st->name);
		}
		a2_buf_puts(b, "</td><td>");
		esc(b, w[i].sent ? w[i].sent : "\xe2\x80\x94");
		a2_buf_puts(b, "</td><td>");
		esc(b, w[i].reminded ? w[i].reminded : "\xe2\x80\x94");
		if (w[i].n_reminders > 1)
			a2_buf_printf(b, " (%zu)", w[i].n_reminders);
		a2_buf_puts(b, "</td><td>");
		esc(b, w[i].replied ? w[i].replied : "\xe2\x80\x94");
		a2_buf_puts(b, "</td><td>");
		esc(b, w[i].from ? w[i].from : "\xe2\x80\x94");
		a2_buf_puts(b, "</td><td class=\"smime\"");
		if (w[i].smime != NULL && (w[i].smime->signer || w[i].smime->message)) {
			a2_buf_puts(b, " title=\"");
			esc(b, w[i].smime->signer ? w[i].smime->signer : "");
			if (w[i].smime->message) {
				a2_buf_puts(b, w[i].smime->signer ? ": " : "");
				esc(b, w[i].smime->message);
			}
			a2_buf_puts(b, "\"");
		}
		a2_buf_puts(b, ">");
		esc(b, w[i].smime ? a2_smime_word(w[i].smime) : "\xe2\x80\x94");
		a2_buf_puts(b, "</td></tr>\n");
	}
	a2_buf_puts(b, "</tbody></table></div>\n</section>\n");
	free(w);
}

static char *
render(const a2_round *R)
{
	const a2_form *f = R->form;
	a2_buf b = {0};
	size_t i;

	a2_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n<meta name=\"color-scheme\" content=\"light\">\n"
	    "<meta name=\"generator\" content=\"annex2 " ANNEX2_VERSION "\">\n<title>");
	esc(&b, f->bureau);
	a2_buf_puts(&b, " Circular ");
	esc(&b, f->circular);
	a2_buf_puts(&b, ": replies and tally</title>\n<style>\n");
	for (i = 0; css[i] != NULL; i++)
		a2_buf_puts(&b, css[i]);
	a2_buf_puts(&b, "</style>\n</head>\n<body>\n");

	a2_buf_puts(&b, "<header class=\"top\"><div class=\"wrap\">\n<div class=\"eyebrow\">");
	esc(&b, f->bureau);
	a2_buf_puts(&b, " &#183; Member State consultation</div>\n<h1>");
	esc(&b, f->bureau);
	a2_buf_puts(&b, " Circular ");
	esc(&b, f->circular);
	a2_buf_puts(&b, ": replies and tally</h1>\n<p class=\"lede\">");
	if (f->sg)
		esc(&b, f->sg);
	else if (f->sg_number) {
		a2_buf_puts(&b, "Study Group ");
		esc(&b, f->sg_number);
	}
	a2_buf_printf(&b, " &#183; %zu determined draft text%s &#183; replies due ", f->n_texts, f->n_texts == 1 ? "" : "s");
	put_date(&b, f->deadline);
	a2_buf_puts(&b, "</p>\n</div></header>\n<main class=\"wrap\">\n");

	a2_buf_puts(&b, "<section class=\"card\" aria-labelledby=\"h-summary\">\n<h2 id=\"h-summary\">Consultation</h2>\n"
	    "<p class=\"note\">What was asked, and what has come back.</p>\n");
	put_meta(&b, f);
	put_summary(&b, R);
	a2_buf_puts(&b, "</section>\n");

	a2_buf_puts(&b, "<section class=\"card\" aria-labelledby=\"h-chart\">\n<h2 id=\"h-chart\">Support per text</h2>\n"
	    "<p class=\"note\">Share of the counted replies that assign authority to the study group. ");
	put_threshold(&b, f->threshold);
	a2_buf_puts(&b, " or more passes, and so does a text with no counted replies (WTSA Resolution 1, clause 9.4). "
	    "Late replies, replies from non-members or unknown senders, superseded or duplicate replies and unreadable "
	    "files are not counted.</p>\n");
	put_chart(&b, R);
	a2_buf_puts(&b, "</section>\n");

	a2_buf_puts(&b, "<section class=\"card\" aria-labelledby=\"h-tally\">\n<h2 id=\"h-tally\">Tally</h2>\n"
	    "<p class=\"note\">Counted = assigns + does not assign. Undecided: counted replies whose answer for the text "
	    "is missing, conflicting or unclear. Not counted: replies that do not count at all.</p>\n");
	put_tally(&b, R);
	a2_buf_puts(&b, "</section>\n");

	a2_buf_printf(&b, "<section class=\"card\" aria-labelledby=\"h-replies\">\n<h2 id=\"h-replies\">Replies "
	    "<span class=\"muted\" style=\"font-weight:400\">(%zu)</span></h2>\n"
	    "<p class=\"note\">Every file received, with its standing and what needs attention.</p>\n", R->n);
	put_replies(&b, R);
	a2_buf_puts(&b, "</section>\n");

	a2_buf_printf(&b, "<section class=\"card\" aria-labelledby=\"h-missing\">\n<h2 id=\"h-missing\">Not replied");
	if (R->n_expected > 0)
		a2_buf_printf(&b, " <span class=\"muted\" style=\"font-weight:400\">(%zu)</span>", R->n_missing);
	a2_buf_puts(&b, "</h2>\n");
	put_missing(&b, R);
	a2_buf_puts(&b, "</section>\n");
	put_mail(&b, R);
	a2_buf_puts(&b, "</main>\n");

	a2_buf_puts(&b, "<footer class=\"wrap\">Generated by annex2 " ANNEX2_VERSION " from ");
	a2_buf_printf(&b, "%zu record%s &#183; consultation <code>", R->n, R->n == 1 ? "" : "s");
	esc(&b, f->id);
	a2_buf_puts(&b, "</code></footer>\n</body>\n</html>\n");
	if (b.failed) {
		a2_buf_free(&b);
		return NULL;
	}
	return a2_buf_take(&b);
}

int
a2_report_html(const a2_round *r, const char *path, a2_error *err)
{
	char *html;
	int rc;

	if (r == NULL || r->form == NULL || path == NULL)
		return a2_error_set(err, A2_ERR_USAGE, "a2_report_html: no round or no path");
	if ((html = render(r)) == NULL)
		return a2_error_set(err, A2_ERR_NOMEM, "out of memory");
	a2_error_at(err, path, NULL, 0, 0);
	rc = a2_write_atomic(path, html, strlen(html), 1, err);
	free(html);
	return rc;
}

/* For the review page (review/page.c): the same escaping and the same
 * page, so that the dashboard is the report. */
void
a2_html_esc(a2_buf *b, const char *s)
{
	esc(b, s);
}

char *
a2_report_html_render(const a2_round *r)
{
	return r != NULL && r->form != NULL ? render(r) : NULL;
}
