import type { Exporter, ReportFile, ReportInput } from "./exporter.js";
import {
  buildReportModel,
  formatTenths,
  matrixRows,
  REGION_SUMMARY_HEADER,
  regionSummaryRows,
  statisticsRows,
} from "./report-model.js";

/** Escape text for HTML element content or a quoted attribute value. */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#1b1f24;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #d0d7de;padding:2px 6px;text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#f6f8fa;z-index:1}
.scroll{overflow:auto;max-height:80vh;border:1px solid #d0d7de}
.matrix th.region{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.matrix td.y,.matrix td.n{text-align:center;padding:2px}
td.y{background:#c6efce}td.n{background:#ffc7ce;color:#9c0006}
.num{text-align:right}
.warn{background:#fff3cd;border:1px solid #e0c36c;padding:.5rem 1rem;border-radius:4px}
input[type=search]{font:inherit;padding:4px 8px;margin:.5rem 0;width:min(30rem,100%)}
`;

// Filters the rows of the table named by each search box's data-filter attribute.
const SCRIPT = `
document.querySelectorAll("input[data-filter]").forEach(function (input) {
  var table = document.getElementById(input.getAttribute("data-filter"));
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
    });
  });
});
`;

function row(cells: readonly string[], tag: "td" | "th" = "td"): string {
  return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
}

function renderHtml(input: ReportInput): ReportFile[] {
  const model = buildReportModel(input);
  const s = model.statistics;
  const e = escapeHtml;
  const parts: string[] = [];
  parts.push(
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    // Nothing may be fetched: the page is one file that works offline and leaks nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>AWS service availability report, ${e(s.generatedAt)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<h1>AWS service availability report</h1>",
    `<p>Generated ${e(s.generatedAt)}${s.scanId === null ? "" : ` from scan ${s.scanId}`}: <strong>${s.regions}</strong> regions, <strong>${s.services}</strong> services, <strong>${s.pairs}</strong> region/service pairs.</p>`,
  );
  if (!s.complete) {
    parts.push(`<p class="warn"><strong>Incomplete snapshot:</strong> ${s.failures.length} path(s) could not be fetched; counts may be low. See <em>Failures</em> below.</p>`);
  }

  parts.push("<h2>Summary</h2>", '<table class="stats"><tbody>');
  for (const [key, value] of statisticsRows(s)) parts.push(`<tr><th>${e(key)}</th><td>${e(value)}</td></tr>`);
  parts.push("</tbody></table>");

  parts.push(
    "<h2>Service availability</h2>",
    '<input type="search" placeholder="Filter services (code or name)" aria-label="Filter services" data-filter="matrix">',
    '<div class="scroll"><table id="matrix" class="matrix"><thead><tr><th>Service Code</th><th>Service Name</th><th>Regions</th><th>Coverage %</th>',
  );
  for (const region of model.regions) parts.push(`<th class="region" title="${e(region.info.name)}">${e(region.info.code)}</th>`);
  parts.push("</tr></thead><tbody>");
  const services = model.services;
  matrixRows(model).forEach(({ code, cells }, i) => {
    const service = services[i];
    const cellsHtml = cells.map((available) => (available ? '<td class="y">&#10003;</td>' : '<td class="n">&#10007;</td>')).join("");
    parts.push(
      `<tr><td>${e(code)}</td><td>${e(service?.name ?? code)}</td><td class="num">${service?.regions.length ?? 0}</td><td class="num">${formatTenths(service?.coverageTenths ?? 0)}</td>${cellsHtml}</tr>`,
    );
  });
  parts.push("</tbody></table></div>");

  parts.push(
    "<h2>Regions</h2>",
    '<input type="search" placeholder="Filter regions" aria-label="Filter regions" data-filter="regions">',
    `<div class="scroll"><table id="regions"><thead>${row(REGION_SUMMARY_HEADER.map(e), "th")}</thead><tbody>`,
  );
  for (const values of regionSummaryRows(model)) {
    parts.push(`<tr>${values.map((v) => (typeof v === "number" ? `<td class="num">${v}</td>` : `<td>${e(v)}</td>`)).join("")}</tr>`);
  }
  parts.push("</tbody></table></div>");

  if (s.failures.length > 0) {
    parts.push("<h2>Failures</h2>", `<table><thead>${row(["Path", "Code", "Message"], "th")}</thead><tbody>`);
    for (const f of s.failures) parts.push(row([e(f.path), e(f.code), e(f.message)]));
    parts.push("</tbody></table>");
  }
  parts.push(`<script>${SCRIPT}</script>`, "</body>", "</html>");
  return [{ name: "report.html", content: `${parts.join("\n")}\n` }];
}

/**
 * HTML: one self-contained `report.html` (inline CSS and a few lines of inline JS, a CSP that
 * forbids any fetch) with the summary, a filterable service x region matrix and a region table.
 * Every value is escaped; announcement URLs are shown as text, never as links.
 *
 * @example
 * const [file] = await htmlExporter.render({ snapshot, generatedAt: new Date() });
 */
export const htmlExporter: Exporter = Object.freeze({
  format: "html",
  extension: "html",
  aliases: Object.freeze(["htm"]),
  render: renderHtml,
});
