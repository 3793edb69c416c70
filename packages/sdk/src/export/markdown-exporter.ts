import type { Exporter, ReportFile, ReportInput } from "./exporter.js";
import {
  buildReportModel,
  formatTenths,
  REGION_SUMMARY_HEADER,
  regionSummaryRows,
  SERVICE_SUMMARY_HEADER,
  serviceSummaryRows,
  statisticsRows,
} from "./report-model.js";

/** Escape text for a Markdown table cell: markup characters get a backslash, line breaks become spaces. */
export function escapeMarkdownCell(value: string | number): string {
  return String(value)
    .replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`)
    .replace(/\r\n|[\r\n]/g, " ");
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[], numeric: ReadonlySet<number> = new Set()): string[] {
  const lines = [`| ${header.map(escapeMarkdownCell).join(" | ")} |`, `|${header.map((_, i) => (numeric.has(i) ? " ---: " : " --- ")).join("|")}|`];
  for (const row of rows) lines.push(`| ${row.map(escapeMarkdownCell).join(" | ")} |`);
  return lines;
}

function renderMarkdown(input: ReportInput): ReportFile[] {
  const model = buildReportModel(input);
  const s = model.statistics;
  const lines: string[] = ["# AWS service availability report", ""];
  lines.push(
    `Generated ${escapeMarkdownCell(s.generatedAt)}${s.scanId === null ? "" : ` from scan ${s.scanId}`}: ${s.regions} regions, ${s.services} services, ${s.pairs} region/service pairs.`,
    "",
  );
  if (!s.complete) {
    lines.push(`> **Incomplete snapshot:** ${s.failures.length} path(s) could not be fetched; the counts below may be low. See "Failures".`, "");
  }
  lines.push("## Summary", "", ...table(["Statistic", "Value"], statisticsRows(s)), "");
  lines.push("## Regions", "", ...table(REGION_SUMMARY_HEADER, regionSummaryRows(model), new Set([5, 6])), "");
  lines.push(
    "## Services",
    "",
    ...table(
      SERVICE_SUMMARY_HEADER,
      serviceSummaryRows(model).map(([code, name, count, tenths]) => [code, name, count, formatTenths(tenths)]),
      new Set([2, 3]),
    ),
    "",
  );
  if (s.failures.length > 0) {
    lines.push("## Failures", "", ...table(["Path", "Code", "Message"], s.failures.map((f) => [f.path, f.code, f.message])), "");
  }
  return [{ name: "report.md", content: lines.join("\n") }];
}

/**
 * Markdown: one `report.md` with a summary table, a region table and a service table (GitHub
 * flavoured tables; names escaped so they cannot inject markup).
 *
 * @example
 * const [file] = await markdownExporter.render({ snapshot, generatedAt: new Date() });
 */
export const markdownExporter: Exporter = Object.freeze({
  format: "md",
  extension: "md",
  aliases: Object.freeze(["markdown"]),
  render: renderMarkdown,
});
