/* review/assets.c -- the review page's style sheet and script, served
 * beside the page (the Content-Security-Policy allows no inline ones). */
#include "core/util.h"
#include "annex2/review.h"

static const char *const css[] = {
":root{--itu:#009cd6;--ink:#1c2733;--muted:#5d6b7a;--line:#dfe5eb;--soft:#f4f7fa;--ok:#1e7b34;--bad:#c0392b;--risk:#e08e00}\n",
"*{box-sizing:border-box}\n",
"body{margin:0;background:#eef2f6;color:var(--ink);font:15px/1.5 system-ui,\"Segoe UI\",Roboto,\"DejaVu Sans\",Arial,sans-serif}\n",
"header.top{display:flex;justify-content:space-between;align-items:flex-end;gap:20px;background:var(--itu);color:#fff;"
"padding:14px 28px;position:sticky;top:0;z-index:2}\n",
"header.top h1{font-size:21px;margin:0}\n",
"header.top .count{margin:2px 0 0}\n",
"header.top a{color:#fff;font-weight:700}\n",
".reviewer{font-size:13px}\n",
".reviewer input{font:inherit;font-size:15px;padding:4px 8px;border-radius:6px;border:1px solid #fff;width:14em}\n",
"main{max-width:1100px;margin:0 auto;padding:14px 24px 40px}\n",
".note{background:#e3f3e7;border:1px solid #b9dfc3;border-radius:8px;padding:8px 12px}\n",
".keys{font-size:13px;color:var(--muted);margin:8px 0}\n",
"kbd{font:12px \"DejaVu Sans Mono\",monospace;border:1px solid #9aa7b4;border-bottom-width:2px;border-radius:4px;padding:0 4px;"
"background:#fff;color:var(--ink)}\n",
"table.live{border-collapse:collapse;font-size:13px;background:#fff;border:1px solid var(--line);border-radius:8px;margin:6px 0 14px}\n",
"table.live caption{text-align:left;font-weight:700;padding:4px 0}\n",
"table.live th,table.live td{padding:3px 10px;border-bottom:1px solid var(--line);text-align:right}\n",
"table.live th:first-child{text-align:left}\n",
".o-met{color:var(--ok);font-weight:700}.o-not-met{color:var(--bad);font-weight:700}.o-at-risk{color:var(--risk);font-weight:700}\n",
"section.reply{background:#fff;border:1px solid var(--line);border-radius:12px;padding:12px 18px;margin:14px 0}\n",
"section.reply.done{opacity:.8}\n",
"section.reply h2{font-size:16px;margin:0;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:baseline}\n",
".file{font-family:\"DejaVu Sans Mono\",Menlo,monospace;font-size:13.5px;overflow-wrap:anywhere}\n",
".ms{font-weight:400}.n{font-weight:400;color:var(--muted);font-size:13px}\n",
".sha{font-size:12px;color:var(--muted);margin:2px 0 6px;overflow-wrap:anywhere}\n",
"code{font-family:\"DejaVu Sans Mono\",monospace;font-size:12px}\n",
"article.item{border-left:4px solid var(--risk);padding:6px 12px;margin:10px 0;border-radius:4px;background:var(--soft);"
"scroll-margin-top:100px}\n",
"article.item.decided{border-left-color:var(--ok)}\n",
"article.item:focus,article.item:focus-within{outline:3px solid var(--itu);outline-offset:2px}\n",
"article.item h3{font-size:15px;margin:0 0 4px;font-weight:400}\n",
".reader{color:#7d5100}\n.alias{color:var(--muted)}\n.why-reader{color:var(--muted);font-size:13px}\n",
".msg{font-size:13px;margin:2px 0 6px;color:#4a5866}\n",
".evidence{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:4px 0 8px;font-size:13.5px}\n",
".blk{white-space:pre-wrap;tab-size:2;overflow-wrap:anywhere;padding:2px 0;border-bottom:1px dotted var(--line)}\n",
".blk:last-child{border-bottom:none}\n.blk.meta{color:var(--muted)}\n.gap{color:var(--muted);text-align:center}\n",
".mk{display:inline-block;min-width:1.4em;text-align:center;font-weight:700;border-radius:4px;margin-right:4px;border:1px solid}\n",
".mk.on{color:var(--ok);border-color:#b9dfc3;background:#e3f3e7}\n",
".mk.off{color:var(--muted);border-color:var(--line)}\n",
".mk.unk,.mk.dis{color:#7d5100;border-color:#e8c36d;background:#fff2d6}\n",
".mk small{font-size:10px;margin-left:2px}\n",
"s{color:var(--bad)}\nmark{background:#fff2a8}\nins{color:var(--ok)}\n.ph{color:var(--muted);font-style:italic}\n",
".noev{color:var(--muted);font-size:13px;margin:2px 0}\n",
"figure.page{margin:4px 0 8px}\n",
"figure.page img{display:block;max-width:100%;height:auto;border:1px solid var(--line);background:#fff}\n",
"figure.page figcaption{font-size:12px;color:var(--muted)}\n",
".k-text{color:#0969da;font-weight:700}.k-on{color:#cf222e;font-weight:700}.k-off{color:#1a7f37;font-weight:700}"
".k-unk{color:#bf8700;font-weight:700}\n",
".decision{margin:4px 0;font-size:13.5px;color:var(--ok)}\n",
"form.decide{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;margin:6px 0 2px}\n",
"form.decide label{font-size:13px;color:var(--muted)}\n",
"form.decide .why input{width:26em;max-width:70vw;font:inherit;padding:4px 6px;border:1px solid #b7c2cd;border-radius:6px}\n",
"form.decide .iso input{font:inherit;padding:4px 6px;border:1px solid #b7c2cd;border-radius:6px;text-transform:uppercase}\n",
".buttons{display:flex;flex-wrap:wrap;gap:6px}\n",
"button{font:inherit;font-size:13.5px;padding:5px 10px;border-radius:6px;border:1px solid #8aa0b4;background:#fff;cursor:pointer}\n",
"button:hover,button:focus{background:#e6f4fb;border-color:var(--itu)}\n",
".empty{font-size:17px;color:var(--ok)}\n",
"footer{color:var(--muted);font-size:12.5px;max-width:1100px;margin:0 auto;padding:0 24px 30px}\n",
NULL};

