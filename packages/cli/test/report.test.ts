import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsServer } from "@aws-atlas/testkit";
import { createCli, scratchDir, startFastServer } from "./helpers.js";

interface ReportJson {
  files: string[];
  scanId: number | null;
  scanned: boolean;
}

const CSV_FILES = ["region_summary.csv", "regions_services.csv", "service_summary.csv", "services_regions_matrix.csv"];

describe("report", () => {
  let server: AwsServer;
  let scratch: ReturnType<typeof scratchDir>;

  beforeAll(async () => {
    server = await startFastServer();
    scratch = scratchDir();
  });

  afterAll(async () => {
    await server.stop();
    scratch.cleanup();
  });

  it("scans first when nothing is stored, writes CSV and JSON, then reuses the stored scan", async () => {
    const cli = createCli({ server, db: `sqlite:${join(scratch.dir, "report.db")}`, dir: scratch.dir });
    const out = join(scratch.dir, "out");
    // on a terminal but with --no-progress: no progress bar
    const first = await cli(["report", "--format", "csv,json", "--out", out, "--json", "--no-progress"], { stderrIsTTY: true });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain("\r");
    const result = first.json<ReportJson>();
    expect(result).toMatchObject({ scanId: 1, scanned: true });
    expect(result.files.map((f) => basename(f)).filter((f) => f.endsWith(".csv")).sort()).toEqual(CSV_FILES);
    expect(result.files.filter((f) => f.endsWith(".json"))).toHaveLength(1);
    for (const file of result.files) {
      expect(file.startsWith(out)).toBe(true);
      expect(existsSync(file)).toBe(true);
    }
    const pairs = readFileSync(result.files.find((f) => f.endsWith("regions_services.csv")) ?? "", "utf8").trim().split(/\r?\n/);
    expect(pairs[0]).toBe("Region Code,Region Name,Service Code,Service Name");
    expect(pairs).toHaveLength(9097 + 1);
    const summary = readFileSync(result.files.find((f) => f.endsWith("service_summary.csv")) ?? "", "utf8");
    expect(summary.split(/\r?\n/)[0]).toBe("Service Code,Service Name,Region Count,Coverage %");
    const json = JSON.parse(readFileSync(result.files.find((f) => f.endsWith(".json")) ?? "", "utf8")) as Record<string, unknown>;
    expect(json).toBeTypeOf("object");

    const before = server.stats().totals.requests;
    const second = await cli(["report", "--format", "md", "--out", join(scratch.dir, "out2")]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Scan #1: wrote 1 files/);
    expect(server.stats().totals.requests).toBe(before);
  });

  it("report --offline works without an endpoint, credentials or database", async () => {
    const dbFile = join(scratch.dir, "never-created.db");
    const cli = createCli({
      db: `sqlite:${dbFile}`,
      dir: scratch.dir,
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ENDPOINT_URL: "http://127.0.0.1:1" },
    });
    const out = join(scratch.dir, "offline");
    const run = await cli(["report", "--offline", "--format", "csv", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Offline snapshot: wrote 4 files/);
    const files = run.stdout.split("\n").slice(1).map((l) => l.trim()).filter(Boolean);
    expect(files.map((f) => basename(f)).sort()).toEqual(CSV_FILES);
    expect(readFileSync(files.find((f) => f.endsWith("regions_services.csv")) ?? "", "utf8")).toMatch(/^Region Code,Region Name,Service Code,Service Name\r?\n/);
    expect(existsSync(dbFile)).toBe(false);
  });

  it("demo runs the whole pipeline against its own local server and leaves a database that answers", async () => {
    const db = `sqlite:${join(scratch.dir, "demo.db")}`;
    // no endpoint, no credentials: the demo brings its own server
    const cli = createCli({ db, dir: scratch.dir, env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    const out = join(scratch.dir, "demo");
    const run = await cli(["demo", "--out", out, "--latency", "1", "--tps", "1000", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    type Demo = {
      database: string;
      scan: { complete: boolean; pairs: number; apiCalls: number };
      server: { ssm: { requests: number }; costExplorer: { paidRequests: number } };
      cost: { total: { amount: string }; topServices: { amount: string }[]; requests: { made: number }; askedAgain: { made: number; cached: number } };
      reports: string[];
    };
    const demo = run.json<Demo>();
    expect(demo.database).toBe(db);
    expect(demo.scan).toMatchObject({ complete: true, pairs: 9097 });
    // the scan's calls plus the one SDK check
    expect(demo.server.ssm.requests).toBe(demo.scan.apiCalls + 1);
    // the cost question was paid once (as the server counts it) and the repeat came from the cache
    expect(demo.cost.requests.made).toBeGreaterThan(0);
    expect(demo.server.costExplorer.paidRequests).toBe(demo.cost.requests.made);
    expect(demo.cost.askedAgain.made).toBe(0);
    expect(Number(demo.cost.total.amount)).toBeGreaterThan(0);
    expect(demo.reports.map((f) => f.slice(f.lastIndexOf(".") + 1)).sort()).toEqual(["csv", "csv", "csv", "csv", "html", "json", "md", "xlsx", "xml"]);
    for (const file of demo.reports) expect(existsSync(file)).toBe(true);
    const where = await cli(["where", "bedrock", "--json"]);
    expect(where.json<{ available: string[] }[]>()[0]?.available).toHaveLength(36);
  });

  it("rejects an unknown report format with exit 2", async () => {
    const cli = createCli({ db: `sqlite:${join(scratch.dir, "bad-format.db")}`, dir: scratch.dir });
    const run = await cli(["report", "--offline", "--format", "pdf", "--out", join(scratch.dir, "pdf"), "--json"]);
    expect(run.code).toBe(2);
    expect(run.json<{ error: { code: string; message: string } }>().error.message).toContain("pdf");
  });
});
