/* Presentation mode for "Leren van elkaar": one slide at a time, keys as in reveal.js and
   PowerPoint (and as presenter clickers send them), a black screen, full screen, an overview,
   and swipes. The slide number lives in the address (#dia-3), so a bookmark opens that slide.
   No network, no fetch(): it works the same from a web server and from file://.

   The key s opens the same page with ?weergave=spreker in a second window: the presenter view.
   The two windows keep each other in step with postMessage between the window and its opener,
   which works between file:// pages too (BroadcastChannel and storage events do not there). */
(function () {
  "use strict";

  var deck = document.getElementById("lve-deck");
  var presenterView = document.getElementById("lve-presenter");
  var black = document.getElementById("lve-black");
  var status = document.getElementById("lve-status");
  var notice = document.getElementById("lve-notice");
  var controls = document.getElementById("lve-controls");
  var overview = document.getElementById("lve-overview");
  var grid = document.getElementById("lve-overview-grid");
  // Where a host left a deck for a slide's page ("Verder presenteren" there comes back), and the
  // page that opened a deck (Escape goes back there); both written by presenteren.js too.
  var STORE = "lve-presentatie";
  var ORIGIN = "lve-presentatie-start";
  var CHANNEL = "lve-presentatie";
  var PRESENTER_WINDOW = "lve-sprekersweergave";

  var NEXT = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "Enter"];
  var PREVIOUS = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];

  var params = new URLSearchParams(location.search);
  var isPresenter = params.get("weergave") === "spreker";

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  /* The host's own sequence: the keys in its address (reeks.js) pick and order the slides; the
     others leave the page, so printing gives exactly the chosen ones. */
  var chosen = [];
  if (deck.getAttribute("data-own") === "ja") {
    var byKey = new Map();
    Array.prototype.forEach.call(deck.querySelectorAll(".lve-slide[data-key]"), function (slide) {
      byKey.set(slide.getAttribute("data-key"), slide);
      slide.remove();
    });
    chosen = lveReeks.keys(location.search, byKey);
    if (chosen.length) {
      deck.querySelector("[data-empty]").remove();
      chosen.forEach(function (key) { deck.appendChild(byKey.get(key)); });
    }
    Array.prototype.forEach.call(deck.querySelectorAll(".lve-slide"), function (slide, i) {
      slide.id = "dia-" + (i + 1);
    });
  }
  // Both windows of one deck say which deck they show, so neither follows another deck.
  var deckId = location.pathname + "?" + chosen.join(",");

  var slides = Array.prototype.slice.call(deck.querySelectorAll(".lve-slide"));
  var total = slides.length;
  var current = 0;
  var blackedOut = false;

  slides.forEach(function (slide, i) {
    var counter = slide.querySelector(".lve-slide__counter");
    if (counter) counter.textContent = (i + 1) + " / " + total;
  });

  function numberFromHash() {
    var match = /^#dia-(\d+)$/.exec(location.hash);
    return match ? Math.min(Math.max(parseInt(match[1], 10), 1), total) - 1 : 0;
  }

  function titleOf(slide) {
    return slide.getAttribute("data-title") || slide.querySelector(".lve-slide__title").textContent;
  }

  function show(index, announce) {
    index = Math.min(Math.max(index, 0), total - 1);
    slides[current].removeAttribute("data-current");
    current = index;
    var slide = slides[current];
    slide.setAttribute("data-current", "");
    var hash = "#dia-" + (current + 1);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    if (announce !== false) {
      status.textContent = fill(status.getAttribute("data-text"), {
        nummer: current + 1, aantal: total, titel: titleOf(slide)
      });
    }
    if (isPresenter) renderPresenter();
    tell();
  }

  function go(step) {
    if (blackedOut) { setBlack(false); return; }  // back to the slide the room last saw
    show(current + step);
  }

  function setBlack(on) {
    blackedOut = on;
    if (isPresenter) presenterView.toggleAttribute("data-black", on);
    else black.hidden = !on;
    controls.querySelector("[data-action=black]").setAttribute("aria-pressed", String(on));
    tell();
  }

  function isFullscreen() { return !!document.fullscreenElement; }

  function toggleFullscreen(on) {
    var wanted = on === undefined ? !isFullscreen() : on;
    if (wanted && !isFullscreen() && document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    } else if (!wanted && isFullscreen()) {
      document.exitFullscreen().catch(function () {});
    }
  }

  document.addEventListener("fullscreenchange", function () {
    controls.querySelector("[data-action=fullscreen]").setAttribute("aria-pressed", String(isFullscreen()));
  });
  // Phones without full screen for pages (iPhone) get no button that does nothing.
  if (!document.documentElement.requestFullscreen) {
    controls.querySelector("[data-action=fullscreen]").hidden = true;
  }

  function read(key) {
    try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function sameSite(address) {
    try {
      var url = new URL(address, location.href);
      return url.protocol === location.protocol && url.host === location.host ? url : null;
    } catch (e) { return null; }
  }

  /* Leaving goes back to the page that opened the deck (a theme page, "Bijeenkomst
     voorbereiden"), or else to the normal page of the slide on screen, so the whole text is at
     hand for questions; that page's "Presenteren" (or p) comes back to this sequence and slide. */
  function leave() {
    if (isFullscreen()) document.exitFullscreen().catch(function () {});
    var target = new URL(slides[current].getAttribute("data-href") || "../../", location.href);
    if (!slides[current].hasAttribute("data-href")) {
      var back = deck.querySelector("[data-empty] a");
      if (back) target = new URL(back.getAttribute("href"), location.href);
    }
    var start = read(ORIGIN);
    var origin = start && start.deck === location.href.split("#")[0] && sameSite(start.back);
    if (origin) target = origin;
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ page: target.href.split("#")[0], back: location.href }));
    } catch (e) { /* storage may be off; leaving still works */ }
    location.href = target.href;
  }

  /* Overview: every slide's title as a button; Enter or a click jumps there. */
  slides.forEach(function (slide, i) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.setAttribute("data-slide", String(i));
    var number = document.createElement("span");
    number.className = "lve-overview__number";
    number.textContent = String(i + 1);
    var title = document.createElement("span");
    title.className = "lve-overview__title";
    title.textContent = titleOf(slide);
    button.appendChild(number);
    button.appendChild(title);
    button.addEventListener("click", function () { closeOverview(); show(i); });
    item.appendChild(button);
    grid.appendChild(item);
  });

  function home() { return isPresenter ? presenterView : deck; }

  function openOverview() {
    if (blackedOut) setBlack(false);
    var buttons = grid.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (button, i) {
      if (i === current) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    });
    overview.showModal();
    buttons[current].focus();
  }

  function closeOverview() {
    if (overview.open) overview.close();
    home().focus({ preventScroll: true });
  }

  function gridKeys(event) {
    var buttons = Array.prototype.slice.call(grid.querySelectorAll("button"));
    var index = buttons.indexOf(document.activeElement);
    if (event.key === "o" || event.key === "O") { event.preventDefault(); closeOverview(); return; }
    if (index < 0) return;
    var columns = Math.max(1, Math.round(grid.clientWidth / buttons[0].parentNode.offsetWidth));
    var moves = new Map([
      ["ArrowRight", 1], ["ArrowLeft", -1], ["ArrowDown", columns], ["ArrowUp", -columns],
      ["Home", -index], ["End", buttons.length - 1 - index]
    ]);
    if (moves.has(event.key)) {
      event.preventDefault();
      buttons[Math.min(Math.max(index + moves.get(event.key), 0), buttons.length - 1)].focus();
    }
  }

  overview.addEventListener("close", function () { home().focus({ preventScroll: true }); });

  /* --- The presenter view, and keeping two windows in step --------------------------------- */

  var partner = null;  // the other window: the presenter view, or (in it) the projected deck
  var following = false;  // applying the other window's state: do not send it back
  // file:// pages have an opaque origin ("null"), to which no message can be addressed; there
  // every message goes out with "*" and is accepted only from the one window it belongs to.
  var local = location.origin === "null" || location.protocol === "file:";
  var target = local ? "*" : location.origin;

  function post(other, type) {
    if (!other || other.closed) return;
    try {
      other.postMessage({
        channel: CHANNEL, type: type, deck: deckId, role: isPresenter ? "spreker" : "zaal",
        slide: current, black: blackedOut,
        ratio: isPresenter ? 0 : deck.clientWidth / Math.max(deck.clientHeight, 1)
      }, target);
    } catch (e) { /* the other window is going away */ }
  }

  function tell() {
    if (!following) post(partner, "state");
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.channel !== CHANNEL || data.deck !== deckId) return;
    if (!local && event.origin !== location.origin) return;
    if (isPresenter) {
      if (event.source !== window.opener || data.role !== "zaal") return;
    } else if (event.source !== partner) {
      // A presenter view that outlived a reload of this window: it is this deck's again.
      if (data.role !== "spreker" || !event.source) return;
      partner = event.source;
    }
    if (data.type === "hallo") { post(partner, "state"); return; }
    if (typeof data.slide !== "number") return;
    following = true;
    try {
      if (data.slide !== current) show(data.slide);
      if (Boolean(data.black) !== blackedOut) setBlack(Boolean(data.black));
      if (isPresenter && data.ratio > 0.2 && data.ratio < 5) {
        presenterView.style.setProperty("--lve-ratio", String(data.ratio));
      }
    } finally {
      following = false;
    }
    if (isPresenter) connection();
  });

  function openPresenter() {
    if (isPresenter) return;
    if (partner && !partner.closed) { partner.focus(); return; }
    var url = new URL(location.href);
    url.searchParams.set("weergave", "spreker");
    url.hash = "#dia-" + (current + 1);
    partner = window.open(url.href, PRESENTER_WINDOW, "popup,width=1200,height=760");
    notice.textContent = partner ? "" : notice.getAttribute("data-blocked");
  }

  window.addEventListener("resize", function () { tell(); });

  var nowBox = document.getElementById("lve-now");
  var nextBox = document.getElementById("lve-next");
  var nextEnd = document.getElementById("lve-next-end");
  var notesBox = document.getElementById("lve-notes");
  var numberLine = document.getElementById("lve-presenter-number");
  var link = document.getElementById("lve-presenter-link");
  var clock = document.getElementById("lve-clock");
  var timer = document.getElementById("lve-timer");
  var started = Date.now();

  function withoutIds(root) {
    if (root.removeAttribute) root.removeAttribute("id");
    Array.prototype.forEach.call(root.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    return root;
  }

  /* A small copy of a slide: its type is sized to its box (container units), as on the screen. */
  function preview(box, slide) {
    box.textContent = "";
    if (!slide) return;
    var copy = withoutIds(slide.cloneNode(true));
    copy.removeAttribute("data-current");
    copy.classList.add("lve-slide--copy");
    Array.prototype.forEach.call(copy.querySelectorAll("template"), function (t) { t.remove(); });
    Array.prototype.forEach.call(copy.querySelectorAll("a"), function (a) { a.tabIndex = -1; });
    box.appendChild(copy);
  }

  /* The notes: the slide's page body, whose links are written relative to that page. */
  function notesOf(slide) {
    var fragment = document.createDocumentFragment();
    var source = slide.querySelector("template.lve-slide__notes");
    if (!source) return fragment;
    fragment.appendChild(document.importNode(source.content, true));
    var page = new URL(slide.getAttribute("data-href") || "", location.href);
    Array.prototype.forEach.call(fragment.querySelectorAll("[href], [src]"), function (el) {
      ["href", "src"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value !== null && value.charAt(0) !== "#") el.setAttribute(name, new URL(value, page).href);
      });
      if (el.tagName === "A") { el.target = "_blank"; el.rel = "noopener"; }
    });
    // Under the heading "Aantekeningen" (h2), the body's own headings go one level down.
    Array.prototype.forEach.call(fragment.querySelectorAll("h1, h2, h3, h4, h5"), function (heading) {
      var lower = document.createElement("h" + (parseInt(heading.tagName.charAt(1), 10) + 1));
      while (heading.firstChild) lower.appendChild(heading.firstChild);
      heading.replaceWith(lower);
    });
    return withoutIds(fragment);
  }

  function renderPresenter() {
    var slide = slides[current];
    preview(nowBox, slide);
    preview(nextBox, slides[current + 1]);
    nextEnd.hidden = current + 1 < total;
    numberLine.textContent = fill(numberLine.getAttribute("data-text"), { nummer: current + 1, aantal: total });
    notesBox.textContent = "";
    notesBox.appendChild(notesOf(slide));
    notesBox.scrollTop = 0;
  }

  function connection() {
    var joined = !!(window.opener && !window.opener.closed);
    var text = link.getAttribute(joined ? "data-connected" : "data-alone");
    if (link.textContent !== text) link.textContent = text;
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var now = new Date();
    clock.textContent = two(now.getHours()) + ":" + two(now.getMinutes());
    clock.setAttribute("datetime", clock.textContent);
    var seconds = Math.floor((Date.now() - started) / 1000);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor(seconds / 60) % 60;
    timer.textContent = (hours ? hours + ":" + two(minutes) : String(minutes)) + ":" + two(seconds % 60);
    connection();
  }

  function resetTimer() {
    started = Date.now();
    tick();
  }

  if (isPresenter) {
    deck.hidden = true;
    presenterView.hidden = false;
    partner = window.opener;
    controls.querySelector("[data-action=presenter]").hidden = true;
    presenterView.querySelector("[data-action=timer-reset]").addEventListener("click", resetTimer);
    tick();
    setInterval(tick, 1000);
  }

  /* --- Keys, buttons and swipes ------------------------------------------------------------- */

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (overview.open) { gridKeys(event); return; }
    var key = event.key;
    var target = event.target;
    var onControl = target && target.closest && target.closest("button, a, input");
    if (onControl && (key === "Enter" || key === " ")) return;  // let the focused control act
    // In the notes, the arrow keys scroll them; a clicker's Page Down still moves on.
    if (isPresenter && notesBox.contains(target) && (key === "ArrowDown" || key === "ArrowUp")) return;
    if (NEXT.indexOf(key) >= 0) go(1);
    else if (PREVIOUS.indexOf(key) >= 0) go(-1);
    else if (key === "Home") { setBlack(false); show(0); }
    else if (key === "End") { setBlack(false); show(total - 1); }
    else if (key === "b" || key === "B" || key === ".") setBlack(!blackedOut);
    else if (key === "f" || key === "F") toggleFullscreen();
    else if (key === "F5") toggleFullscreen(true);  // a clicker's "start presentation" button
    else if (key === "o" || key === "O") openOverview();
    else if ((key === "s" || key === "S") && !isPresenter) openPresenter();
    else if ((key === "t" || key === "T") && isPresenter) resetTimer();
    else if (key === "Escape") {
      if (blackedOut) setBlack(false);
      else if (isFullscreen()) toggleFullscreen(false);
      else if (!isPresenter) leave();
    } else return;
    event.preventDefault();
  });

  controls.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "prev") go(-1);
    else if (action === "next") go(1);
    else if (action === "overview") openOverview();
    else if (action === "black") setBlack(!blackedOut);
    else if (action === "fullscreen") toggleFullscreen();
    else if (action === "presenter") openPresenter();
    else if (action === "leave") {
      // A presenter view closes its own window (which a script may do only to one it opened).
      if (isPresenter && window.opener) window.close();
      else leave();
    }
  });
  overview.querySelector("[data-action=overview-close]").addEventListener("click", closeOverview);
  black.addEventListener("click", function () { setBlack(false); });

  /* Swipe left for the next slide, right for the previous one. */
  var start = null;
  deck.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "mouse") start = { x: event.clientX, y: event.clientY };
  });
  deck.addEventListener("pointerup", function (event) {
    if (!start) return;
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) go(dx < 0 ? 1 : -1);
  });
  deck.addEventListener("pointercancel", function () { start = null; });

  /* The controls show while the mouse moves or one has focus, and fade otherwise; their row
     below the slide stays reserved, so they never cover it. */
  var idle = null;
  function wake() {
    controls.classList.add("lve-controls--awake");
    clearTimeout(idle);
    idle = setTimeout(function () { controls.classList.remove("lve-controls--awake"); }, 2500);
  }
  document.addEventListener("mousemove", wake);

  window.addEventListener("hashchange", function () { show(numberFromHash()); });

  // A presenter view (also one reloaded later) asks the deck where it is, rather than telling.
  following = isPresenter;
  show(numberFromHash(), false);
  following = false;
  if (isPresenter) post(partner, "hallo");
  wake();
  home().focus({ preventScroll: true });
})();
