import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AtlasError } from "../errors.js";
import { createExporterRegistry } from "./exporter-registry.js";
import { fixtureInput } from "./test-fixture.js";
import { DEFAULT_REPORT_TEMPLATE, formatReportName, type ReportFileSystem, writeReport } from "./write-report.js";

let out = "";

beforeEach(async () => {
  out = join(await mkdtemp(join(tmpdir(), "atlas-report-")), "nested", "reports");
});

afterEach(async () => {
  await rm(join(out, "..", ".."), { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function caught(fn: () => unknown): Promise<AtlasError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AtlasError);
    return error as AtlasError;
  }
  throw new Error("expected an AtlasError");
}

describe("formatReportName", () => {
  it("fills {date} and {time} in UTC and a file-name-safe {profile}", () => {
    const generatedAt = new Date("2026-03-01T09:05:07.999Z");
    expect(formatReportName(DEFAULT_REPORT_TEMPLATE, { generatedAt, profile: "prod" })).toBe("20260301_090507_prod_services_report");
    expect(formatReportName(DEFAULT_REPORT_TEMPLATE, { generatedAt })).toBe("20260301_090507_default_services_report");
    expect(formatReportName("{profile}-{date}", { generatedAt, profile: "team/a b" })).toBe("team-a-b-20260301");
    expect(formatReportName("{time}", { generatedAt: new Date("2026-12-31T23:59:59Z") })).toBe("235959");
  });

  it("rejects unknown placeholders and names with path separators", async () => {
    const generatedAt = new Date(0);
    expect((await caught(() => formatReportName("{date}_{host}", { generatedAt }))).message).toMatch(/Unknown placeholder \{host\}/);
    expect((await caught(() => formatReportName("../{date}", { generatedAt }))).code).toBe("INVALID_ARGUMENT");
    expect((await caught(() => formatReportName("", { generatedAt }))).code).toBe("INVALID_ARGUMENT");
  });
});

describe("writeReport", () => {
  it("writes every built-in format: single files as {base}.{ext}, csv as {base}/ with fixed names", async () => {
    const paths = await writeReport({
      input: fixtureInput(),
      formats: ["csv", "json", "xlsx", "xml", "md", "html"],
      outDir: out,
      naming: { profile: "prod" },
    });
    const base = "20260301_090507_prod_services_report";
    const expected = [
      `${base}/regions_services.csv`,
      `${base}/services_regions_matrix.csv`,
      `${base}/region_summary.csv`,
      `${base}/service_summary.csv`,
      `${base}.json`,
      `${base}.xlsx`,
      `${base}.xml`,
      `${base}.md`,
      `${base}.html`,
    ];
    expect(paths).toEqual(expected.map((p) => join(out, p)));
    expect(await listFiles(out)).toEqual([...expected].sort());
    const csv = await readFile(join(out, base, "regions_services.csv"), "utf8");
    expect(csv.startsWith("Region Code,Region Name,Service Code,Service Name\r\n")).toBe(true);
    const xlsx = await readFile(join(out, `${base}.xlsx`));
    expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("accepts aliases and writes a format requested twice once", async () => {
    const paths = await writeReport({ input: fixtureInput(), formats: ["md", "markdown", "MD"], outDir: out, naming: { template: "report-{date}" } });
    expect(paths).toEqual([join(out, "report-20260301.md")]);
  });

  it("writes nothing when a format is unknown, and lists the known formats", async () => {
    const error = await caught(() => writeReport({ input: fixtureInput(), formats: ["csv", "pdf"], outDir: out }));
    expect(error.code).toBe("INVALID_ARGUMENT");
    expect(error.message).toContain("known formats: csv, json, xlsx, xml, md, html");
    await expect(readdir(out)).rejects.toThrow();
  });

  it("writes nothing when a renderer fails or names a file outside its folder", async () => {
    const registry = createExporterRegistry();
    registry.register({ format: "evil", extension: "txt", render: () => [{ name: "../../escape.txt", content: "x" }, { name: "b", content: "y" }] });
    const error = await caught(() => writeReport({ input: fixtureInput(), formats: ["json", "evil"], outDir: out, registry }));
    expect(error.message).toMatch(/unusable file name "..\/..\/escape.txt"/);
    await expect(readdir(out)).rejects.toThrow();
  });

  it("uses an injected file system, makes each folder once, and honours an abort signal", async () => {
    const calls: string[] = [];
    const fs: ReportFileSystem = {
      mkdir: (path) => {
        calls.push(`mkdir ${path}`);
        return Promise.resolve();
      },
      writeFile: (path, data) => {
        calls.push(`write ${path} ${typeof data === "string" ? "text" : "bytes"}`);
        return Promise.resolve();
      },
    };
    await writeReport({ input: fixtureInput(), formats: ["json", "csv"], outDir: "/virtual", fs, naming: { template: "r" } });
    expect(calls).toEqual([
      "mkdir /virtual",
      "write /virtual/r.json text",
      "mkdir /virtual/r",
      "write /virtual/r/regions_services.csv text",
      "write /virtual/r/services_regions_matrix.csv text",
      "write /virtual/r/region_summary.csv text",
      "write /virtual/r/service_summary.csv text",
    ]);

    const controller = new AbortController();
    controller.abort();
    const aborted = await caught(() => writeReport({ input: fixtureInput(), formats: ["json"], outDir: "/virtual", fs, signal: controller.signal }));
    expect(aborted.code).toBe("ABORTED");
  });

  it("refuses an empty format list", async () => {
    expect((await caught(() => writeReport({ input: fixtureInput(), formats: [], outDir: out }))).message).toMatch(/No report format given/);
  });
});
