import type { Exporter, ReportFile, ReportInput } from "./exporter.js";
import {
  buildReportModel,
  formatTenths,
  matrixHeader,
  matrixRows,
  REGION_SUMMARY_HEADER,
  regionalServiceRows,
  regionSummaryRows,
  REGIONAL_SERVICES_HEADER,
  SERVICE_SUMMARY_HEADER,
  serviceSummaryRows,
} from "./report-model.js";

/**
 * The fixed names of the four CSV files, as the tool aws-atlas replaces wrote them.
 *
 * @example
 * join(outDir, base, CSV_FILE_NAMES.matrix); // .../services_regions_matrix.csv
 */
export const CSV_FILE_NAMES = {
  regionsServices: "regions_services.csv",
  matrix: "services_regions_matrix.csv",
  regionSummary: "region_summary.csv",
  serviceSummary: "service_summary.csv",
} as const;

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: quoted (with doubled quotes) only when it holds a comma, quote, CR or LF. */
function csvField(value: string | number): string {
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text: CRLF after every record, the last one included. */
function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  let out = `${header.map(csvField).join(",")}\r\n`;
  for (const row of rows) out += `${row.map(csvField).join(",")}\r\n`;
  return out;
}

function renderCsv(input: ReportInput): ReportFile[] {
  const model = buildReportModel(input);
  return [
    { name: CSV_FILE_NAMES.regionsServices, content: csvText(REGIONAL_SERVICES_HEADER, regionalServiceRows(model)) },
    {
      name: CSV_FILE_NAMES.matrix,
      content: csvText(
        matrixHeader(model),
        matrixRows(model).map((row) => [row.code, ...row.cells.map((available) => (available ? "1" : "0"))]),
      ),
    },
    { name: CSV_FILE_NAMES.regionSummary, content: csvText(REGION_SUMMARY_HEADER, regionSummaryRows(model)) },
    {
      name: CSV_FILE_NAMES.serviceSummary,
      content: csvText(
        SERVICE_SUMMARY_HEADER,
        serviceSummaryRows(model).map(([code, name, count, tenths]) => [code, name, count, formatTenths(tenths)]),
      ),
    },
  ];
}

/**
 * CSV: four UTF-8 files (no BOM), RFC 4180 quoting, CRLF line endings, rows sorted by code.
 * `regions_services.csv`, `services_regions_matrix.csv`, `region_summary.csv`, `service_summary.csv`.
 *
 * @example
 * const files = await csvExporter.render({ snapshot, generatedAt: new Date() });
 * files.map((f) => f.name); // ["regions_services.csv", "services_regions_matrix.csv", ...]
 */
export const csvExporter: Exporter = Object.freeze({ format: "csv", extension: "csv", render: renderCsv });
