/* Progressive enhancement for the griffie queue: one checkbox that selects every submitted claim on the page.
   Without JavaScript each claim still has its own checkbox. */
(function () {
  "use strict";
  var header = document.querySelector("[data-select-all-label]");
  if (!header) { return; }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[type=checkbox][name=claims]"));
  if (!boxes.length) { return; }
  var all = document.createElement("input");
  all.type = "checkbox";
  all.id = "select-all-claims";
  all.setAttribute("aria-label", header.getAttribute("data-select-all-label"));
  header.textContent = "";
  header.appendChild(all);
  function sync() {
    var checked = boxes.filter(function (box) { return box.checked; }).length;
    all.checked = checked === boxes.length;
    all.indeterminate = checked > 0 && checked < boxes.length;
  }
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
  boxes.forEach(function (box) { box.addEventListener("change", sync); });
  sync();
}());
