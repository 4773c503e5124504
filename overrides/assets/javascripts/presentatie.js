/* Presentation mode for "Leren van elkaar": one slide at a time, keys as in reveal.js and
   PowerPoint (and as presenter clickers send them), a black screen, full screen, an overview,
   and swipes. The slide number lives in the address (#dia-3), so a bookmark opens that slide.
   No network, no fetch(): it works the same from a web server and from file://. */
(function () {
  "use strict";

  var deck = document.getElementById("lve-deck");
  var black = document.getElementById("lve-black");
  var status = document.getElementById("lve-status");
  var controls = document.getElementById("lve-controls");
  var overview = document.getElementById("lve-overview");
  var grid = document.getElementById("lve-overview-grid");
  var STORE = "lve-presentatie";

  var NEXT = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "Enter"];
  var PREVIOUS = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];

  /* The host's own sequence: ?reeks=les-a,casus-b (or reeks=a&reeks=b) picks and orders the
     slides; the others leave the page, so printing gives exactly the chosen ones. */
  if (deck.getAttribute("data-own") === "ja") {
    var params = new URLSearchParams(location.search);
    var keys = [];
    params.getAll("reeks").forEach(function (value) {
      value.split(",").forEach(function (key) {
        key = key.trim();
        if (key && keys.indexOf(key) < 0) keys.push(key);
      });
    });
    var byKey = {};
    Array.prototype.forEach.call(deck.querySelectorAll(".lve-slide[data-key]"), function (slide) {
      byKey[slide.getAttribute("data-key")] = slide;
      slide.remove();
    });
    var chosen = keys.filter(function (key) { return byKey[key]; });
    if (chosen.length) {
      deck.querySelector("[data-empty]").remove();
      chosen.forEach(function (key) { deck.appendChild(byKey[key]); });
    }
    Array.prototype.forEach.call(deck.querySelectorAll(".lve-slide"), function (slide, i) {
      slide.id = "dia-" + (i + 1);
    });
  }

  var slides = Array.prototype.slice.call(deck.querySelectorAll(".lve-slide"));
  var total = slides.length;
  var current = 0;

  slides.forEach(function (slide, i) {
    var counter = slide.querySelector(".lve-slide__counter");
    if (counter) counter.textContent = (i + 1) + " / " + total;
  });

  function numberFromHash() {
    var match = /^#dia-(\d+)$/.exec(location.hash);
    return match ? Math.min(Math.max(parseInt(match[1], 10), 1), total) - 1 : 0;
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
      status.textContent = "Dia " + (current + 1) + " van " + total + ": " + (slide.getAttribute("data-title") || "");
    }
  }

  function go(step) {
    if (isBlack()) { setBlack(false); return; }  // back to the slide the room last saw
    show(current + step);
  }

  function isBlack() { return !black.hidden; }

  function setBlack(on) {
    black.hidden = !on;
    controls.querySelector("[data-action=black]").setAttribute("aria-pressed", String(on));
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

  /* Leaving goes to the normal page of the slide on screen, so the whole text is at hand for
     questions; that page's "Presenteren" (or p) comes back to this sequence and slide. */
  function leave() {
    if (isFullscreen()) document.exitFullscreen().catch(function () {});
    var target = new URL(slides[current].getAttribute("data-href") || "../../", location.href);
    if (!slides[current].hasAttribute("data-href")) {
      var back = deck.querySelector("[data-empty] a");
      if (back) target = new URL(back.getAttribute("href"), location.href);
    }
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
    title.textContent = slide.getAttribute("data-title") || slide.querySelector(".lve-slide__title").textContent;
    button.appendChild(number);
    button.appendChild(title);
    button.addEventListener("click", function () { closeOverview(); show(i); });
    item.appendChild(button);
    grid.appendChild(item);
  });

  function openOverview() {
    if (isBlack()) setBlack(false);
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
    deck.focus({ preventScroll: true });
  }

  function gridKeys(event) {
    var buttons = Array.prototype.slice.call(grid.querySelectorAll("button"));
    var index = buttons.indexOf(document.activeElement);
    if (event.key === "o" || event.key === "O") { event.preventDefault(); closeOverview(); return; }
    if (index < 0) return;
    var columns = Math.max(1, Math.round(grid.clientWidth / buttons[0].parentNode.offsetWidth));
    var moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -index, End: buttons.length - 1 - index };
    if (event.key in moves) {
      event.preventDefault();
      buttons[Math.min(Math.max(index + moves[event.key], 0), buttons.length - 1)].focus();
    }
  }

  overview.addEventListener("close", function () { deck.focus({ preventScroll: true }); });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (overview.open) { gridKeys(event); return; }
    var key = event.key;
    var target = event.target;
    var onControl = target && target.closest && target.closest("button, a, input");
    if (onControl && (key === "Enter" || key === " ")) return;  // let the focused control act
    if (NEXT.indexOf(key) >= 0) go(1);
    else if (PREVIOUS.indexOf(key) >= 0) go(-1);
    else if (key === "Home") { setBlack(false); show(0); }
    else if (key === "End") { setBlack(false); show(total - 1); }
    else if (key === "b" || key === "B" || key === ".") setBlack(!isBlack());
    else if (key === "f" || key === "F") toggleFullscreen();
    else if (key === "F5") toggleFullscreen(true);  // a clicker's "start presentation" button
    else if (key === "o" || key === "O") openOverview();
    else if (key === "Escape") {
      if (isBlack()) setBlack(false);
      else if (isFullscreen()) toggleFullscreen(false);
      else leave();
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
    else if (action === "black") setBlack(!isBlack());
    else if (action === "fullscreen") toggleFullscreen();
    else if (action === "leave") leave();
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

  /* The controls show while the mouse moves or a control has focus, and fade otherwise. */
  var idle = null;
  function wake() {
    controls.classList.add("lve-controls--awake");
    clearTimeout(idle);
    idle = setTimeout(function () { controls.classList.remove("lve-controls--awake"); }, 2500);
  }
  document.addEventListener("mousemove", wake);

  window.addEventListener("hashchange", function () { show(numberFromHash()); });

  show(numberFromHash(), false);
  wake();
  deck.focus({ preventScroll: true });
})();
