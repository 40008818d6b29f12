// tongbao: small comforts for the ledger (sorting, filtering). Every page is complete without it.
(function () {
  "use strict";
  var table = document.querySelector("table[data-sortable]");
  if (!table) return;

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    if (!cell) return "";
    var raw = cell.getAttribute("data-value");
    var text = raw !== null ? raw : cell.textContent.trim();
    if (kind !== "num") return text;
    var number = parseFloat(text.replace(/,/g, "").replace("\u2212", "-").replace("%", ""));
    return isNaN(number) ? -Infinity : number;
  }

  // Sorting: rows move within their industry section, subtotal rows stay on top of it.
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    th.tabIndex = 0;
    var ascending = false;
    function sort() {
      ascending = !ascending;
      Array.prototype.forEach.call(table.tBodies, function (body) {
        var rows = Array.prototype.filter.call(body.rows, function (r) { return r.hasAttribute("data-light"); });
        rows.sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var order = kind === "num" ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
  });

  // Filtering by text, town, nature and light.
  var tools = document.querySelector("[data-ledger-tools]");
  if (!tools) return;
  tools.hidden = false;
  var inputs = tools.querySelectorAll("[data-filter]");
  var counter = tools.querySelector("[data-filter-count]");
  function apply() {
    var want = {};
    Array.prototype.forEach.call(inputs, function (el) { want[el.getAttribute("data-filter")] = el.value.trim(); });
    var shown = 0;
    Array.prototype.forEach.call(table.querySelectorAll("tr[data-light]"), function (row) {
      var ok = (!want.text || row.textContent.indexOf(want.text) >= 0) &&
        (!want.town || row.getAttribute("data-town") === want.town) &&
        (!want.nature || row.getAttribute("data-nature") === want.nature) &&
        (!want.light || row.getAttribute("data-light") === want.light);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var filtering = want.text || want.town || want.nature || want.light;
    Array.prototype.forEach.call(table.querySelectorAll("tr.subtotal, tr.total"), function (row) { row.hidden = !!filtering; });
    counter.textContent = filtering ? "筛选出 " + shown + " 个项目（筛选时不显示小计）" : "";
  }
  Array.prototype.forEach.call(inputs, function (el) { el.addEventListener("input", apply); });
})();
