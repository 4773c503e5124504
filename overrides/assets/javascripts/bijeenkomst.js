/* "Bijeenkomst voorbereiden": the ticked slides, in the host's order, become a link to
   presentatie/eigen/?reeks=les-a,casus-b,... The page's own address keeps the choice too, so a
   reload or a bookmark of this page keeps it, and a shared link can be changed here. */
(function () {
  "use strict";
  var form = document.getElementById("lve-prepare");
  if (!form) return;
  var list = document.getElementById("lve-prepare-list");
  var empty = document.getElementById("lve-prepare-empty");
  var start = document.getElementById("lve-prepare-start");
  var field = document.getElementById("lve-prepare-link");
  var copy = document.getElementById("lve-prepare-copy");
  var copied = document.getElementById("lve-prepare-copied");
  var boxes = {};
  Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
    boxes[box.value] = box;
  });

  var order = [];
  new URLSearchParams(location.search).getAll("reeks").forEach(function (value) {
    value.split(",").forEach(function (key) {
      if (boxes[key] && order.indexOf(key) < 0) order.push(key);
    });
  });

  function button(label, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
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
    (again && !again.disabled ? again : list.children[to].querySelector("button")).focus();
  }

  function render() {
    Object.keys(boxes).forEach(function (key) { boxes[key].checked = order.indexOf(key) >= 0; });
    list.textContent = "";
    order.forEach(function (key, i) {
      var title = boxes[key].getAttribute("data-title");
      var item = document.createElement("li");
      var text = document.createElement("span");
      text.className = "lve-prepare__title";
      text.textContent = title;
      item.appendChild(text);
      var up = button("Omhoog: " + title, "Omhoog", function () { move(i, -1, "lve-up"); });
      up.classList.add("lve-up");
      up.disabled = i === 0;
      var down = button("Omlaag: " + title, "Omlaag", function () { move(i, 1, "lve-down"); });
      down.classList.add("lve-down");
      down.disabled = i === order.length - 1;
      var remove = button("Weghalen: " + title, "Weghalen", function () {
        order.splice(i, 1);
        render();
        (list.children[Math.min(i, order.length - 1)] || form).querySelector("button, input").focus();
      });
      item.appendChild(up);
      item.appendChild(down);
      item.appendChild(remove);
      list.appendChild(item);
    });
    empty.hidden = order.length > 0;
    var query = order.length ? "?reeks=" + order.join(",") : "";
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
    if (box.checked && at < 0) order.push(box.value);
    if (!box.checked && at >= 0) order.splice(at, 1);
    render();
  });

  start.addEventListener("click", function (event) {
    if (!order.length) event.preventDefault();
  });

  copy.addEventListener("click", function () {
    function done() { copied.textContent = "Gekopieerd."; }
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
