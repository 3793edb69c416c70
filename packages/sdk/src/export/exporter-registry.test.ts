import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AtlasError } from "../errors.js";
import { createExporterRegistry } from "./exporter-registry.js";
import { defineExporter } from "./exporter.js";
import { fixtureInput } from "./test-fixture.js";

let dir = "";

const PLUGIN_SOURCE = `
export default {
  format: "tsv",
  extension: "tsv",
  render(input) {
    const lines = input.snapshot.regions.map((r) => r.code + "\\t" + r.name);
    return [{ name: "regions.tsv", content: lines.join("\\n") + "\\n" }];
  },
};
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "atlas-export-plugins-"));
  await writeFile(join(dir, "tsv-plugin.mjs"), PLUGIN_SOURCE);
  await writeFile(
    join(dir, "named-plugin.mjs"),
    `export const exporter = { format: "yaml", extension: "yaml", render: async () => [{ name: "r.yaml", content: "regions: []\\n" }] };\n`,
  );
  await writeFile(join(dir, "bad-plugin.mjs"), `export default { format: "Bad Format!", extension: ".x", render: "nope" };\n`);
  await writeFile(join(dir, "no-render.mjs"), `export default { format: "norender", extension: "txt" };\n`);
  await writeFile(join(dir, "empty.mjs"), "export const unrelated = 1;\n");
  await writeFile(join(dir, "throws.mjs"), `throw new Error("boom at import");\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectAtlasError(promise: Promise<unknown> | (() => unknown), pattern: RegExp): Promise<AtlasError> {
  let caught: unknown;
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AtlasError);
  const error = caught as AtlasError;
  expect(error.code).toBe("INVALID_ARGUMENT");
  expect(error.message).toMatch(pattern);
  return error;
}

describe("createExporterRegistry", () => {
  it("holds the six built-in formats and their aliases, case-insensitively", () => {
    const registry = createExporterRegistry();
    expect(registry.formats()).toEqual(["csv", "json", "xlsx", "xml", "md", "html"]);
    expect(registry.get("excel").format).toBe("xlsx");
    expect(registry.get("Markdown").format).toBe("md");
    expect(registry.get(" CSV ").format).toBe("csv");
    expect(registry.has("pdf")).toBe(false);
  });

  it("rejects an unknown format with INVALID_ARGUMENT listing the known ones", async () => {
    const error = await expectAtlasError(() => createExporterRegistry().get("pdf"), /Unknown report format "pdf"; known formats: csv, json, xlsx, xml, md, html/);
    expect(error.details).toEqual({ format: "pdf", known: ["csv", "json", "xlsx", "xml", "md", "html"] });
  });

  it("registers new formats, refuses silent overrides and alias clashes, replaces on request", async () => {
    const registry = createExporterRegistry();
    const tsv = defineExporter({ format: "tsv", extension: "tsv", render: () => [{ name: "a.tsv", content: "" }] });
    registry.register(tsv);
    expect(registry.get("tsv")).toBe(tsv);
    await expectAtlasError(() => registry.register({ ...tsv }), /already registered/);
    await expectAtlasError(() => registry.register({ format: "sheet", extension: "x", aliases: ["excel"], render: () => [] }), /already used by the "xlsx" exporter/);
    const mine = { ...tsv, format: "csv", extension: "csv", aliases: ["comma"] };
    registry.register(mine, { replace: true });
    expect(registry.get("csv")).toBe(mine);
    expect(registry.get("comma")).toBe(mine);
    await expectAtlasError(() => registry.register({ format: "", extension: "x", render: () => [] }), /"format" must be/);
  });

  it("registries are independent", () => {
    const a = createExporterRegistry();
    const b = createExporterRegistry();
    a.register({ format: "tsv", extension: "tsv", render: () => [] });
    expect(b.has("tsv")).toBe(false);
  });
});

describe("loadPlugin", () => {
  it("imports a module's default export by absolute path, registers it and renders through it", async () => {
    const registry = createExporterRegistry();
    const exporter = await registry.loadPlugin(join(dir, "tsv-plugin.mjs"));
    expect(exporter.format).toBe("tsv");
    expect(registry.get("tsv")).toBe(exporter);
    const files = await registry.get("tsv").render(fixtureInput());
    expect(files).toEqual([{ name: "regions.tsv", content: 'ap-test-1\tAsia Pacific (Test, "Q")\neu-west-1\tEurope (Ireland)\nus-east-1\tUS East (N. Virginia)\n' }]);
  });

  it("accepts an `exporter` named export, a file: URL, and ./relative names with a baseDir", async () => {
    const registry = createExporterRegistry();
    expect((await registry.loadPlugin(pathToFileURL(join(dir, "named-plugin.mjs")).href)).format).toBe("yaml");
    const other = createExporterRegistry();
    expect((await other.loadPlugin("./tsv-plugin.mjs", { baseDir: dir })).format).toBe("tsv");
    await expectAtlasError(other.loadPlugin("./tsv-plugin.mjs"), /without a base directory/);
  });

  it("rejects a module whose export is not an exporter, saying what is wrong", async () => {
    const registry = createExporterRegistry();
    const bad = await expectAtlasError(registry.loadPlugin(join(dir, "bad-plugin.mjs")), /is not an exporter plugin \(default or "exporter" export\): "format" must be a lower-case name/);
    expect(bad.hint).toMatch(/export default \{ format, extension, render\(input\) \}/i);
    await expectAtlasError(registry.loadPlugin(join(dir, "no-render.mjs")), /"render" must be a function/);
    await expectAtlasError(registry.loadPlugin(join(dir, "empty.mjs")), /is not an exporter plugin \(default or "exporter" export\): it is not an object/);
    expect(registry.has("norender")).toBe(false);
  });

  it("rejects a module that cannot be imported", async () => {
    const registry = createExporterRegistry();
    await expectAtlasError(registry.loadPlugin("aws-atlas-exporter-that-does-not-exist"), /Cannot load exporter plugin "aws-atlas-exporter-that-does-not-exist"/);
    await expectAtlasError(registry.loadPlugin(join(dir, "throws.mjs")), /boom at import/);
    await expectAtlasError(registry.loadPlugin("  "), /must not be empty/);
  });
});
