import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import { AtlasError } from "../errors.js";
import type { ReportFile, ReportInput } from "./exporter.js";
import { createExporterRegistry, type ExporterRegistry } from "./exporter-registry.js";

/**
 * The default naming template (the one the tool aws-atlas replaces used).
 *
 * @example
 * formatReportName(DEFAULT_REPORT_TEMPLATE, { generatedAt, profile: "prod" }); // "20260301_090507_prod_services_report"
 */
export const DEFAULT_REPORT_TEMPLATE = "{date}_{time}_{profile}_services_report";

/**
 * How report files are named.
 *
 * @example
 * const naming: ReportNaming = { template: "{date}_{profile}_availability", profile: "prod" };
 */
export interface ReportNaming {
  /** Placeholders: `{date}` (YYYYMMDD), `{time}` (HHMMSS), both UTC from `generatedAt`, and `{profile}`. */
  template?: string;
  /** Fills `{profile}`; characters other than `A-Z a-z 0-9 . _ -` become `-`. Default `default`. */
  profile?: string;
}

/**
 * The file-system calls `writeReport` makes (node:fs/promises fits).
 *
 * @example
 * const fs: ReportFileSystem = { mkdir: async () => undefined, writeFile: async (path, data) => void files.set(path, data) };
 */
export interface ReportFileSystem {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

/**
 * Options for {@link writeReport}.
 *
 * @example
 * const options: WriteReportOptions = { input, formats: ["csv", "html"], outDir: "reports" };
 */
export interface WriteReportOptions {
  input: ReportInput;
  /** Format names or aliases (`csv`, `excel`, ...); duplicates are written once. */
  formats: readonly string[];
  /** Created (with parents) when missing. */
  outDir: string;
  naming?: ReportNaming;
  /** Default: a new registry with the built-in formats. */
  registry?: ExporterRegistry;
  /** Default: node:fs/promises. */
  fs?: ReportFileSystem;
  signal?: AbortSignal;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(["date", "time", "profile"]);

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/**
 * The base file name a template gives: `{date}` -> YYYYMMDD and `{time}` -> HHMMSS in UTC, and
 * `{profile}` -> the profile made file-name safe. Throws INVALID_ARGUMENT for unknown placeholders
 * or a result that is empty or holds a path separator.
 *
 * @example
 * formatReportName(DEFAULT_REPORT_TEMPLATE, { generatedAt: new Date("2026-03-01T09:05:07Z"), profile: "prod" });
 * // "20260301_090507_prod_services_report"
 */
export function formatReportName(template: string, values: { generatedAt: Date; profile?: string }): string {
  const at = values.generatedAt;
  if (Number.isNaN(at.getTime())) throw new AtlasError("INVALID_ARGUMENT", "The report's generatedAt is not a valid date");
  const profile = (values.profile ?? "").replace(/[^A-Za-z0-9._-]/g, "-") || "default";
  const replacements: Record<string, string> = {
    date: `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`,
    time: `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`,
    profile,
  };
  const name = template.replace(PLACEHOLDER, (whole, key: string) => {
    if (!KNOWN_PLACEHOLDERS.has(key)) {
      throw new AtlasError("INVALID_ARGUMENT", `Unknown placeholder ${whole} in report name template "${template}"`, {
        hint: "Use {date}, {time} and {profile}.",
      });
    }
    return replacements[key] ?? "";
  });
  if (name.trim() === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
    throw new AtlasError("INVALID_ARGUMENT", `Report name template "${template}" gives an unusable file name "${name}"`, {
      hint: "Use a template without path separators; choose the folder with outDir.",
    });
  }
  return name;
}

function checkFileName(format: string, file: ReportFile): void {
  const name = file.name;
  if (typeof name !== "string" || name === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
    throw new AtlasError("INVALID_ARGUMENT", `The "${format}" exporter produced an unusable file name ${JSON.stringify(name)}`, {
      hint: "Exporters return plain file names without directories.",
    });
  }
  if (typeof file.content !== "string" && !(file.content instanceof Uint8Array)) {
    throw new AtlasError("INVALID_ARGUMENT", `The "${format}" exporter returned content for "${name}" that is neither a string nor a Uint8Array`);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AtlasError("ABORTED", "Writing the report was cancelled", { cause: signal.reason });
}

/**
 * Render every requested format and write the files under `outDir`: a format that renders one
 * file becomes `{base}.{extension}`; a format that renders several (csv) becomes the folder
 * `{base}/` holding its fixed file names. Every format is rendered before anything is written, so
 * an unknown format or a failing renderer writes nothing. Returns the written paths, in order.
 *
 * @example
 * const paths = await writeReport({
 *   input: { snapshot, generatedAt: clock.now(), scanId },
 *   formats: ["csv", "json", "xlsx"],
 *   outDir: "reports",
 *   naming: { profile: "prod" },
 * });
 * // ["reports/20260301_090507_prod_services_report/regions_services.csv", ..., "reports/20260301_090507_prod_services_report.xlsx"]
 */
export async function writeReport(options: WriteReportOptions): Promise<string[]> {
  const { input, outDir, signal } = options;
  const registry = options.registry ?? createExporterRegistry();
  const fs: ReportFileSystem = options.fs ?? nodeFs;
  if (options.formats.length === 0) {
    throw new AtlasError("INVALID_ARGUMENT", `No report format given; known formats: ${registry.formats().join(", ")}`);
  }
  const exporters = [...new Set(options.formats.map((f) => registry.get(f)))];
  const base = formatReportName(options.naming?.template ?? DEFAULT_REPORT_TEMPLATE, {
    generatedAt: input.generatedAt,
    ...(options.naming?.profile === undefined ? {} : { profile: options.naming.profile }),
  });

  const planned: { dir: string; path: string; content: string | Uint8Array }[] = [];
  const seen = new Map<string, string>();
  for (const exporter of exporters) {
    throwIfAborted(signal);
    const files = await exporter.render(input);
    if (!Array.isArray(files) || files.length === 0) {
      throw new AtlasError("INTERNAL", `The "${exporter.format}" exporter rendered no file`);
    }
    const single = files.length === 1;
    for (const file of files) {
      checkFileName(exporter.format, file);
      const dir = single ? outDir : join(outDir, base);
      const path = single ? join(outDir, `${base}.${exporter.extension}`) : join(dir, file.name);
      const owner = seen.get(path);
      if (owner !== undefined) {
        throw new AtlasError("INVALID_ARGUMENT", `Formats "${owner}" and "${exporter.format}" would both write ${path}`, {
          hint: "Request one of them, or give the plugin another extension or file names.",
        });
      }
      seen.set(path, exporter.format);
      planned.push({ dir, path, content: file.content });
    }
  }

  const made = new Set<string>();
  const written: string[] = [];
  for (const file of planned) {
    throwIfAborted(signal);
    if (!made.has(file.dir)) {
      await fs.mkdir(file.dir, { recursive: true });
      made.add(file.dir);
    }
    await fs.writeFile(file.path, file.content);
    written.push(file.path);
  }
  return written;
}
