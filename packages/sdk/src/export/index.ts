export { defineExporter, exporterProblem, type Exporter, type ReportFile, type ReportInput, type ReportLaunchDate } from "./exporter.js";
export {
  BUILTIN_EXPORTERS,
  createExporterRegistry,
  type ExporterRegistry,
  type LoadPluginOptions,
  type RegisterExporterOptions,
} from "./exporter-registry.js";
export {
  DEFAULT_REPORT_TEMPLATE,
  formatReportName,
  writeReport,
  type ReportFileSystem,
  type ReportNaming,
  type WriteReportOptions,
} from "./write-report.js";
export { CSV_FILE_NAMES, csvExporter } from "./csv-exporter.js";
export { buildJsonReport, jsonExporter, type JsonReport, type JsonReportRegion, type JsonReportService } from "./json-exporter.js";
export { XLSX_MATRIX_FILLS, XLSX_SHEET_NAMES, xlsxExporter } from "./xlsx-exporter.js";
export { xmlExporter } from "./xml-exporter.js";
export { markdownExporter } from "./markdown-exporter.js";
export { htmlExporter } from "./html-exporter.js";
