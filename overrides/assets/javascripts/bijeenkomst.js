/* "Bijeenkomst voorbereiden": the ticked slides, in the host's order, become a link to the
   own sequence's page (its address: reeks.js; each box's value is a slide's key, written by the
   template). The page's own address keeps the choice too, so a reload or a bookmark of this
   page keeps it, and a shared link can be changed here. The list
   beside (or under) the checkboxes shows the choice as it is made, and a screen reader hears
   each change. */
(function () {
  "use strict";
  var form = document.getElementById("lve-prepare");
  if (!form) return;
  var result = document.getElementById("lve-prepare-result");
  var list = document.getElementById("lve-prepare-list");
  var empty = document.getElementById("lve-prepare-empty");
  var count = document.getElementById("lve-prepare-count");
  var start = document.getElementById("lve-prepare-start");
  var field = document.getElementById("lve-prepare-link");
  var copy = document.getElementById("lve-prepare-copy");
  var copied = document.getElementById("lve-prepare-copied");
  var status = document.getElementById("lve-prepare-status");
  // A Map, as reeks.js asks: an unknown key is unknown whatever its name.
  var boxes = new Map();
  Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
    boxes.set(box.value, box);
  });

  var order = lveReeks.keys(location.search, boxes);

  function titleOf(key) { return boxes.get(key).getAttribute("data-title"); }

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function announce(message, key) {
    var at = order.indexOf(key);
    status.textContent = fill(status.getAttribute("data-" + message), {
      titel: titleOf(key), plaats: at + 1, aantal: order.length
    });
  }

  function button(word, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = word;
    b.setAttribute("aria-label", word + ": " + title);
    b.addEventListener("click", action);
    return b;
  }

  function move(index, step, focusClass) {
    var to = index + step;
    if (to < 0 || to >= order.length) return;
    var key = order.splice(index, 1)[0];
    order.splice(to, 0, key);
    render();
    var again = list.children[to].querySelector("." + focusClass);
    // At the top or bottom that button is disabled (and takes no focus): the other one does.
    (again && !again.disabled ? again : list.children[to].querySelector("button:not(:disabled)")).focus();
    announce("moved", key);
  }

  function render() {
    boxes.forEach(function (box, key) { box.checked = order.indexOf(key) >= 0; });
    list.textContent = "";
    order.forEach(function (key, i) {
      var title = titleOf(key);
      var item = document.createElement("li");
      var text = document.createElement("span");
      text.className = "lve-prepare__title";
      text.textContent = title;
      item.appendChild(text);
      var up = button(result.getAttribute("data-up"), title, function () { move(i, -1, "lve-up"); });
      up.classList.add("lve-up");
      up.disabled = i === 0;
      var down = button(result.getAttribute("data-down"), title, function () { move(i, 1, "lve-down"); });
      down.classList.add("lve-down");
      down.disabled = i === order.length - 1;
      var remove = button(result.getAttribute("data-remove"), title, function () {
        order.splice(i, 1);
        render();
        (list.children[Math.min(i, order.length - 1)] || form).querySelector("button:not(:disabled), input").focus();
        status.textContent = fill(status.getAttribute("data-removed"), { titel: title, aantal: order.length });
      });
      item.appendChild(up);
      item.appendChild(down);
      item.appendChild(remove);
      list.appendChild(item);
    });
    empty.hidden = order.length > 0;
    count.textContent = order.length ? fill(count.getAttribute("data-text"), { aantal: order.length }) : "";
    var query = lveReeks.query(order);
    var href = form.getAttribute("data-eigen") + query;
    start.href = href;
    start.setAttribute("aria-disabled", String(order.length === 0));
    field.value = order.length ? new URL(href, location.href).href : "";
    copy.disabled = order.length === 0;
    history.replaceState(null, "", location.pathname + query + location.hash);
  }

  form.addEventListener("change", function (event) {
    var box = event.target;
    var at = order.indexOf(box.value);
    if (box.checked && at < 0) {
      order.push(box.value);
      render();
      // The newest choice, at the end of the list, in sight even when the list scrolls.
      list.lastElementChild.scrollIntoView({ block: "nearest" });
      announce("added", box.value);
    } else if (!box.checked && at >= 0) {
      order.splice(at, 1);
      render();
      status.textContent = fill(status.getAttribute("data-removed"), { titel: titleOf(box.value), aantal: order.length });
    }
  });

  start.addEventListener("click", function (event) {
    if (!order.length) event.preventDefault();
  });

  copy.addEventListener("click", function () {
    function done() { copied.textContent = copied.getAttribute("data-text"); }
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        document.execCommand("copy");
        done();
      });
    } else {
      document.execCommand("copy");
      done();
    }
  });

  render();
})();
