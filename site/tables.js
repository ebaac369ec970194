// Sort a table by clicking its column headings; filter its rows by typing. Plain JS, no dependencies.
(function () {
  "use strict";
  var table = document.getElementById("rows");
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  if (!table || !filter) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  function count() {
    var visible = rows.filter(function (row) { return !row.hidden; }).length;
    shown.textContent = visible + " of " + rows.length + " rows";
  }

  filter.addEventListener("input", function () {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
    });
    count();
  });

  function key(row, index, numeric) {
    var text = row.cells[index].textContent.trim();
    if (!numeric) { return text.toLowerCase(); }
    // Empty cells sort last whichever the direction, so missing values never pose as zeros.
    return text === "" ? null : parseFloat(text);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, index) {
    var button = heading.querySelector("button");
    var numeric = heading.getAttribute("data-type") === "number";
    button.addEventListener("click", function () {
      var ascending = heading.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = key(a, index, numeric), y = key(b, index, numeric);
        if (x === y) { return 0; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        return (x < y ? -1 : 1) * (ascending ? 1 : -1);
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
  // A link may open the table filtered: tables/x.html?filter=2008 (claim pages link their official figures so).
  var asked = new URLSearchParams(window.location.search).get("filter");
  if (asked) {
    filter.value = asked;
    filter.dispatchEvent(new Event("input"));
  }
  count();
}());
