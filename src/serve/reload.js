// wara serve: long-poll /__wara/poll; reload the page after a good rebuild,
// show the diagnostics of a failed one as an overlay (removed by the next
// good build's reload). Injected by `wara serve` only, never written to disk.
(function () {
  "use strict";
  var OVERLAY_ID = "wara-overlay";
  var me = document.currentScript ||
    document.querySelector('script[src="/__wara/reload.js"]');
  var pageGen = me && me.dataset.generation ? Number(me.dataset.generation) : null;
  var seen = null;

  function showErrors(text) {
    var box = document.getElementById(OVERLAY_ID);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;max-height:80vh;overflow:auto;" +
        "z-index:2147483647;background:#3b0a0a;color:#fff;padding:1rem 1.25rem;" +
        "font:15px/1.5 Sarabun,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.5)";
      var title = document.createElement("strong");
      title.textContent = "สร้างเว็บไซต์ไม่สำเร็จ (build failed) — " +
        "กำลังแสดงผลจากครั้งล่าสุดที่สำเร็จ (showing the last good build)";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "ซ่อน (hide)";
      close.style.cssText = "float:right;margin-left:1rem;font:inherit";
      close.onclick = function () { box.style.display = "none"; };
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0;" +
        "font:14px/1.45 ui-monospace,monospace,Sarabun;color:#ffe6e6";
      box.appendChild(close);
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.style.display = "block";
    box.querySelector("pre").textContent = text;
  }

  function hideErrors() {
    var box = document.getElementById(OVERLAY_ID);
    if (box) box.remove();
  }

  // Warnings: a small panel at the bottom that does not cover the page; the
  // preview goes on. Its text is the terminal's, so it names file and line.
  var WARN_ID = "wara-warnings";
  function showWarnings(text) {
    var box = document.getElementById(WARN_ID);
    if (!text) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("details");
      box.id = WARN_ID;
      box.setAttribute("role", "status");
      box.style.cssText = "position:fixed;left:.5rem;right:.5rem;bottom:.5rem;max-height:50vh;" +
        "overflow:auto;z-index:2147483646;background:#fff8e1;color:#3d2c00;" +
        "border:2px solid #b58100;border-radius:6px;padding:.5rem .75rem;" +
        "font:15px/1.5 Sarabun,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.25)";
      var summary = document.createElement("summary");
      summary.style.cssText = "cursor:pointer;font-weight:bold";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0;" +
        "font:14px/1.45 ui-monospace,monospace,Sarabun";
      box.appendChild(summary);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    var n = (text.match(/: warning: /g) || []).length;
    box.querySelector("summary").textContent = "คำเตือน " + n +
      " รายการ (" + n + (n === 1 ? " warning" : " warnings") +
      ") — หน้าเว็บยังแสดงได้ตามปกติ (the preview goes on)";
    box.querySelector("pre").textContent = text;
  }

  function poll() {
    var url = "/__wara/poll" + (seen === null ? "" : "?gen=" + seen);
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (pageGen === null) pageGen = s.generation;
        if (s.errors) {
          showErrors(s.errors);
        } else if (s.generation !== pageGen) {
          location.reload();
          return;
        } else {
          hideErrors();
          showWarnings(s.warnings);
        }
        seen = s.generation;
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
