// A table page: filter rows by text and by facets, sort by a column, keep the view in the URL, and
// download the rows shown as CSV. Plain JS, no dependencies.
(function () {
  "use strict";
  var table = document.getElementById("rows");
  var form = document.getElementById("tools");
  if (!table || !form) { return; }
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var facets = Array.prototype.slice.call(form.querySelectorAll("select[data-column]"));

  // A cell's value as the CSV has it: data-value where the page shows it formatted, else its text.
  function raw(cell) {
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
  }

  function apply() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var visible = 0;
    rows.forEach(function (row) {
      // the words shown and the values as the CSV writes them ('33,341' and '33341' both match)
      var text = (row.textContent + " " + Array.prototype.map.call(row.cells, raw).join(" ")).toLowerCase();
      var keep = words.every(function (word) { return text.indexOf(word) !== -1; }) &&
        facets.every(function (select) {
          return !select.value || raw(row.cells[Number(select.getAttribute("data-column"))]) === select.value;
        });
      row.hidden = !keep;
      visible += keep ? 1 : 0;
    });
    shown.textContent = visible + " of " + rows.length + " rows";
    empty.hidden = visible > 0;
    remember();
  }

  // The view in the address: ?filter=..&verdict=..&sort=..&order=.., so a link or a reload shows the same rows.
  function remember() {
    var params = new URLSearchParams();
    if (filter.value) { params.set("filter", filter.value); }
    facets.forEach(function (select) { if (select.value) { params.set(select.name, select.value); } });
    var sorted = headings.filter(function (h) { return h.hasAttribute("aria-sort"); })[0];
    if (sorted) {
      params.set("sort", sorted.getAttribute("data-key"));
      params.set("order", sorted.getAttribute("aria-sort"));
    }
    var query = params.toString();
    try {
      history.replaceState(null, "", query ? "?" + query + location.hash : location.pathname + location.hash);
    } catch (error) { /* some browsers refuse replaceState on file:// pages: the view still works */ }
  }

  function key(row, index, numeric) {
    var text = raw(row.cells[index]).trim();
    if (!numeric) { return text.toLowerCase(); }
    // Empty cells sort last whichever the direction, so missing values never pose as zeros.
    return text === "" ? null : parseFloat(text);
  }

  function sortBy(heading, ascending) {
    var index = headings.indexOf(heading);
    var numeric = heading.getAttribute("data-type") === "number";
    headings.forEach(function (cell) { cell.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a, index, numeric), y = key(b, index, numeric);
      if (x === y) { return 0; }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    sorted.forEach(function (row) { body.appendChild(row); });
    remember();
  }

  headings.forEach(function (heading) {
    heading.querySelector("button").addEventListener("click", function () {
      sortBy(heading, heading.getAttribute("aria-sort") !== "ascending");
    });
  });

  function csvCell(value) {
    return /[",\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  document.getElementById("export").addEventListener("click", function () {
    // The published columns only: a column the page adds (links to claims) is not part of the CSV.
    var kept = headings.filter(function (h) { return !h.classList.contains("extra"); });
    var lines = [kept.map(function (h) { return csvCell(h.getAttribute("data-key")); }).join(",")];
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row.hidden) { return; }
      lines.push(kept.map(function (h) { return csvCell(raw(row.cells[headings.indexOf(h)])); }).join(","));
    });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], {type: "text/csv"}));
    link.download = table.getAttribute("data-name") + "-filtered.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  // A link may open the table filtered or sorted: tables/x.html?filter=2008&verdict=matches&sort=value&order=descending.
  var asked = new URLSearchParams(window.location.search);
  filter.value = asked.get("filter") || "";
  facets.forEach(function (select) { select.value = asked.get(select.name) || ""; });
  var sortKey = asked.get("sort");
  var heading = headings.filter(function (h) { return h.getAttribute("data-key") === sortKey; })[0];
  if (heading) { sortBy(heading, asked.get("order") !== "descending"); }
  apply();
}());
