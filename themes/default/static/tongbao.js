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

// Search across the whole site, offline: the index is a script written by the build
// (search-index.js, see src/render/search.rs), added to the page when the box is first used,
// so that it loads from file:// and any folder. A query is cut as the index was cut (CJK
// bigrams, whole Latin and number words), the lists of its tokens are intersected, and only
// documents whose words hold every term of the query are shown.
(function () {
  "use strict";
  var box = document.querySelector(".search");
  if (!box) return;
  var input = box.querySelector("input");
  var results = box.querySelector(".search-results");
  var root = box.getAttribute("data-root") || "";
  var LIMIT = 20;
  box.hidden = false;

  function fold(text) {
    return text.replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).toLowerCase();
  }
  function isHan(c) {
    return /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/.test(c);
  }
  // The same cut as tokens() in src/render/search.rs.
  function tokens(text) {
    var out = [], han = [], word = "";
    function flushHan() {
      if (han.length === 1) out.push(han[0]);
      for (var i = 0; i + 1 < han.length; i++) out.push(han[i] + han[i + 1]);
      han = [];
    }
    Array.prototype.forEach.call(fold(text), function (c) {
      if (isHan(c)) {
        if (word) { out.push(word); word = ""; }
        han.push(c);
      } else if (/[a-z0-9]/.test(c)) {
        flushHan();
        word += c;
      } else {
        flushHan();
        if (word) { out.push(word); word = ""; }
      }
    });
    flushHan();
    if (word) out.push(word);
    return out;
  }
  // A posting list: gaps in base 36, comma-separated.
  function postings(text) {
    var last = 0;
    return text.split(",").map(function (gap) { last += parseInt(gap, 36); return last; });
  }

  var data = null, loading = false, cache = {};
  // Adds the index to the page once; when it has loaded, the query typed meanwhile runs.
  function load() {
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = function () {
      data = window.tongbaoSearch;
      // Each document's words folded once, not once per query: [title, title and text].
      data.folded = data.docs.map(function (d) { var t = fold(d[0]); return [t, t + " " + fold(d[2])]; });
      run();
    };
    script.onerror = function () { show([], "搜索索引未能加载。"); };
    document.head.appendChild(script);
  }
  function list(token) {
    if (!(token in cache)) cache[token] = data.index[token] ? postings(data.index[token]) : null;
    return cache[token];
  }
  // Documents holding `token`: its list, or for the last word of a query still being typed the
  // lists of the words it begins.
  function holding(token, partial) {
    var exact = list(token);
    if (exact || !partial || isHan(token)) return exact || [];
    var seen = {};
    Object.keys(data.index).forEach(function (key) {
      if (key.lastIndexOf(token, 0) === 0) list(key).forEach(function (n) { seen[n] = true; });
    });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }
  function search(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    // A lone ideograph is a token only where the text has it alone: others are found by
    // reading the documents.
    var all = tokens(query).filter(function (t) { return !(t.length === 1 && isHan(t)); });
    var candidates = null;
    all.forEach(function (token, k) {
      var hits = holding(token, k === all.length - 1);
      candidates = candidates === null ? hits : intersect(candidates, hits);
    });
    if (candidates === null) candidates = data.docs.map(function (_, n) { return n; });
    // A query that is one token (水库) is held by every document of its list: nothing to check.
    var whole = terms.length === 1 && all.length === 1 && all[0] === terms[0] && tokens(query).length === 1;
    var found = whole ? candidates : candidates.filter(function (n) {
      var words = data.folded[n][1];
      return terms.every(function (t) { return words.indexOf(t) >= 0; });
    });
    // Those whose title holds the query first, each in the site's order.
    var inTitle = [], rest = [];
    found.forEach(function (n) { (data.folded[n][0].indexOf(terms[0]) >= 0 ? inTitle : rest).push(n); });
    return inTitle.concat(rest);
  }
  // `text` with the first place holding `term` marked.
  function marked(text, term) {
    var span = document.createElement("span");
    var at = fold(text).indexOf(term);
    if (!term || at < 0) { span.textContent = text; return span; }
    span.appendChild(document.createTextNode(text.slice(0, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + term.length);
    span.appendChild(mark);
    span.appendChild(document.createTextNode(text.slice(at + term.length)));
    return span;
  }
  function show(found, note) {
    results.textContent = "";
    if (!data) found = [];
    var term = fold(input.value).split(/\s+/).filter(Boolean)[0] || "";
    var summary = document.createElement("p");
    summary.className = "search-count";
    summary.textContent = note || (found.length ? "找到 " + found.length + " 条" + (found.length > LIMIT ? "，显示前 " + LIMIT + " 条" : "") : "没有找到“" + input.value.trim() + "”");
    results.appendChild(summary);
    var ul = document.createElement("ul");
    found.slice(0, LIMIT).forEach(function (n) {
      var doc = data.docs[n];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + doc[1];
      a.appendChild(marked(doc[0], term));
      var small = document.createElement("small");
      small.appendChild(marked(doc[2], term));
      li.appendChild(a);
      li.appendChild(small);
      ul.appendChild(li);
    });
    results.appendChild(ul);
    results.hidden = false;
  }
  var timer = null;
  function run() {
    var query = input.value.trim();
    if (!query) { results.hidden = true; return; }
    if (!data) return load();
    show(search(query));
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
  input.addEventListener("focus", function () { if (!data) load(); else run(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { results.hidden = true; input.blur(); }
    if (e.key === "Enter") {
      var first = results.querySelector("a");
      if (first) window.location.href = first.href;
    }
  });
})();
