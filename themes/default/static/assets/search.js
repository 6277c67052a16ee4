/* wara search: substring match over /search-index.json, so Thai words are found
   inside unspaced Thai text without a word segmenter. */
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-input");
  var out = document.getElementById("search-results");
  if (!form || !input || !out) return;
  var index = null;
  function norm(s) {
    /* Thai digits to ASCII, lower case, collapse spaces */
    return s.replace(/[\u0E50-\u0E59]/g, function (c) { return String(c.charCodeAt(0) - 0x0E50); })
            .toLowerCase().replace(/\s+/g, " ");
  }
  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function show(q) {
    var n = norm(q.trim());
    if (!n) { out.innerHTML = ""; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i], t = norm(e.t), x = norm(e.x);
      var at = x.indexOf(n), inTitle = t.indexOf(n) >= 0;
      if (at < 0 && !inTitle) continue;
      var snip = at >= 0 ? e.x.substr(Math.max(0, at - 40), n.length + 100) : "";
      hits.push({ e: e, score: inTitle ? 0 : 1, snip: snip });
    }
    hits.sort(function (a, b) { return a.score - b.score; });
    if (!hits.length) { out.innerHTML = "<p>ไม่พบผลลัพธ์สำหรับ “" + esc(q) + "”</p>"; return; }
    var h = "<p>พบ " + hits.length + " หน้า</p><ol class=\"page-list\">";
    for (var j = 0; j < hits.length && j < 50; j++) {
      h += "<li><a href=\"" + esc(hits[j].e.u) + "\">" + esc(hits[j].e.t) + "</a>" +
           (hits[j].snip ? "<p class=\"summary\">…" + esc(hits[j].snip) + "…</p>" : "") + "</li>";
    }
    out.innerHTML = h + "</ol>";
  }
  function run(q) {
    if (index) { show(q); return; }
    fetch("/search-index.json").then(function (r) { return r.json(); })
      .then(function (j) { index = j; show(q); })
      .catch(function () { out.textContent = "โหลดดัชนีค้นหาไม่สำเร็จ"; });
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(input.value); history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); });
  input.addEventListener("input", function () { if (index) show(input.value); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
