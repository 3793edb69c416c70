import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { openStorage, type Storage } from "./open-storage.js";
import { storageTestEngines, type TestDatabase, type TestEngine } from "./test-fixtures/engines.js";
import { evolveSnapshot, makeSnapshot } from "./test-fixtures/snapshots.js";
import { ledgerRows } from "./test-fixtures/storage-contract.js";

/** The same writes on every engine... */
async function writeScenario(storage: Storage): Promise<void> {
  const a = makeSnapshot({ seed: 11 });
  await storage.scans.commitScan(a);
  await storage.scans.commitScan(evolveSnapshot(a, 1));
  await storage.scans.commitScan({ ...evolveSnapshot(a, 2), complete: false, failures: [{ path: "/p", code: "THROTTLED", message: "Rate exceeded" }] });
  await storage.scans.commitScan(evolveSnapshot(a, 3));
  await storage.ledger.upsertCostRows(ledgerRows());
  await storage.ledger.upsertCostRows([
    { granularity: "MONTHLY", periodStart: "2025-12-01", metric: "AmortizedCost", amount: "1234.5678901234", unit: "USD", service: "Tax", final: true },
    { granularity: "HOURLY", periodStart: "2026-03-01T05:00:00Z", metric: "UnblendedCost", amount: "0.0000000001", unit: "USD", service: "AWS Lambda" },
  ]);
  await storage.cache.set("ce:closed", '{"a":1}', { final: true, kind: "ce" });
  await storage.cache.set("ce:open", '{"b":2}', { ttlMs: 60_000, kind: "ce" });
  const job = await storage.reportJobs.create({ id: "6f0c1f2e-3b7a-4d8e-9a51-0c2b7e5d4f10", config: { formats: ["csv"] } });
  await storage.reportJobs.markRunning(job.id);
  await storage.reportJobs.complete(job.id, { filePath: "/reports/a.csv" });
  await storage.queryHistory.add({ kind: "cost-query", query: { granularity: "MONTHLY" }, durationMs: 12.4 });
  await storage.preferences.set("ui", { theme: "dark", columns: ["code", "name"] });
  await storage.auditLog.append({ actor: "test", action: "scan", target: "all", details: { n: 1 } });
}

/** ...read back through every read path. */
async function readEverything(storage: Storage) {
  const scans = await storage.scans.listScans({ limit: 100 });
  const ids = scans.map((s) => s.id).sort((x, y) => x - y);
  const snapshots = [];
  for (const id of ids) snapshots.push(await storage.scans.getSnapshot(id));
  const [first = 0, second = 0, , fourth = 0] = ids;
  const status = await storage.status();
  return {
    latest: await storage.scans.latestSnapshot(),
    latestScanId: await storage.scans.latestScanId(),
    scans,
    snapshots,
    diffs: [await storage.scans.diff(first, second), await storage.scans.diff(first, fourth), await storage.scans.diff(ids[2] ?? 0, fourth)],
    history: [await storage.scans.history("svc-000-data"), await storage.scans.history("svc-013", { region: "us-east-1" })],
    changes: await storage.scans.listChanges(),
    ledger: {
      monthly: await storage.ledger.queryLedger({ start: "2026-01-01", end: "2026-03-31", granularity: "MONTHLY", groupBy: ["service", "account"] }),
      daily: await storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-02-07", granularity: "DAILY", groupBy: ["region"], filter: { accounts: ["111111111111"] } }),
      hourly: await storage.ledger.queryLedger({ start: "2026-03-01", end: "2026-03-01", granularity: "HOURLY", groupBy: ["service"] }),
      fromMonthly: await storage.ledger.queryLedger({ start: "2025-12-01", end: "2025-12-31", granularity: "MONTHLY", from: "MONTHLY", metric: "AmortizedCost" }),
      coverage: await storage.ledger.ledgerCoverage({ byAccount: true }),
      rows: await storage.ledger.readCostRows({ granularity: "DAILY", start: "2026-01-01", end: "2026-03-31" }),
    },
    cache: [await storage.cache.get("ce:closed"), await storage.cache.get("ce:open"), await storage.cache.stats()],
    reportJobs: await storage.reportJobs.list(),
    queryHistory: await storage.queryHistory.list(),
    preferences: await storage.preferences.list(),
    auditLog: await storage.auditLog.list(),
    status: { ...status, dialect: undefined, location: undefined, sizeBytes: undefined },
  };
}

const engines = await storageTestEngines();
const usable = engines.filter((e) => e.unavailable === undefined);
const missing = engines.filter((e) => e.unavailable !== undefined);

describe(`identical answers on ${usable.map((e) => e.name).join(", ")}`, () => {
  const opened: { engine: TestEngine; database: TestDatabase; storage: Storage }[] = [];
  beforeAll(async () => {
    for (const engine of usable) {
      const database = await engine.create();
      const storage = await openStorage({ url: database.url, clock: fixedClock(new Date("2026-03-16T08:00:00.000Z")) });
      opened.push({ engine, database, storage });
    }
  });
  afterAll(async () => {
    for (const { storage, database } of opened) {
      await storage.close();
      await database.drop();
    }
  });

  it("stores the same scans, ledger and records and reads them back deep-equal", async () => {
    const answers = [];
    for (const { storage } of opened) {
      await writeScenario(storage);
      answers.push(await readEverything(storage));
    }
    const [reference, ...others] = answers;
    expect(reference?.snapshots).toHaveLength(4);
    expect(reference?.diffs[0]?.added.length).toBeGreaterThan(0);
    for (let i = 0; i < others.length; i++) expect(others[i], `${usable[i + 1]?.name} vs ${usable[0]?.name}`).toEqual(reference);
  });

  it.runIf(process.env.CI === "true")("has every engine in CI", () => {
    expect(missing.map((e) => `${e.name}: ${e.unavailable}`)).toEqual([]);
  });
});
