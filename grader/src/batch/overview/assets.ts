// The overview's only style and script, inlined so the page works from a file:// URL with no network.

export const OVERVIEW_CSS = `
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --bar: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1200px; padding: 0 16px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.meta { color: var(--muted); margin: 0 0 16px; }
.stats { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 110px; }
.stat b { display: block; font-size: 20px; }
#histogram .bar { fill: var(--bar); } #histogram .axis { stroke: var(--line); }
#histogram text { font-size: 12px; text-anchor: middle; fill: #1f2328; } #histogram .range, #histogram .label { fill: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; position: sticky; top: 0; }
#students th { cursor: pointer; user-select: none; white-space: nowrap; }
#students th[aria-sort="ascending"]::after { content: " ▲"; } #students th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.rate { width: 160px; } .meter { background: #eaeef2; border-radius: 4px; height: 10px; width: 120px; display: inline-block; vertical-align: middle; }
.meter i { display: block; height: 10px; border-radius: 4px; background: var(--ok); }
.meter.low i { background: var(--bad); } .meter.mid i { background: var(--warn); }
.hint { color: var(--muted); font-size: 13px; }
.status { font-size: 12px; padding: 1px 6px; border-radius: 10px; border: 1px solid var(--line); white-space: nowrap; }
.status.graded { color: var(--ok); } .status.grader-error, .status.wall-timeout { color: var(--bad); } .status.build-failed, .status.not-started { color: var(--warn); }
.links a { margin-right: 8px; } .reason { color: var(--muted); font-size: 12px; }
`;

/** Sorts the students table by a clicked column (numbers numerically, empty last); `#sort=COLUMN:asc|desc` on load. */
export const OVERVIEW_JS = `
(function () {
  var table = document.getElementById('students');
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function key(row, i) {
    var cell = row.cells[i];
    var v = cell.getAttribute('data-value');
    if (v === null) v = cell.textContent.trim();
    return v;
  }
  function sortBy(i, dir) {
    var numeric = heads[i].getAttribute('data-type') === 'number';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i), y = key(b, i);
      if (x === '' && y !== '') return 1;
      if (y === '' && x !== '') return -1;
      var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      if (c === 0) c = key(a, 0).localeCompare(key(b, 0));
      return dir === 'desc' ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    heads.forEach(function (h, j) { if (j === i) h.setAttribute('aria-sort', dir === 'desc' ? 'descending' : 'ascending'); else h.removeAttribute('aria-sort'); });
    table.setAttribute('data-sorted', heads[i].getAttribute('data-key') + ':' + dir);
  }
  heads.forEach(function (h, i) {
    h.addEventListener('click', function () {
      var now = h.getAttribute('aria-sort');
      var numeric = h.getAttribute('data-type') === 'number';
      sortBy(i, now === 'descending' ? 'asc' : now === 'ascending' ? 'desc' : numeric ? 'desc' : 'asc');
    });
  });
  var m = /sort=([\\w.-]+):(asc|desc)/.exec(location.hash);
  if (m) heads.forEach(function (h, i) { if (h.getAttribute('data-key') === m[1]) sortBy(i, m[2]); });
})();
`;
