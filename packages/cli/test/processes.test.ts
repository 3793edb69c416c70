import { existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsServer } from "@aws-atlas/testkit";
import { BIN, createCli, scratchDir, smallInfrastructure, spawnCli, startFastServer } from "./helpers.js";

interface ScanJson {
  scanId: number;
  complete: boolean;
  pairs: number;
}
interface StatusJson {
  latestScanId: number | null;
  tables: Record<string, number>;
}

/** Polls until `condition` holds (checked every few milliseconds). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(2);
}

// These tests run the built CLI (dist/bin.js) as real processes; build first (`npx turbo run build`).
describe.runIf(existsSync(BIN))("several processes on one SQLite file", () => {
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

  const scanArgs = (db: string, extra: string[] = []) => [
    "--db",
    db,
    "--endpoint-url",
    server.url,
    "--no-progress",
    "scan",
    "--json",
    "--max-rps",
    "1000",
    ...extra,
  ];

  it("two scan processes writing one new SQLite file at once both succeed", async () => {
    const db = `sqlite:${join(scratch.dir, "shared.db")}`;
    const [a, b] = await Promise.all([
      spawnCli(scanArgs(db, ["--concurrency", "16"]), {}, scratch.dir).done,
      spawnCli(scanArgs(db, ["--concurrency", "16"]), {}, scratch.dir).done,
    ]);
    for (const run of [a, b]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/database is locked|SQLITE_BUSY/i);
      expect(JSON.parse(run.stdout)).toMatchObject({ complete: true, pairs: 9097 });
    }
    const ids = [a, b].map((r) => (JSON.parse(r.stdout) as ScanJson).scanId).sort();
    expect(ids).toEqual([1, 2]);

    const cli = createCli({ db, dir: scratch.dir });
    const status = await cli(["db", "status", "--json"]);
    expect(status.code).toBe(0);
    expect(status.json<StatusJson>()).toMatchObject({ latestScanId: 2, tables: { scans: 2, availability_intervals: 9097 } });
    const diff = await cli(["diff", "--json"]);
    expect(diff.json()).toMatchObject({ fromScanId: 1, toScanId: 2, added: [], removed: [] });
  });

  it("kill -9 during a scan leaves the previous complete scan as the answer, and the next scan works", async () => {
    // a few regions keep the scans short; latency makes the killed crawl last long enough to be killed
    const small = smallInfrastructure(["eu-west-1", "us-east-1", "us-west-2", "ap-east-1", "ap-southeast-2", "cn-north-1", "sa-east-1", "eu-central-1"]);
    server.setData({ ssm: small.data });
    const db = `sqlite:${join(scratch.dir, "killed.db")}`;
    const cli = createCli({ server, db, dir: scratch.dir });
    const first = await cli(["scan", "--json"]);
    expect(first.code).toBe(0);
    const callsPerScan = first.json<{ apiCalls: number }>().apiCalls;

    // 1. killed in the middle of the crawl, on a slower server so that the crawl takes a couple of seconds
    server.setFaults({ latency: { fixedMs: 10, jitterMs: 0 } });
    try {
      const start = server.stats().totals.requests;
      const midCrawl = spawnCli(scanArgs(db, ["--concurrency", "2"]), {}, scratch.dir);
      await until(() => server.stats().totals.requests - start > callsPerScan / 4);
      midCrawl.kill("SIGKILL");
      expect((await midCrawl.done).signal).toBe("SIGKILL");
    } finally {
      server.setFaults({ latency: { fixedMs: 0, jitterMs: 0 } });
    }

    // 2. killed once every call has been answered: while it opens the database and commits
    const start = server.stats().totals.requests;
    const atCommit = spawnCli(scanArgs(db, ["--concurrency", "16"]), {}, scratch.dir);
    await until(() => server.stats().totals.requests - start >= callsPerScan);
    atCommit.kill("SIGKILL");
    const killed = await atCommit.done;
    // it may have finished just before the signal; either way the database must be consistent
    expect(killed.signal === "SIGKILL" || killed.code === 0).toBe(true);

    const before = server.stats().totals.requests;
    const where = await cli(["where", "bedrock", "--json"]);
    expect(where.code, where.stderr).toBe(0);
    expect(where.json<{ available: string[] }[]>()[0]?.available).toHaveLength(6);
    expect(server.stats().totals.requests).toBe(before);

    const status = await cli(["db", "status", "--json"]);
    expect(status.code, status.stderr).toBe(0);
    const s = status.json<StatusJson>();
    expect([1, 2]).toContain(s.latestScanId);
    expect(s.tables.availability_intervals).toBe(small.pairs);

    const next = await cli(["scan", "--json"]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.json<ScanJson>()).toMatchObject({ complete: true, pairs: small.pairs, scanId: (s.latestScanId ?? 0) + 1 });
    const after = (await cli(["db", "status", "--json"])).json<StatusJson>();
    expect(after.latestScanId).toBe((s.latestScanId ?? 0) + 1);
    expect(after.tables.availability_intervals).toBe(small.pairs);
  });
});
