(function () {
  "use strict";
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // Passages: clicking one marks it and its twin, and scrolls the twin's column to it.
  function mark(article, number) {
    article.querySelectorAll(".pg.on").forEach(function (el) { el.classList.remove("on"); });
    article.querySelectorAll('.pg[data-p="' + number + '"]').forEach(function (el) { el.classList.add("on"); });
  }
  function reveal(target) {
    var column = target.closest(".text");
    if (!column) { target.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" }); return; }
    var top = target.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop;
    column.scrollTo({ top: Math.max(0, top - column.clientHeight / 3), behavior: reduced ? "auto" : "smooth" });
    var box = column.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) { column.scrollIntoView({ block: "nearest" }); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.pg, a.pg-num");
    if (!link) { return; }
    var id = link.getAttribute("href").slice(1);
    var anchor = document.getElementById(id);
    var article = link.closest(".report-article");
    if (!anchor || !article) { return; }
    event.preventDefault();
    var number = id.split("-p").pop();
    var column = anchor.closest(".text");
    var twin = (column && column.querySelector('.pg[data-p="' + number + '"]')) || anchor;
    mark(article, number);
    if (link.matches(".pg-num")) { anchor.closest(".texts").scrollIntoView({ block: "start" }); }
    reveal(twin);
    if (history.replaceState) { history.replaceState(null, "", "#" + id); }
  });

  // Print the passage list, but not a 50,000-character caption: a clipped text says in
  // print how much more the file holds.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not(.clip)").forEach(function (el) { el.open = true; });
  });

  // "Download CSV": the overview, one row per article and rule, from the rows in the page.
  var download = document.getElementById("download-csv");
  if (download) {
    download.addEventListener("click", function () {
      var rows = JSON.parse(download.getAttribute("data-rows"));
      var csv = rows.map(function (row) {
        return row.map(function (cell) {
          var text = String(cell);
          // A cell starting with = + - @ would run as a formula in a spreadsheet.
          if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
          return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
        }).join(",");
      }).join("\r\n") + "\r\n";
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob(["\ufeff" + csv], { type: "text/csv;charset=utf-8" }));
      link.download = download.getAttribute("data-name");
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
  }

  // Overview: filter by text and status, sort by any column.
  var table = document.getElementById("articles");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var input = document.getElementById("filter");
  var chips = document.querySelectorAll(".chip");
  var shown = document.getElementById("shown");
  var none = document.getElementById("no-match");
  var status = "all";
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-text");
      var ok = (status === "all" || row.getAttribute("data-status") === status) &&
        words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !ok;
      var section = document.getElementById(row.getAttribute("data-target"));
      if (section) { section.hidden = !ok; }
      if (ok) { count += 1; }
    });
    shown.textContent = "Showing " + count + " of " + rows.length;
    none.hidden = count !== 0;
  }
  input.addEventListener("input", apply);
  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      status = chip.getAttribute("data-status");
      chips.forEach(function (other) { other.setAttribute("aria-pressed", String(other === chip)); });
      apply();
    });
  });

  table.querySelectorAll("th button").forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.parentElement;
      var key = "data-" + button.getAttribute("data-key");
      var numeric = button.getAttribute("data-type") === "num";
      var order = th.getAttribute("aria-sort") === (numeric ? "descending" : "ascending") ? -1 : 1;
      if (numeric) { order = -order; }
      table.querySelectorAll("th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", order === 1 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.getAttribute(key), y = b.getAttribute(key);
        // Natural order: "img-2" before "img-12".
      var diff = numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y);
        return diff * order || parseInt(a.getAttribute("data-rank"), 10) - parseInt(b.getAttribute("data-rank"), 10);
      });
      rows.forEach(function (row) { body.appendChild(row); });
      // The article sections follow the overview's order.
      rows.forEach(function (row) {
        var section = document.getElementById(row.getAttribute("data-target"));
        if (section) { section.parentNode.appendChild(section); }
      });
    });
  });
})();
