import type { Snapshot } from "../infrastructure/snapshot.js";

/**
 * When a region was launched, and where that fact comes from. Every field may be unknown.
 *
 * @example
 * const launch: ReportLaunchDate = { date: "2006-08-25", source: "aws-rss", url: null };
 */
export interface ReportLaunchDate {
  /** YYYY-MM-DD. */
  date: string | null;
  /** Where the date comes from ("aws-rss", "bundled", ...). */
  source: string | null;
  /** The announcement page. Rendered as text, never as a link or a resource. */
  url: string | null;
}

/**
 * Everything a report is rendered from. Renderers read it and never change it.
 *
 * @example
 * const input: ReportInput = { snapshot, generatedAt: clock.now(), scanId: 12, launchDates };
 */
export interface ReportInput {
  snapshot: Snapshot;
  /** Region code -> launch date. Regions without an entry get empty launch-date columns. */
  launchDates?: Readonly<Record<string, ReportLaunchDate>>;
  /** The instant the report is produced; also fills `{date}`/`{time}` of the file name (UTC). */
  generatedAt: Date;
  /** The stored scan the snapshot comes from, when there is one. */
  scanId?: number;
  /** A human description of the filters applied to the snapshot, e.g. `--include-regions eu-*`. */
  filtersDescription?: string;
}

/**
 * One rendered file: a plain file name (no directories) and its content (strings are written as UTF-8).
 *
 * @example
 * const file: ReportFile = { name: "report.json", content: "{}\n" };
 */
export interface ReportFile {
  name: string;
  content: string | Uint8Array;
}

/**
 * A report format. `render` is pure: it returns file contents and never writes; `writeReport` does.
 * A format that renders one file is written as `{base}.{extension}`; one that renders several is
 * written as `{base}/{name}` for each file.
 *
 * @example
 * const tsv: Exporter = { format: "tsv", extension: "tsv", render: () => [{ name: "r.tsv", content: "" }] };
 */
export interface Exporter {
  /** Lower-case name used on the command line (`--format csv`): `[a-z0-9][a-z0-9_-]*`. */
  format: string;
  /** File extension without the dot (`xlsx`, `tar.gz`). */
  extension: string;
  /** Other names accepted for this format (`excel` for `xlsx`). */
  aliases?: readonly string[];
  render(input: ReportInput): Promise<ReportFile[]> | ReportFile[];
}

/**
 * Identity helper for plugin authors: type-checks an exporter without widening it.
 *
 * @example
 * export default defineExporter({
 *   format: "tsv",
 *   extension: "tsv",
 *   render: ({ snapshot }) => [{ name: "report.tsv", content: snapshot.regions.map((r) => r.code).join("\n") }],
 * });
 */
export function defineExporter<T extends Exporter>(exporter: T): T {
  return exporter;
}

const FORMAT_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const EXTENSION_PATTERN = /^[a-z0-9]+(?:\.[a-z0-9]+)*$/i;

/**
 * Why a value is not a usable {@link Exporter}, or `null` when it is one.
 *
 * @example
 * const problem = exporterProblem(await import("./my-plugin.mjs"));
 * if (problem) console.error(problem);
 */
export function exporterProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return "it is not an object";
  const candidate = value as Record<string, unknown>;
  const { format, extension, render, aliases } = candidate;
  if (typeof format !== "string" || !FORMAT_PATTERN.test(format)) {
    return `"format" must be a lower-case name matching ${String(FORMAT_PATTERN)} (got ${describe(format)})`;
  }
  if (typeof extension !== "string" || !EXTENSION_PATTERN.test(extension)) {
    return `"extension" must be a file extension without the leading dot, like "csv" (got ${describe(extension)})`;
  }
  if (typeof render !== "function") return `"render" must be a function (got ${describe(render)})`;
  if (aliases !== undefined) {
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === "string" && FORMAT_PATTERN.test(a))) {
      return `"aliases" must be an array of lower-case names matching ${String(FORMAT_PATTERN)}`;
    }
  }
  return null;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  return typeof value;
}
