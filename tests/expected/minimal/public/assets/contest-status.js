/* wara: mark contests open or closed from the reader's clock.
   Progressive enhancement only: the page already says when entries close.
   <p class="contest-status" data-deadline="YYYY-MM-DD"> is open until the end
   of that day in Asia/Bangkok (UTC+7, no daylight saving). */
(function () {
  "use strict";
  var BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
  var DAY_MS = 24 * 60 * 60 * 1000;

  function closesAt(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    var startUtc = Date.UTC(y, mo - 1, d);
    var check = new Date(startUtc);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
      return null;
    }
    /* midnight after the deadline day, Bangkok time, as a UTC instant */
    return startUtc + DAY_MS - BANGKOK_OFFSET_MS;
  }

  function update() {
    var now = Date.now();
    var nodes = document.querySelectorAll(".contest-status[data-deadline]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var end = closesAt(el.getAttribute("data-deadline"));
      if (end === null) continue;
      var closed = now >= end;
      el.classList.toggle("closed", closed);
      el.classList.toggle("open", !closed);
      el.textContent = closed ? "ปิดรับสมัครแล้ว" : "เปิดรับสมัคร";
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
