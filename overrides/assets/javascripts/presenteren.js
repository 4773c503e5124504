/* The "Presenteren" button on theme, lesson and case pages, and its key: p. A host who left a
   presentation with Esc on this page goes back to that sequence and slide. */
(function () {
  "use strict";
  var button = document.querySelector("a[data-lve-present]");
  if (!button) return;
  try {
    var saved = JSON.parse(sessionStorage.getItem("lve-presentatie") || "null");
    if (saved && saved.page === location.href.split("#")[0] && saved.back) {
      button.href = saved.back;
      button.textContent = "Verder presenteren";
    }
  } catch (e) { /* no storage: the button opens this page's own sequence */ }

  // On the document, before Material's own keys (which read p as "previous page") see it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "p" && event.key !== "P") return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    event.stopPropagation();
    location.href = button.href;
  });
})();
