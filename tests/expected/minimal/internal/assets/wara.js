// wara: small reading aids. The pages work without it.
// 1. A wide table or chart that scrolls sideways gets the class `overflowing` (the CSS
//    shows "เลื่อนดูตาราง →" and fades the right edge) and `at-end` once scrolled to
//    its end; one that fits gets neither.
// 2. The contents list of the minutes (a <details>) opens on wide screens, where it
//    sits beside the text; on a phone it stays closed until tapped.
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".table-scroll, figure.chart[tabindex]");

  function update(el) {
    var over = el.scrollWidth > el.clientWidth + 1;
    el.classList.toggle("overflowing", over);
    el.classList.toggle("at-end", over && el.scrollLeft + el.clientWidth >= el.scrollWidth - 2);
  }

  for (var i = 0; i < boxes.length; i++) {
    (function (el) {
      update(el);
      el.addEventListener("scroll", function () { update(el); }, { passive: true });
    })(boxes[i]);
  }
  if (boxes.length && "ResizeObserver" in window) {
    var ro = new ResizeObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) update(entries[j].target);
    });
    for (var k = 0; k < boxes.length; k++) ro.observe(boxes[k]);
  }

  var toc = document.querySelector("nav.toc details");
  if (toc && window.matchMedia && window.matchMedia("(min-width: 72rem)").matches) {
    toc.open = true;
  }
})();
