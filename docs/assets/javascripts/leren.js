/* Leren van elkaar: small additions to Material for MkDocs.
   1. A table wider than the screen scrolls sideways inside Material's wrapper; keyboard users
      can only scroll it if the wrapper takes focus (WCAG 2.1.1, axe: scrollable-region-focusable),
      and a screen reader names it after the table's caption or the heading above it.
   2. Focusable labels (the menu button, made focusable in overrides/partials/header.html, and
      Material's section labels in the navigation) act on Space as well as Enter, like buttons.
   3. The "page not found" page (overrides/404.html) offers the words of the missing address as a
      search: an old link to /lessen/lef-en-geduld/ suggests "lef en geduld". */
(function () {
  "use strict";

  function markScrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", tableName(wrap) + " (tabel, scrolt opzij)");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) {
      return caption.textContent.trim();
    }
    for (var before = wrap.previousElementSibling; before; before = before.previousElementSibling) {
      if (/^H[1-6]$/.test(before.tagName)) {
        return before.textContent.trim();
      }
    }
    return "Tabel";
  }

  function suggestSearchForMissingPage() {
    var box = document.getElementById("lve-notfound-zoek");
    if (!box || box.value) {
      return;
    }
    // The last part of the address that names something: not "dia-3", "index.html" or a number.
    var parts = window.location.pathname.split("/").map(function (part) {
      try {
        part = decodeURIComponent(part);
      } catch (malformed) {
        return "";
      }
      return part.replace(/\.html?$/, "");
    });
    var named = parts.filter(function (part) {
      return part && !/^(dia-?\d*|index|\d+)$/i.test(part);
    });
    if (named.length) {
      box.value = named[named.length - 1].replace(/[-_]+/g, " ").trim();
    }
  }

  window.addEventListener("load", markScrollableTables);
  suggestSearchForMissingPage();
  window.addEventListener("resize", markScrollableTables);

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === " " && target instanceof HTMLLabelElement && target.hasAttribute("tabindex")) {
      event.preventDefault();
      target.click();
    }
  });
})();
