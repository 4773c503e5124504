/* Leren van elkaar: two keyboard fixes on top of Material for MkDocs (no other behaviour).
   1. A table wider than the screen scrolls sideways inside Material's wrapper; keyboard users
      can only scroll it if the wrapper takes focus (WCAG 2.1.1, axe: scrollable-region-focusable).
   2. Focusable labels (the menu button, made focusable in overrides/partials/header.html, and
      Material's section labels in the navigation) act on Space as well as Enter, like buttons. */
(function () {
  "use strict";

  function markScrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel (scrolt opzij)");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  window.addEventListener("load", markScrollableTables);
  window.addEventListener("resize", markScrollableTables);

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === " " && target instanceof HTMLLabelElement && target.hasAttribute("tabindex")) {
      event.preventDefault();
      target.click();
    }
  });
})();
