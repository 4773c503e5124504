/* The "Presenteren" button on theme, lesson and case pages, and its key: p. A host who left a
   presentation with Esc on this page goes back to that sequence and slide. Every link into a
   deck (data-lve-present) notes this page as where the host started, so Esc in the deck comes
   back here. */
(function () {
  "use strict";
  var ORIGIN = "lve-presentatie-start";
  var links = document.querySelectorAll("a[data-lve-present]");

  function remember(link) {
    try {
      sessionStorage.setItem(ORIGIN, JSON.stringify({ deck: link.href.split("#")[0], back: location.href }));
    } catch (e) { /* no storage: Esc in the deck goes to its slide's page instead */ }
  }

  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function () { remember(link); });
  });

  var button = document.querySelector("a[data-lve-present][aria-keyshortcuts~='p']");
  if (!button) return;
  try {
    var saved = JSON.parse(sessionStorage.getItem("lve-presentatie") || "null");
    if (saved && saved.page === location.href.split("#")[0] && saved.back) {
      button.href = saved.back;
      button.textContent = button.getAttribute("data-resume") || button.textContent;
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
    remember(button);
    location.href = button.href;
  });
})();
