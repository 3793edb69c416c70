import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AtlasError } from "../errors.js";
import { csvExporter } from "./csv-exporter.js";
import { type Exporter, exporterProblem } from "./exporter.js";
import { htmlExporter } from "./html-exporter.js";
import { jsonExporter } from "./json-exporter.js";
import { markdownExporter } from "./markdown-exporter.js";
import { xlsxExporter } from "./xlsx-exporter.js";
import { xmlExporter } from "./xml-exporter.js";

/**
 * The built-in exporters, in the order {@link ExporterRegistry.formats} lists them.
 *
 * @example
 * BUILTIN_EXPORTERS.map((e) => e.format); // ["csv", "json", "xlsx", "xml", "md", "html"]
 */
export const BUILTIN_EXPORTERS: readonly Exporter[] = Object.freeze([csvExporter, jsonExporter, xlsxExporter, xmlExporter, markdownExporter, htmlExporter]);

/**
 * Options for {@link ExporterRegistry.register}.
 *
 * @example
 * registry.register(myCsv, { replace: true });
 */
export interface RegisterExporterOptions {
  /** Replace an exporter already registered under the same format (built-ins included). */
  replace?: boolean;
}

/**
 * Options for {@link ExporterRegistry.loadPlugin}.
 *
 * @example
 * await registry.loadPlugin("./plugins/tsv.mjs", { baseDir: process.cwd() });
 */
export interface LoadPluginOptions extends RegisterExporterOptions {
  /** Directory that `./` and `../` module names are resolved against (the CLI passes the cwd). */
  baseDir?: string;
}

/**
 * A set of exporters looked up by format name or alias (case-insensitive).
 *
 * @example
 * const registry: ExporterRegistry = createExporterRegistry();
 * registry.get("excel").format; // "xlsx"
 */
export interface ExporterRegistry {
  /** Add an exporter; throws INVALID_ARGUMENT when it is malformed or its format or an alias is taken. */
  register(exporter: Exporter, options?: RegisterExporterOptions): ExporterRegistry;
  /** The exporter for a format or alias; throws INVALID_ARGUMENT listing the known formats. */
  get(format: string): Exporter;
  has(format: string): boolean;
  /** Registered format names (aliases excluded), built-ins first, then in registration order. */
  formats(): string[];
  /**
   * Import a module by name (package name, absolute path, `file:` URL, or `./relative` with
   * `baseDir`) whose default export, or `exporter` export, is an {@link Exporter}; register and return it.
   */
  loadPlugin(moduleName: string, options?: LoadPluginOptions): Promise<Exporter>;
}

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * A registry holding the built-in exporters (`csv`, `json`, `xlsx`, `xml`, `md`, `html`, with the
 * aliases `excel`, `markdown`, `htm`). Each call returns a new, independent registry.
 *
 * @example
 * const registry = createExporterRegistry();
 * await registry.loadPlugin("aws-atlas-exporter-parquet");
 * const files = await registry.get("parquet").render(input);
 */
export function createExporterRegistry(): ExporterRegistry {
  const exporters = new Map<string, Exporter>();
  const names = new Map<string, string>();

  const registry: ExporterRegistry = {
    register(exporter, options = {}) {
      const problem = exporterProblem(exporter);
      if (problem) throw new AtlasError("INVALID_ARGUMENT", `Cannot register exporter: ${problem}`);
      const format = exporter.format;
      if (exporters.has(format)) {
        if (!options.replace) {
          throw new AtlasError("INVALID_ARGUMENT", `An exporter for format "${format}" is already registered`, {
            hint: "Choose another format name, or register with { replace: true }.",
          });
        }
      }
      const wanted = [format, ...(exporter.aliases ?? [])];
      for (const name of wanted) {
        const owner = names.get(name);
        if (owner !== undefined && owner !== format) {
          throw new AtlasError("INVALID_ARGUMENT", `Format name "${name}" is already used by the "${owner}" exporter`);
        }
      }
      for (const [name, owner] of [...names]) if (owner === format) names.delete(name);
      exporters.set(format, exporter);
      for (const name of wanted) names.set(name, format);
      return registry;
    },

    get(format) {
      const owner = names.get(normalise(format));
      const exporter = owner === undefined ? undefined : exporters.get(owner);
      if (!exporter) {
        throw new AtlasError("INVALID_ARGUMENT", `Unknown report format "${format}"; known formats: ${[...exporters.keys()].join(", ")}`, {
          hint: "Pick one of the known formats, or load a plugin that adds it.",
          details: { format, known: [...exporters.keys()] },
        });
      }
      return exporter;
    },

    has(format) {
      return names.has(normalise(format));
    },

    formats() {
      return [...exporters.keys()];
    },

    async loadPlugin(moduleName, options = {}) {
      const specifier = pluginSpecifier(moduleName, options.baseDir);
      let mod: unknown;
      try {
        mod = await import(/* @vite-ignore */ specifier);
      } catch (cause) {
        throw new AtlasError("INVALID_ARGUMENT", `Cannot load exporter plugin "${moduleName}": ${cause instanceof Error ? cause.message : String(cause)}`, {
          hint: "Install the package, or pass an absolute path or file: URL to the module.",
          cause,
        });
      }
      const candidate = pickExporter(mod);
      const problem = exporterProblem(candidate);
      if (problem || candidate === undefined) {
        throw new AtlasError("INVALID_ARGUMENT", `Module "${moduleName}" is not an exporter plugin (default or "exporter" export): ${problem ?? "nothing exported"}`, {
          hint: "Export default { format, extension, render(input) } from the module (see docs/reports.md).",
        });
      }
      const exporter = candidate as Exporter;
      registry.register(exporter, options);
      return exporter;
    },
  };

  for (const exporter of BUILTIN_EXPORTERS) registry.register(exporter);
  return registry;
}

function pluginSpecifier(moduleName: string, baseDir: string | undefined): string {
  const name = moduleName.trim();
  if (name === "") throw new AtlasError("INVALID_ARGUMENT", "An exporter plugin name must not be empty");
  if (/^(file|data|node):/.test(name)) return name;
  if (isAbsolute(name)) return pathToFileURL(name).href;
  if (name.startsWith("./") || name.startsWith("../") || name === "." || name === "..") {
    if (baseDir === undefined) {
      throw new AtlasError("INVALID_ARGUMENT", `Cannot resolve the relative plugin path "${name}" without a base directory`, {
        hint: "Pass an absolute path, or { baseDir } to loadPlugin.",
      });
    }
    return pathToFileURL(resolve(baseDir, name)).href;
  }
  return name;
}

/** The default export, else the `exporter` export; also unwraps a CommonJS module's `default`. */
function pickExporter(mod: unknown): unknown {
  if (typeof mod !== "object" || mod === null) return undefined;
  const record = mod as Record<string, unknown>;
  const fromDefault = record.default;
  if (exporterProblem(fromDefault) === null) return fromDefault;
  if (record.exporter !== undefined) return record.exporter;
  if (typeof fromDefault === "object" && fromDefault !== null && "exporter" in fromDefault) {
    return (fromDefault as Record<string, unknown>).exporter;
  }
  return fromDefault;
}
