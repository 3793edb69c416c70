import type { RegionListing, ScanSummary, ServiceListing } from "@aws-atlas/sdk";

/**
 * What {@link renderDashboard} shows.
 *
 * @example
 * const data: DashboardData = { version, basePath: "", nonce, generatedAt: new Date(), latestScan: undefined, regions: [], services: [] };
 */
export interface DashboardData {
  version: string;
  /** The app's base path ("" at the root); the page calls the API under it. */
  basePath: string;
  /** Per-response nonce for the inline style and script (the page's CSP allows nothing else). */
  nonce: string;
  generatedAt: Date;
  /** The latest complete scan; undefined when none is stored. */
  latestScan: ScanSummary | undefined;
  regions: RegionListing[];
  services: ServiceListing[];
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape text for HTML content and double-quoted attribute values.
 *
 * @example
 * escapeHtml('<b a="1">'); // "&lt;b a=&quot;1&quot;&gt;"
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * The Content-Security-Policy of the dashboard: only its own nonce'd style and script, requests to its own
 * origin, nothing external.
 *
 * @example
 * c.header("content-security-policy", dashboardCsp(nonce));
 */
export function dashboardCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const CSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa; --accent: #0969da; --ok: #1a7f37; --bad: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23; --accent: #4493f8; --ok: #3fb950; --bad: #f85149; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); display: flex; align-items: baseline; gap: 12px; }
header h1 { margin: 0; font-size: 20px; }
header span, .muted { color: var(--muted); }
main { padding: 16px 24px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 0; }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 12px 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; font-variant-numeric: tabular-nums; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { max-height: 480px; overflow: auto; }
input[type=search], input[type=text] { width: 100%; max-width: 420px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button { padding: 6px 12px; border: 1px solid var(--accent); border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
form { display: flex; gap: 8px; margin-bottom: 8px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
meter { width: 120px; }
.yes strong { color: var(--ok); }
.no strong { color: var(--bad); }
.error { color: var(--bad); }
.codes { word-break: break-word; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
`;

const SCRIPT = `
(() => {
  "use strict";
  const base = document.body.dataset.base || "";
  const el = (tag, text, cls) => { const node = document.createElement(tag); if (text !== undefined) node.textContent = text; if (cls) node.className = cls; return node; };

  const search = document.getElementById("service-search");
  const rows = Array.from(document.querySelectorAll("#services tbody tr"));
  const shown = document.getElementById("service-shown");
  if (search) search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    let visible = 0;
    for (const row of rows) {
      const hit = q === "" || (row.dataset.search || "").includes(q);
      row.hidden = !hit;
      if (hit) visible += 1;
    }
    shown.textContent = String(visible);
  });

  const form = document.getElementById("where-form");
  const input = document.getElementById("where-input");
  const out = document.getElementById("where-result");
  const codes = (label, list, cls) => {
    const p = el("p", undefined, cls + " codes");
    p.append(el("strong", label + " (" + list.length + "): "), document.createTextNode(list.join(" ") || "-"));
    return p;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (value === "") return;
    out.replaceChildren(el("p", "Looking up " + value + "...", "muted"));
    try {
      const res = await fetch(base + "/api/where?service=" + encodeURIComponent(value), { headers: { accept: "application/json" }, credentials: "same-origin" });
      const body = await res.json();
      if (!res.ok) {
        out.replaceChildren(el("p", (body && body.error && body.error.message) || ("HTTP " + res.status), "error"));
        return;
      }
      out.replaceChildren(...body.map((a) => {
        const part = el("div");
        part.append(el("h3", a.service + " - " + a.name), codes("Available", a.available, "yes"), codes("Not available", a.unavailable, "no"));
        return part;
      }));
    } catch (error) {
      out.replaceChildren(el("p", "The request failed: " + String(error), "error"));
    }
  });
})();
`;

function renderScan(scan: ScanSummary | undefined): string {
  if (!scan) {
    return `<p>No complete scan is stored yet. Run <code>aws-atlas scan</code> (or <code>POST /api/scan</code>), then reload.</p>`;
  }
  const rows: [string, string | number][] = [
    ["Scan", `#${scan.id} (${scan.source})`],
    ["Finished", scan.finishedAt.toISOString()],
    ["Regions", scan.regionCount],
    ["Services", scan.serviceCount],
    ["Region/service pairs", scan.pairCount],
    ["API calls", `${scan.stats.apiCalls} (${scan.stats.throttled} throttled, ${scan.stats.retries} retried)`],
  ];
  return `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`;
}

