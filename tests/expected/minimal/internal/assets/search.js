/* wara search over /search-index.json (built by wara: one entry per page, its body cut
   into passages at its headings: {t: title, u: url, d: date, s: [[id, heading, text]]}).
   - Matching is by substring, so Thai words are found inside unspaced Thai text without a
     word segmenter; Thai and Arabic digits match alike. The terms of a query (separated by
     spaces) must all occur: "ปลูกผัก สวนครัว" finds what "ปลูกผักสวนครัว" finds.
   - A result leads to the passage that holds the match (/minutes/2563/05/#item-3-17-1).
   - Ranked: page title matches, then heading matches, then body text; newer before older.
   - The snippet is cut at grapheme cluster boundaries (a Thai vowel or tone mark never
     starts it) and the matches are wrapped in <mark>, built as DOM nodes (no innerHTML). */
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-input");
  var out = document.getElementById("search-results");
  if (!form || !input || !out) return;
  var thaiDigits = out.getAttribute("data-digits") !== "arabic";
  var MAX_PAGES = 50, MAX_SUBS = 3, BEFORE = 40, AFTER = 120;
  var index = null;
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ?
    new Intl.Segmenter("th", { granularity: "grapheme" }) : null;
  /* Thai words, to start and end a snippet on a word rather than inside one. */
  var words = segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  /* Without Intl.Segmenter: marks, SARA AM, joiners and low surrogates extend a cluster. */
  var EXTEND = /[\u0300-\u036F\u0E31\u0E33-\u0E3A\u0E47-\u0E4E\u200C\u200D\uFE00-\uFE0F\uDC00-\uDFFF]/;

  /* Same length as its input, so offsets in the normalised text are offsets in the
     original: Thai digits to ASCII digits, upper to lower case. */
  function norm(s) {
    return s.replace(/[\u0E50-\u0E59A-Z\u00C0-\u024F\u0400-\u042F]/g, function (c) {
      var n = c.charCodeAt(0);
      if (n >= 0x0E50 && n <= 0x0E59) return String.fromCharCode(n - 0x0E50 + 48);
      var l = c.toLowerCase();
      return l.length === 1 ? l : c;
    });
  }
  function digits(n) {
    var s = String(n);
    return thaiDigits ? s.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0E50 + +d); }) : s;
  }

  /* The start of the grapheme cluster holding s[i] (i itself when it starts one). */
  function clusterStart(s, i) {
    if (i <= 0) return 0;
    if (i >= s.length) return s.length;
    if (segmenter) {
      var from = Math.max(0, i - 16);
      return from + segmenter.segment(s.slice(from, i + 16)).containing(i - from).index;
    }
    while (i > 0 && EXTEND.test(s.charAt(i))) i--;
    return i;
  }
  /* The first cluster boundary at or after i. */
  function clusterEnd(s, i) {
    var a = clusterStart(s, i);
    if (a === i || i >= s.length) return Math.min(i, s.length);
    if (segmenter) {
      var from = Math.max(0, a - 16);
      var g = segmenter.segment(s.slice(from, a + 32)).containing(a - from);
      return from + g.index + g.segment.length;
    }
    while (i < s.length && EXTEND.test(s.charAt(i))) i++;
    return i;
  }

  /* Move a cut at i off the middle of a word: forward to the next word (dir 1) or
     back to the word's start (dir -1), never past limit. Word starts are cluster
     boundaries. Without a word segmenter the cut stays where it is. */
  function wordStart(s, i, limit, dir) {
    if (!words || i <= 0 || i >= s.length) return i;
    var from = Math.max(0, i - 24);
    var w = words.segment(s.slice(from, i + 24)).containing(i - from);
    var start = from + w.index;
    if (start === i) return i;
    var to = dir > 0 ? start + w.segment.length : start;
    return (dir > 0 ? to <= limit : to >= limit) ? to : i;
  }

  function load(json) {
    var pages = [];
    for (var i = 0; i < json.length; i++) {
      var e = json[i], secs = [];
      var raw = e.s && e.s.length ? e.s : [["", "", ""]];
      for (var k = 0; k < raw.length; k++) {
        secs.push({ id: raw[k][0], h: raw[k][1], x: raw[k][2], nh: norm(raw[k][1]), nx: norm(raw[k][2]) });
      }
      pages.push({ t: e.t, u: e.u, d: e.d || "", nt: norm(e.t), secs: secs, order: i });
    }
    return pages;
  }

  /* How a passage holds every term: 0 all in the page title, 1 in title or heading,
     2 some only in the text; -1 a term is missing. own: matched without the title. */
  function grade(p, s, terms, inTitle) {
    var tier = 0, own = true;
    for (var j = 0; j < terms.length; j++) {
      var inHead = s.nh.indexOf(terms[j]) >= 0, inText = !inHead && s.nx.indexOf(terms[j]) >= 0;
      if (!inHead && !inText) {
        if (!inTitle[j]) return { tier: -1, own: false };
        own = false;
      } else if (!inTitle[j]) {
        tier = Math.max(tier, inHead ? 1 : 2);
      }
    }
    return { tier: tier, own: own };
  }

  function search(terms) {
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var p = index[i], inTitle = [], all = true;
      for (var j = 0; j < terms.length; j++) inTitle.push(p.nt.indexOf(terms[j]) >= 0);
      var best = null, subs = [];
      for (var k = 0; k < p.secs.length; k++) {
        var g = grade(p, p.secs[k], terms, inTitle);
        if (g.tier < 0) continue;
        var hit = { s: p.secs[k], tier: g.tier, pos: k };
        if (!best || g.tier < best.tier) best = hit;
        if (g.own) subs.push(hit);
      }
      if (!best) {
        /* The terms are spread over several passages: the page matches as a whole. */
        for (j = 0; j < terms.length && all; j++) {
          var found = inTitle[j];
          for (k = 0; k < p.secs.length && !found; k++) {
            found = p.secs[k].nh.indexOf(terms[j]) >= 0 || p.secs[k].nx.indexOf(terms[j]) >= 0;
          }
          all = found;
        }
        if (!all) continue;
        for (k = 0; k < p.secs.length && !best; k++) {
          for (j = 0; j < terms.length; j++) {
            if (p.secs[k].nh.indexOf(terms[j]) >= 0 || p.secs[k].nx.indexOf(terms[j]) >= 0) {
              best = { s: p.secs[k], tier: 3, pos: k };
              break;
            }
          }
        }
        if (!best) best = { s: p.secs[0], tier: 3, pos: 0 };
      }
      subs = subs.filter(function (h) { return h !== best && h.s.id; });
      subs.sort(function (a, b) { return a.tier - b.tier || a.pos - b.pos; });
      hits.push({ p: p, best: best, subs: subs, n: subs.length });
    }
    hits.sort(function (a, b) {
      return a.best.tier - b.best.tier ||
        (a.p.d < b.p.d ? 1 : a.p.d > b.p.d ? -1 : 0) ||
        b.n - a.n || a.p.order - b.p.order;
    });
    return hits;
  }

  /* Append text to el with every occurrence of the terms marked. */
  function marked(el, text, ntext, terms) {
    var ranges = [];
    for (var j = 0; j < terms.length; j++) {
      for (var at = ntext.indexOf(terms[j]); at >= 0; at = ntext.indexOf(terms[j], at + terms[j].length)) {
        ranges.push([clusterStart(text, at), clusterEnd(text, at + terms[j].length)]);
      }
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var last = 0;
    for (var r = 0; r < ranges.length; r++) {
      var a = Math.max(ranges[r][0], last), b = ranges[r][1];
      if (b <= a) continue;
      /* Merge ranges that touch or overlap. */
      while (r + 1 < ranges.length && ranges[r + 1][0] <= b) b = Math.max(b, ranges[++r][1]);
      if (a > last) el.appendChild(document.createTextNode(text.slice(last, a)));
      var m = document.createElement("mark");
      m.textContent = text.slice(a, b);
      el.appendChild(m);
      last = b;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
    return el;
  }

  /* A snippet of the passage text around the first match, cut at cluster boundaries. */
  function snippet(s, terms) {
    var first = -1, len = 0;
    for (var j = 0; j < terms.length; j++) {
      var at = s.nx.indexOf(terms[j]);
      if (at >= 0 && (first < 0 || at < first)) { first = at; len = terms[j].length; }
    }
    if (!s.x) return null;
    var a = 0, b;
    if (first < 0) {
      b = BEFORE + AFTER;
    } else {
      a = Math.max(0, first - BEFORE);
      b = first + len + AFTER;
    }
    a = wordStart(s.x, clusterStart(s.x, a), first < 0 ? a : first, 1);
    b = clusterEnd(s.x, Math.min(b, s.x.length));
    b = wordStart(s.x, b, first < 0 ? a : first + len, -1);
    var p = document.createElement("p");
    p.className = "summary";
    if (a > 0) p.appendChild(document.createTextNode("…"));
    marked(p, s.x.slice(a, b), s.nx.slice(a, b), terms);
    if (b < s.x.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function link(p, s) {
    var a = document.createElement("a");
    a.href = s.id ? p.u + "#" + s.id : p.u;
    return a;
  }

  function show(q) {
    var terms = norm(q).split(/\s+/).filter(function (t) { return t; });
    out.textContent = "";
    if (!terms.length) return;
    var hits = search(terms);
    var count = document.createElement("p");
    if (!hits.length) {
      count.textContent = "ไม่พบผลลัพธ์สำหรับ “" + q.trim() + "”";
      out.appendChild(count);
      return;
    }
    count.textContent = "พบ " + digits(hits.length) + " หน้า" +
      (hits.length > MAX_PAGES ? " (แสดง " + digits(MAX_PAGES) + " หน้าแรก)" : "");
    out.appendChild(count);
    var ol = document.createElement("ol");
    ol.className = "search-list";
    for (var i = 0; i < hits.length && i < MAX_PAGES; i++) {
      var h = hits[i], li = document.createElement("li"), a = link(h.p, h.best.s);
      marked(a, h.p.t, h.p.nt, terms);
      if (h.best.s.h) {
        a.appendChild(document.createTextNode(" "));
        marked(a.appendChild(document.createElement("span")), h.best.s.h, h.best.s.nh, terms)
          .className = "search-heading";
      }
      li.appendChild(a);
      var snip = snippet(h.best.s, terms);
      if (snip) li.appendChild(snip);
      if (h.subs.length) {
        var ul = document.createElement("ul");
        ul.className = "search-subs";
        for (var k = 0; k < h.subs.length && k < MAX_SUBS; k++) {
          var sub = document.createElement("li"), sa = link(h.p, h.subs[k].s);
          marked(sa, h.subs[k].s.h, h.subs[k].s.nh, terms);
          sub.appendChild(sa);
          var ss = snippet(h.subs[k].s, terms);
          if (ss) sub.appendChild(ss);
          ul.appendChild(sub);
        }
        li.appendChild(ul);
      }
      ol.appendChild(li);
    }
    out.appendChild(ol);
  }

  function run(q) {
    if (index) { show(q); return; }
    fetch("/search-index.json").then(function (r) { return r.json(); })
      .then(function (j) { index = load(j); show(q); })
      .catch(function () { out.textContent = "โหลดดัชนีค้นหาไม่สำเร็จ"; });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    run(input.value);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
  input.addEventListener("input", function () { if (index) show(input.value); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
