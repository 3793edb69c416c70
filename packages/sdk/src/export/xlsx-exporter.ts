import type { Fill, Worksheet } from "exceljs";
import type { Exporter, ReportFile, ReportInput } from "./exporter.js";
import {
  buildReportModel,
  matrixHeader,
  matrixRows,
  REGION_SUMMARY_HEADER,
  regionalServiceRows,
  regionSummaryRows,
  REGIONAL_SERVICES_HEADER,
  SERVICE_SUMMARY_HEADER,
  serviceSummaryRows,
  statisticsRows,
} from "./report-model.js";

/**
 * The five sheet names, in workbook order.
 *
 * @example
 * workbook.getWorksheet(XLSX_SHEET_NAMES[1]); // "Service Matrix"
 */
export const XLSX_SHEET_NAMES = ["Regional Services", "Service Matrix", "Region Summary", "Service Summary", "Statistics"] as const;

/**
 * ARGB fills of the Service Matrix cells: green where available, red where not.
 *
 * @example
 * cell.fill.fgColor?.argb === XLSX_MATRIX_FILLS.available;
 */
export const XLSX_MATRIX_FILLS = { available: "FFC6EFCE", unavailable: "FFFFC7CE" } as const;

const HEADER_FILL = "FF366092";
const MAX_COLUMN_WIDTH = 60;

function solid(argb: string): Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
}

function styleHeader(sheet: Worksheet, columns: number): void {
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  for (let c = 1; c <= columns; c++) header.getCell(c).fill = solid(HEADER_FILL);
  sheet.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
}

function fitColumns(sheet: Worksheet, rows: readonly (readonly (string | number)[])[], minWidth = 8): void {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((value, i) => {
      widths[i] = Math.max(widths[i] ?? minWidth, String(value).length + 2);
    });
  }
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = Math.min(width, MAX_COLUMN_WIDTH);
  });
}

function addTable(
  sheet: Worksheet,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): void {
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  styleHeader(sheet, header.length);
  if (rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  fitColumns(sheet, [header, ...rows]);
}

async function renderXlsx(input: ReportInput): Promise<ReportFile[]> {
  // Loaded on demand: exceljs is heavy and most commands never write a workbook.
  const { default: ExcelJS } = await import("exceljs");
  const model = buildReportModel(input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "aws-atlas";
  workbook.created = input.generatedAt;
  workbook.modified = input.generatedAt;
  const [regional, matrix, regionSummary, serviceSummary, statistics] = XLSX_SHEET_NAMES.map((name) => workbook.addWorksheet(name));
  if (!regional || !matrix || !regionSummary || !serviceSummary || !statistics) throw new Error("exceljs did not create the sheets");

  addTable(regional, REGIONAL_SERVICES_HEADER, regionalServiceRows(model));

  const header = matrixHeader(model);
  matrix.addRow(header);
  const availableFill = solid(XLSX_MATRIX_FILLS.available);
  const unavailableFill = solid(XLSX_MATRIX_FILLS.unavailable);
  for (const { code, cells } of matrixRows(model)) {
    const row = matrix.addRow([code, ...cells.map((available) => (available ? 1 : 0))]);
    cells.forEach((available, i) => {
      const cell = row.getCell(i + 2);
      cell.fill = available ? availableFill : unavailableFill;
      cell.alignment = { horizontal: "center" };
    });
  }
  styleHeader(matrix, header.length);
  matrix.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  matrix.getColumn(1).width = Math.min(Math.max(10, ...model.services.map((s) => s.code.length + 2)), MAX_COLUMN_WIDTH);
  for (let c = 2; c <= header.length; c++) matrix.getColumn(c).width = Math.max(6, (header[c - 1] ?? "").length + 2);

  addTable(regionSummary, REGION_SUMMARY_HEADER, regionSummaryRows(model));

  const serviceRows = serviceSummaryRows(model).map(([code, name, count, tenths]) => [code, name, count, tenths / 10]);
  addTable(serviceSummary, SERVICE_SUMMARY_HEADER, serviceRows);
  serviceSummary.getColumn(4).numFmt = "0.0";

  const stats = statisticsRows(model.statistics);
  statistics.addRow(["Statistic", "Value"]);
  for (const row of stats) statistics.addRow(row);
  styleHeader(statistics, 2);
  if (model.statistics.failures.length > 0) {
    statistics.addRow([]);
    const title = statistics.addRow(["Failed Path", "Code", "Message"]);
    title.font = { bold: true };
    for (const f of model.statistics.failures) statistics.addRow([f.path, f.code, f.message]);
  }
  fitColumns(statistics, [["Statistic", "Value"], ...stats]);

  const buffer: unknown = await workbook.xlsx.writeBuffer();
  if (buffer instanceof Uint8Array) return [{ name: "report.xlsx", content: buffer }];
  if (buffer instanceof ArrayBuffer) return [{ name: "report.xlsx", content: new Uint8Array(buffer) }];
  throw new Error("exceljs returned an unexpected buffer type");
}

/**
 * XLSX: one workbook with five sheets ({@link XLSX_SHEET_NAMES}). "Service Matrix" holds 1/0 with
 * green/red fills and a frozen header row and service column; every sheet has a frozen header row.
 *
 * @example
 * const [file] = await xlsxExporter.render({ snapshot, generatedAt: new Date() });
 * file.content instanceof Uint8Array; // true
 */
export const xlsxExporter: Exporter = Object.freeze({
  format: "xlsx",
  extension: "xlsx",
  aliases: Object.freeze(["excel"]),
  render: renderXlsx,
});
