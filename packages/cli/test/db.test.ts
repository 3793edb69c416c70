import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsServer } from "@aws-atlas/testkit";
import { createCli, scratchDir, smallInfrastructure, startFastServer } from "./helpers.js";

// five regions are enough for storage bookkeeping, and keep each scan short
const SMALL = smallInfrastructure(["eu-west-1", "us-east-1", "ap-east-1", "cn-north-1", "sa-east-1"]);

interface StatusJson {
  dialect: string;
  location: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  pendingMigrations: string[];
  sizeBytes: number | null;
  tables: Record<string, number>;
  latestScanId: number | null;
}

describe("db commands on SQLite", () => {
  let server: AwsServer;
  let scratch: ReturnType<typeof scratchDir>;

  beforeAll(async () => {
    server = await startFastServer({ ssm: SMALL.data });
    scratch = scratchDir();
  });

  afterAll(async () => {
    await server.stop();
    scratch.cleanup();
  });

  it("migrate applies the schema once and then reports it up to date; status describes an empty database", async () => {
    const file = join(scratch.dir, "migrate.db");
    const cli = createCli({ db: `sqlite:${file}`, dir: scratch.dir });
    const first = await cli(["db", "migrate", "--json"]);
    expect(first.code).toBe(0);
    const applied = first.json<{ applied: string[]; schemaVersion: number; location: string; pending: string[] }>();
    expect(applied.applied.length).toBeGreaterThan(0);
    expect(applied.applied[0]).toMatch(/^0001_/);
    expect(applied.pending).toEqual([]);
    expect(applied.location).toBe(`sqlite:${file}`);

    const again = await cli(["db", "migrate"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("(up to date)");

    const status = await cli(["db", "status", "--json"]);
    expect(status.code).toBe(0);
    const s = status.json<StatusJson>();
    expect(s).toMatchObject({ dialect: "sqlite", schemaVersion: applied.schemaVersion, latestSchemaVersion: applied.schemaVersion, pendingMigrations: [], latestScanId: null });
    for (const table of ["scans", "regions", "services", "availability_intervals", "availability_changes", "cost_ledger", "api_cache"]) {
      expect(s.tables[table], table).toBe(0);
    }
    expect(s.sizeBytes).toBeGreaterThan(0);
  });

  it("status counts a scan's rows; a second identical scan adds no interval rows; prune --keep-days 0 keeps the latest complete scan", async () => {
    const cli = createCli({ server, db: `sqlite:${join(scratch.dir, "prune.db")}`, dir: scratch.dir });
    expect((await cli(["scan", "--quiet"])).code).toBe(0);
    const one = (await cli(["db", "status", "--json"])).json<StatusJson>();
    expect(one.latestScanId).toBe(1);
    expect(one.tables).toMatchObject({ scans: 1, regions: 5, availability_intervals: SMALL.pairs });

    expect((await cli(["scan", "--quiet"])).code).toBe(0);
    const two = (await cli(["db", "status", "--json"])).json<StatusJson>();
    expect(two.latestScanId).toBe(2);
    expect(two.tables).toMatchObject({ scans: 2, availability_intervals: SMALL.pairs });

    const keepAll = await cli(["db", "prune", "--keep-days", "365", "--json"]);
    expect(keepAll.code).toBe(0);
    expect((await cli(["db", "status", "--json"])).json<StatusJson>().tables.scans).toBe(2);

    const prune = await cli(["db", "prune", "--keep-days", "0", "--json"]);
    expect(prune.code).toBe(0);
    expect(prune.json()).toMatchObject({ oldestKeptScanId: 2, deleted: { scans: 1 } });

    const after = (await cli(["db", "status", "--json"])).json<StatusJson>();
    expect(after.latestScanId).toBe(2);
    expect(after.tables).toMatchObject({ scans: 1, availability_intervals: SMALL.pairs });

    const before = server.stats().totals.requests;
    const where = await cli(["where", "bedrock", "--json"]);
    expect(where.code).toBe(0);
    expect(where.json<{ available: string[] }[]>()[0]?.available).toEqual(["eu-west-1", "sa-east-1", "us-east-1"]);
    expect(server.stats().totals.requests).toBe(before);

    const text = await cli(["db", "status"]);
    expect(text.stdout).toMatch(/^sqlite at sqlite:/);
    expect(text.stdout).toContain("latest complete scan 2");
    expect(text.stdout).toMatch(new RegExp(`availability_intervals\\s+${SMALL.pairs} rows`));
  });

  it("prune requires --keep-days", async () => {
    const cli = createCli({ db: `sqlite:${join(scratch.dir, "args.db")}`, dir: scratch.dir });
    const run = await cli(["db", "prune"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("keep-days");
  });
});