function renderRegions(regions: RegionListing[]): string {
  if (regions.length === 0) return `<p class="muted">No regions.</p>`;
  const max = Math.max(1, ...regions.map((r) => r.serviceCount));
  const body = regions
    .map(
      (r) =>
        `<tr><td><code>${escapeHtml(r.code)}</code></td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.partition)}</td>` +
        `<td class="num">${escapeHtml(r.availabilityZones.length)}</td><td class="num">${escapeHtml(r.serviceCount)}</td>` +
        `<td><meter min="0" max="${escapeHtml(max)}" value="${escapeHtml(r.serviceCount)}"></meter></td><td>${escapeHtml(r.launchDate ?? "")}</td></tr>`,
    )
    .join("\n");
  return (
    `<div class="scroll"><table id="regions"><thead><tr><th>Code</th><th>Name</th><th>Partition</th><th class="num">AZs</th>` +
    `<th class="num">Services</th><th></th><th>Launched</th></tr></thead><tbody>\n${body}\n</tbody></table></div>`
  );
}

function renderServices(services: ServiceListing[]): string {
  const body = services
    .map(
      (s) =>
        `<tr data-search="${escapeHtml(`${s.code} ${s.name}`.toLowerCase())}"><td><code>${escapeHtml(s.code)}</code></td>` +
        `<td>${escapeHtml(s.name)}</td><td class="num">${escapeHtml(s.regionCount)}</td></tr>`,
    )
    .join("\n");
  return (
    `<p><input type="search" id="service-search" placeholder="Search services by code or name" aria-label="Search services"> ` +
    `<span class="muted"><span id="service-shown">${escapeHtml(services.length)}</span> of ${escapeHtml(services.length)}</span></p>` +
    `<div class="scroll"><table id="services"><thead><tr><th>Code</th><th>Name</th><th class="num">Regions</th></tr></thead><tbody>\n${body}\n</tbody></table></div>`
  );
}

/**
 * The dashboard as one self-contained HTML page (inline CSS and JS under a nonce, no external resource):
 * the latest scan, region counts, a searchable services table and a "where is X" box that calls
 * `GET /api/where`. Every value is escaped; the script writes only with `textContent`.
 *
 * @example
 * const html = renderDashboard({ version: "0.1.0", basePath: "", nonce, generatedAt: new Date(), latestScan, regions, services });
 */
export function renderDashboard(data: DashboardData): string {
  const nonce = escapeHtml(data.nonce);
  const serviceOptions = data.services.map((s) => `<option value="${escapeHtml(s.code)}">${escapeHtml(s.name)}</option>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>aws-atlas</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${CSS}</style>
</head>
<body data-base="${escapeHtml(data.basePath)}">
<header><h1>aws-atlas</h1><span>v${escapeHtml(data.version)} &middot; page generated ${escapeHtml(data.generatedAt.toISOString())}</span></header>
<main>
<section class="card"><h2>Latest scan</h2>${renderScan(data.latestScan)}</section>
<section class="card"><h2>Where is a service available?</h2>
<form id="where-form"><input type="text" id="where-input" list="service-codes" placeholder="bedrock, ec2" aria-label="Service codes or names" autocomplete="off"><button type="submit">Look up</button></form>
<datalist id="service-codes">${serviceOptions}</datalist>
<div id="where-result" aria-live="polite"></div>
</section>
<section class="card wide"><h2>Regions (${escapeHtml(data.regions.length)})</h2>${renderRegions(data.regions)}</section>
<section class="card wide"><h2>Services (${escapeHtml(data.services.length)})</h2>${renderServices(data.services)}</section>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