/* Keyboard: j/k move between items; a, c, d, n, s press the item's
 * buttons; r and i go to its fields (Esc comes back); g the dashboard.
 * The reviewer's name is kept in this browser and put in every form.
 * Live: "version" asked every 2 s; another one loads the page again (not
 * while a reason or a code is being typed), on the item that had the focus. */
static const char *const js[] = {
"'use strict';\n",
"(function () {\n",
"  var items = Array.prototype.slice.call(document.querySelectorAll('article.item'));\n",
"  var who = document.getElementById('who');\n",
"  var current = null;\n",
"  function setWho(v) {\n",
"    document.querySelectorAll('input.who').forEach(function (i) { i.value = v; });\n",
"  }\n",
"  try {\n",
"    var kept = window.localStorage.getItem('annex2-reviewer');\n",
"    if (kept && who) { who.value = kept; }\n",
"  } catch (e) { /* storage may be off */ }\n",
"  if (who) {\n",
"    setWho(who.value);\n",
"    who.addEventListener('input', function () {\n",
"      setWho(who.value);\n",
"      try { window.localStorage.setItem('annex2-reviewer', who.value); } catch (e) { /* off */ }\n",
"    });\n",
"  }\n",
"  function go(item) {\n",
"    if (!item) { return; }\n",
"    current = item;\n",
"    item.focus();\n",
"    item.scrollIntoView({block: 'start'});\n",
"  }\n",
"  items.forEach(function (it) {\n",
"    it.addEventListener('focusin', function () { current = it; });\n",
"  });\n",
"  document.querySelectorAll('form.decide').forEach(function (f) {\n",
"    f.addEventListener('submit', function () { if (who) { setWho(who.value); } });\n",
"  });\n",
"  var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;\n",
"  go(target || document.querySelector('article.item.pending') || items[0]);\n",
"  window.addEventListener('hashchange', function () {\n",
"    go(document.getElementById(window.location.hash.slice(1)));\n",
"  });\n",
"  var live = document.getElementById('live');\n",
"  if (live && window.fetch) {\n",
"    var seen = live.getAttribute('data-version'), asking = false;\n",
"    var typing = function () {\n",
"      var a = document.activeElement;\n",
"      return a && a !== who && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA') && a.value !== '';\n",
"    };\n",
"    window.setInterval(function () {\n",
"      if (asking || document.hidden) { return; }\n",
"      asking = true;\n",
"      window.fetch('version', {cache: 'no-store', credentials: 'same-origin'}).then(function (r) {\n",
"        return r.ok ? r.text() : null;\n",
"      }).then(function (v) {\n",
"        asking = false;\n",
"        if (v === null || v.trim() === seen || typing()) { return; }\n",
"        if (current && current.id) { window.history.replaceState(null, '', '#' + current.id); }\n",
"        window.location.reload();\n",
"      }, function () { asking = false; });\n",
"    }, 2000);\n",
"  }\n",
"  document.addEventListener('keydown', function (e) {\n",
"    if (e.ctrlKey || e.metaKey || e.altKey) { return; }\n",
"    var t = e.target;\n",
"    var field = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');\n",
"    var item = (t && t.closest ? t.closest('article.item') : null) || current;\n",
"    if (field) {\n",
"      if (e.key === 'Escape' && item) { e.preventDefault(); go(item); }\n",
"      else if (e.key === 'Enter' && t.name === 'iso3' && item) {\n",
"        e.preventDefault(); item.querySelector('button[data-key=\"s\"]').click();\n",
"      } else if (e.key === 'Enter' && t.name === 'why') { e.preventDefault(); go(item); }\n",
"      return;\n",
"    }\n",
"    var i = items.indexOf(item);\n",
"    if (e.key === 'j') { e.preventDefault(); go(items[Math.min(i + 1, items.length - 1)]); return; }\n",
"    if (e.key === 'k') { e.preventDefault(); go(items[Math.max(i - 1, 0)]); return; }\n",
"    if (e.key === 'g') { e.preventDefault(); window.location.href = 'dashboard'; return; }\n",
"    if (!item) { return; }\n",
"    if (e.key === 'r' || e.key === 'i') {\n",
"      var f = item.querySelector(e.key === 'r' ? 'input[name=\"why\"]' : 'input[name=\"iso3\"]');\n",
"      if (f) { e.preventDefault(); f.focus(); }\n",
"      return;\n",
"    }\n",
"    var b = item.querySelector('button[data-key=\"' + e.key + '\"]');\n",
"    if (b) { e.preventDefault(); b.click(); }\n",
"  });\n",
"})();\n",
NULL};

static char *
join(const char *const *parts)
{
	a2_buf b = {0};
	size_t i;

	for (i = 0; parts[i] != NULL; i++)
		a2_buf_puts(&b, parts[i]);
	if (b.failed) {
		a2_buf_free(&b);
		return NULL;
	}
	return a2_buf_take(&b);
}

char *
a2_review_css(void)
{
	return join(css);
}

char *
a2_review_js(void)
{
	return join(js);
}
