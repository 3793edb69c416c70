import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isAtlasError } from "../../errors.js";
import type { Snapshot } from "../../infrastructure/snapshot.js";
import { sumDecimals } from "../decimal.js";
import type { CostLedgerRowInput } from "../ledger-repository.js";
import { openStorage, type Storage } from "../open-storage.js";
import { STORAGE_TABLES } from "../schema.js";
import type { TestDatabase, TestEngine } from "./engines.js";
import { evolveSnapshot, makeSnapshot, REGION_CODES, regionInfo, serviceCodes } from "./snapshots.js";

/** A clock tests can move. */
export function createTestClock(start = "2026-03-01T12:00:00.000Z") {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (iso: string) => {
      current = new Date(iso);
    },
  };
}

/** Delete every row (children first), keeping the schema. */
export async function wipeStorage(storage: Storage): Promise<void> {
  for (const table of STORAGE_TABLES) await storage.db.deleteFrom(table).execute();
}

export const pairSet = (snapshot: Snapshot) =>
  new Set(Object.entries(snapshot.availability).flatMap(([region, services]) => services.map((s) => `${region}|${s}`)));

export async function rowCount(storage: Storage, table: (typeof STORAGE_TABLES)[number]): Promise<number> {
  const row = await storage.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAtlasError(error), `expected AtlasError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

/** A small world for property tests: 4 regions x 6 services. */
const SMALL_REGIONS = REGION_CODES.slice(0, 4);
const SMALL_SERVICES = serviceCodes(6);
const stepArbitrary = fc.record({
  complete: fc.boolean(),
  bits: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
  regionVariant: fc.nat(2),
  renamed: fc.boolean(),
  omitEmpty: fc.boolean(),
});
type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

function snapshotOfStep(step: Step, index: number): Snapshot {
  const availability: Record<string, string[]> = {};
  SMALL_REGIONS.forEach((region, r) => {
    const services = SMALL_SERVICES.filter((_, s) => step.bits[r * SMALL_SERVICES.length + s] === true);
    if (services.length > 0 || !step.omitEmpty) availability[region] = services;
  });
  const startedAt = new Date(Date.UTC(2026, 0, 1, index));
  return {
    startedAt,
    finishedAt: new Date(startedAt.getTime() + 1500),
    complete: step.complete,
    source: index % 2 === 0 ? "aws" : "offline",
    regions: SMALL_REGIONS.map((code, r) => regionInfo(code, r === 0 ? step.regionVariant : 0)),
    services: SMALL_SERVICES.map((code, s) => ({ code, name: step.renamed && s === 0 ? `${code} renamed` : `Service ${code}` })),
    availability,
    stats: { apiCalls: 10 + index, throttled: index % 3, retries: index % 2, failures: step.complete ? 0 : 1 },
    failures: step.complete ? [] : [{ path: `/x/${index}`, code: "THROTTLED", message: "Rate exceeded" }],
  };
}

export function ledgerRows(): CostLedgerRowInput[] {
  const rows: CostLedgerRowInput[] = [];
  const services = ["Amazon Elastic Compute Cloud - Compute", "Amazon Simple Storage Service", "EC2 - Other"];
  let n = 0;
  for (let day = 0; day < 75; day++) {
    const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    for (const service of services) {
      for (const account of ["111111111111", "222222222222"]) {
        for (const region of ["us-east-1", "eu-west-1"]) {
          n++;
          const amount = `${n % 5 === 0 ? "-" : ""}${(n * 7919) % 1000}.${String((n * 104729) % 10_000_000_000).padStart(10, "0")}`;
          rows.push({
            granularity: "DAILY",
            periodStart: date,
            metric: "UnblendedCost",
            amount,
            unit: "USD",
            account,
            service,
            region,
            usageType: `${region === "us-east-1" ? "USE1" : "EUW1"}-BoxUsage`,
            estimated: day >= 70,
            final: day < 59,
            fetchedAt: new Date(Date.UTC(2026, 2, 16)),
          });
        }
      }
    }
  }
  return rows;
}

function aggregate(rows: CostLedgerRowInput[], period: (r: CostLedgerRowInput) => string, key: (r: CostLedgerRowInput) => string) {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const k = `${period(row)}|${key(row)}`;
    groups.set(k, [...(groups.get(k) ?? []), row.amount]);
  }
  return new Map([...groups].map(([k, amounts]) => [k, sumDecimals(amounts)]));
}

/**
 * The storage contract (STYLE rule 13): every engine must pass the same suite with the same
 * answers. Provisions its own database and drops it afterwards.
 */
export function defineStorageContract(engine: TestEngine): void {
  const server = engine.dialect !== "sqlite";
  let database: TestDatabase | undefined;
  let storage: Storage;
  const clock = createTestClock();

  beforeAll(async () => {
    database = await engine.create();
    storage = await openStorage({ url: database.url, clock });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    clock.set("2026-03-01T12:00:00.000Z");
    await wipeStorage(storage);
  });

  describe("schema", () => {
    it("is migrated on open, and migrating again changes nothing", async () => {
      expect(await storage.migrate()).toEqual({ applied: [], schemaVersion: 1 });
      const status = await storage.status();
      expect(status).toMatchObject({ dialect: engine.dialect, schemaVersion: 1, latestSchemaVersion: 1, pendingMigrations: [], latestScanId: null });
      expect(Object.values(status.tables).every((n) => n === 0)).toBe(true);
      expect(status.sizeBytes).toBeGreaterThan(0);
    });
  });

  describe("scans", () => {
    it("has no latest snapshot when nothing is stored", async () => {
      expect(await storage.scans.latestSnapshot()).toBeUndefined();
      expect(await storage.scans.latestScanId()).toBeNull();
      expect(await storage.scans.listScans()).toEqual([]);
    });

    it("reads back exactly the complete snapshot it stored", async () => {
      const snapshot = makeSnapshot();
      const result = await storage.scans.commitScan(snapshot);
      expect(result).toMatchObject({ complete: true, latest: true, previousScanId: null, changes: { added: [], removed: [] } });
      expect(await storage.scans.latestSnapshot()).toEqual(snapshot);
      expect(await storage.scans.getSnapshot(result.scanId)).toEqual(snapshot);
      const pairs = pairSet(snapshot).size;
      expect(pairs).toBeGreaterThan(8_800);
      expect(await storage.scans.getScan(result.scanId)).toEqual({
        id: result.scanId,
        startedAt: snapshot.startedAt,
        finishedAt: snapshot.finishedAt,
        committedAt: clock.now(),
        complete: true,
        source: "aws",
        stats: snapshot.stats,
        failures: [],
        regionCount: 39,
        serviceCount: 402,
        pairCount: pairs,
        latest: true,
      });
      expect((await storage.status()).tables).toMatchObject({ scans: 1, availability_intervals: pairs, regions: 39, services: 402, availability_changes: 0 });
    });

    it("property: reading a few services' or regions' pairs gives exactly those pairs of the full snapshot", async () => {
      const snapshot = makeSnapshot({ regions: 12, services: 80 });
      await storage.scans.commitScan(snapshot);
      const full = await storage.scans.latestSnapshot();
      const serviceKeys = snapshot.services.flatMap((s) => [s.code, s.name.toUpperCase()]);
      const regionKeys = snapshot.regions.flatMap((r) => [r.code, r.name.toLowerCase()]);
      await fc.assert(
        fc.asyncProperty(
          fc.option(fc.array(fc.oneof(fc.constantFrom(...serviceKeys), fc.constant("no-such-service")), { maxLength: 4 }), { nil: undefined }),
          fc.option(fc.array(fc.oneof(fc.constantFrom(...regionKeys), fc.constant("xx-nowhere-1")), { maxLength: 3 }), { nil: undefined }),
          async (services, regions) => {
            const part = await storage.scans.latestSnapshot({ services, regions });
            expect(part?.regions).toEqual(full?.regions);
            expect(part?.services).toEqual(full?.services);
            expect(part?.stats).toEqual(full?.stats);
            const wantedServices = services && new Set(services.map((x) => x.toLowerCase()));
            const wantedRegions = regions && new Set(regions.map((x) => x.toLowerCase()));
            const keepService = (code: string) => {
              const info = snapshot.services.find((s) => s.code === code);
              return !wantedServices || wantedServices.has(code.toLowerCase()) || wantedServices.has(info?.name.toLowerCase() ?? "");
            };
            const keepRegion = (code: string) => {
              const info = snapshot.regions.find((r) => r.code === code);
              return !wantedRegions || wantedRegions.has(code.toLowerCase()) || wantedRegions.has(info?.name.toLowerCase() ?? "");
            };
            if (!services && !regions) {
              expect(part).toEqual(full);
              return;
            }
            const expected = Object.fromEntries(
              snapshot.regions.map((r) => [r.code, keepRegion(r.code) ? (full?.availability[r.code] ?? []).filter(keepService) : []]),
            );
            expect(part?.availability).toEqual(expected);
          },
        ),
        { numRuns: server ? 15 : 60 },
      );
    });

    it("stores unchanged pairs as no new rows", async () => {
      const snapshot = makeSnapshot({ regions: 10, services: 60 });
      const ids: number[] = [];
      for (let day = 0; day < 6; day++) {
        const startedAt = new Date(Date.UTC(2026, 0, 1 + day));
        const result = await storage.scans.commitScan({ ...snapshot, startedAt, finishedAt: new Date(startedAt.getTime() + 1000) });
        expect(result.changes).toEqual({ added: [], removed: [] });
        expect(result.previousScanId).toBe(ids[ids.length - 1] ?? null);
        ids.push(result.scanId);
      }
      expect(await rowCount(storage, "availability_intervals")).toBe(pairSet(snapshot).size);
      expect(await rowCount(storage, "regions")).toBe(10);
      expect(await rowCount(storage, "services")).toBe(60);
      expect(await rowCount(storage, "availability_changes")).toBe(0);
      for (const id of ids) expect((await storage.scans.getSnapshot(id)).availability).toEqual(snapshot.availability);
    });

    it("records changes, and answers diff, listChanges and history", async () => {
      const a = makeSnapshot({ regions: 6, services: 30, seed: 3 });
      const b = evolveSnapshot(a, 1);
      const c = { ...evolveSnapshot(a, 2), availability: a.availability };
      const ra = await storage.scans.commitScan(a);
      const rb = await storage.scans.commitScan(b);
      clock.set("2026-03-02T12:00:00.000Z");
      const rc = await storage.scans.commitScan(c);
      const expectDiff = (from: Snapshot, to: Snapshot) => {
        const f = pairSet(from);
        const t = pairSet(to);
        const toPairs = (keys: string[]) =>
          keys.sort().map((k) => {
            const [region = "", service = ""] = k.split("|");
            return { region, service };
          });
        return { added: toPairs([...t].filter((k) => !f.has(k))), removed: toPairs([...f].filter((k) => !t.has(k))) };
      };
      expect(rb.changes).toEqual(expectDiff(a, b));
      expect(rb.changes.added.length + rb.changes.removed.length).toBeGreaterThan(0);
      expect(rc.changes).toEqual(expectDiff(b, c));
      expect(await storage.scans.diff(ra.scanId, rb.scanId)).toEqual({ fromScanId: ra.scanId, toScanId: rb.scanId, ...expectDiff(a, b) });
      expect(await storage.scans.diff(ra.scanId, rc.scanId)).toEqual({ fromScanId: ra.scanId, toScanId: rc.scanId, added: [], removed: [] });
      expect(await storage.scans.diff(rc.scanId, rb.scanId)).toEqual({ fromScanId: rc.scanId, toScanId: rb.scanId, ...expectDiff(c, b) });

      const events = await storage.scans.listChanges({ scanId: rb.scanId });
      expect(events.length).toBe(rb.changes.added.length + rb.changes.removed.length);
      expect(events.every((e) => e.at.getTime() === b.finishedAt.getTime())).toBe(true);

      // A pair removed by b and restored by c has two intervals.
      const gone = rb.changes.removed[0];
      expect(gone).toBeDefined();
      if (gone === undefined) return;
      const history = await storage.scans.history(gone.service, { region: gone.region });
      expect(history).toEqual({
        service: gone.service,
        latestScanId: rc.scanId,
        intervals: [
          { region: gone.region, firstSeen: { scanId: ra.scanId, at: a.finishedAt }, lastSeen: { scanId: ra.scanId, at: a.finishedAt }, current: false },
          { region: gone.region, firstSeen: { scanId: rc.scanId, at: c.finishedAt }, lastSeen: { scanId: rc.scanId, at: c.finishedAt }, current: true },
        ],
      });
      const all = await storage.scans.history(gone.service);
      const regions = Object.entries(c.availability)
        .filter(([, s]) => s.includes(gone.service))
        .map(([r]) => r);
      expect(all.intervals.filter((i) => i.current).map((i) => i.region)).toEqual(regions);
      expect(await storage.scans.listScans({ complete: true, limit: 2 })).toMatchObject([{ id: rc.scanId, latest: true }, { id: rb.scanId, latest: false }]);
    });

    it("keeps an incomplete scan for inspection and never makes it the latest", async () => {
      const a = makeSnapshot({ regions: 5, services: 20 });
      const partial = { ...evolveSnapshot(a, 1), complete: false };
      partial.failures = [{ path: "/aws/service/global-infrastructure/regions/af-south-1/services", code: "THROTTLED", message: "Rate exceeded" }];
      partial.stats = { ...partial.stats, failures: 1 };
      delete partial.availability["af-south-1"];
      const ra = await storage.scans.commitScan(a);
      const ri = await storage.scans.commitScan(partial);
      expect(ri).toEqual({ scanId: ri.scanId, complete: false, latest: false, previousScanId: ra.scanId, changes: { added: [], removed: [] } });
      expect(await storage.scans.latestSnapshot()).toEqual(a);
      expect(await storage.scans.latestScanId()).toBe(ra.scanId);
      expect(await storage.scans.getSnapshot(ri.scanId)).toEqual(partial);
      const [latestListed, first] = await storage.scans.listScans();
      expect(latestListed).toMatchObject({ id: ri.scanId, complete: false, latest: false, failures: partial.failures });
      expect(first).toMatchObject({ id: ra.scanId, complete: true, latest: true });
      expect(await storage.scans.listScans({ complete: false })).toHaveLength(1);
      // The next complete scan compares with the last complete one, not with the partial one.
      const b = evolveSnapshot(a, 2);
      const rb = await storage.scans.commitScan(b);
      expect(rb.previousScanId).toBe(ra.scanId);
      expect(await storage.scans.getSnapshot(ra.scanId)).toEqual(a);
      expect(await storage.scans.getSnapshot(rb.scanId)).toEqual(b);
      const diff = await storage.scans.diff(ri.scanId, rb.scanId);
      expect(diff.added.some((p) => p.region === "af-south-1")).toBe(true);
    });

    it("reconstructs region metadata and service names as they were at each scan", async () => {
      const a = makeSnapshot({ regions: 4, services: 8 });
      const b: Snapshot = {
        ...a,
        regions: a.regions.map((r, i) => (i === 1 ? regionInfo(r.code, 1) : r)),
        services: a.services.map((s, i) => (i === 2 ? { ...s, name: "Renamed service" } : s)),
      };
      const firstRegion = a.regions[0]?.code ?? "";
      const c: Snapshot = { ...b, availability: { ...b.availability, [firstRegion]: [] } };
      const ids: number[] = [];
      for (const s of [a, b, c, a]) ids.push((await storage.scans.commitScan(s)).scanId);
      const expected = [a, b, c, a];
      for (let i = 0; i < ids.length; i++) expect(await storage.scans.getSnapshot(ids[i] ?? 0)).toEqual(expected[i]);
      expect(await storage.scans.latestSnapshot()).toEqual(a);
      expect(await rowCount(storage, "regions")).toBe(4 + 1 + 1);
      expect(await rowCount(storage, "services")).toBe(8 + 1 + 1);
    });

    it("rejects invalid snapshots and stores nothing", async () => {
      const a = makeSnapshot({ regions: 3, services: 5 });
      await expectCode(storage.scans.commitScan({ ...a, regions: [...a.regions, a.regions[0] ?? regionInfo("x")] }), "INVALID_ARGUMENT");
      await expectCode(storage.scans.commitScan({ ...a, startedAt: new Date("nope") }), "INVALID_ARGUMENT");
      await expectCode(storage.scans.commitScan({ ...a, availability: { "us-east-1": ["s3", "s3"] } }), "INVALID_ARGUMENT");
      expect(await rowCount(storage, "scans")).toBe(0);
    });

    it("reports unknown scans as NOT_FOUND", async () => {
      await expectCode(storage.scans.getSnapshot(987654), "NOT_FOUND");
      await expectCode(storage.scans.getScan(987654), "NOT_FOUND");
      const { scanId } = await storage.scans.commitScan(makeSnapshot({ regions: 1, services: 2 }));
      await expectCode(storage.scans.diff(scanId, 987654), "NOT_FOUND");
    });

    it("property: intervals reconstruct every snapshot; diff(from, to) applied to from gives to", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: server ? 5 : 8 }), async (steps) => {
          await wipeStorage(storage);
          const snapshots = steps.map(snapshotOfStep);
          const ids: number[] = [];
          for (const s of snapshots) ids.push((await storage.scans.commitScan(s)).scanId);
          for (let i = 0; i < snapshots.length; i++) expect(await storage.scans.getSnapshot(ids[i] ?? 0)).toEqual(snapshots[i]);
          const completeIdx = snapshots.map((s, i) => (s.complete ? i : -1)).filter((i) => i >= 0);
          const last = completeIdx[completeIdx.length - 1];
          expect(await storage.scans.latestSnapshot()).toEqual(last === undefined ? undefined : snapshots[last]);
          for (const i of completeIdx) {
            for (const j of completeIdx) {
              const from = pairSet(snapshots[i] as Snapshot);
              const { added, removed } = await storage.scans.diff(ids[i] ?? 0, ids[j] ?? 0);
              for (const p of removed) from.delete(`${p.region}|${p.service}`);
              for (const p of added) from.add(`${p.region}|${p.service}`);
              expect([...from].sort()).toEqual([...pairSet(snapshots[j] as Snapshot)].sort());
            }
          }
          // Row count = number of maximal runs of presence over the complete scans.
          let runs = 0;
          for (const key of new Set(completeIdx.flatMap((i) => [...pairSet(snapshots[i] as Snapshot)]))) {
            let inside = false;
            for (const i of completeIdx) {
              const present = pairSet(snapshots[i] as Snapshot).has(key);
              if (present && !inside) runs++;
              inside = present;
            }
          }
          expect(await rowCount(storage, "availability_intervals")).toBe(runs);
        }),
        { numRuns: server ? 12 : 40 },
      );
    });
  });

  describe("ledger", () => {
    it("upserts idempotently on the natural key", async () => {
      const rows = ledgerRows().slice(0, 200);
      expect(await storage.ledger.upsertCostRows(rows)).toEqual({ written: 200 });
      await storage.ledger.upsertCostRows(rows);
      expect(await rowCount(storage, "cost_ledger")).toBe(200);
      const first = rows[0] as CostLedgerRowInput;
      await storage.ledger.upsertCostRows([{ ...first, amount: "42.5", final: true, estimated: false }, { ...first, amount: "43.5", final: true }]);
      expect(await rowCount(storage, "cost_ledger")).toBe(200);
      const stored = (
        await storage.ledger.readCostRows({ granularity: "DAILY", start: first.periodStart, end: first.periodStart, accounts: [first.account ?? ""] })
      ).find((r) => r.service === first.service && r.region === first.region);
      expect(stored).toMatchObject({ amount: "43.5", final: true, estimated: false, service: first.service, account: first.account });
    });

    it("stores amounts exactly, rounding like numeric(30,10)", async () => {
      const cases: [string, string][] = [
        ["0.1", "0.1"],
        ["-0.3", "-0.3"],
        ["1.50", "1.5"],
        ["00012", "12"],
        ["123456789012345678.1234567891", "123456789012345678.1234567891"],
        ["0.00000000005", "0.0000000001"],
        ["-0.00000000005", "-0.0000000001"],
        ["0.00000000004", "0"],
        ["1e-3", "0.001"],
        ["-0", "0"],
      ];
      await storage.ledger.upsertCostRows(
        cases.map(([amount], i) => ({ granularity: "DAILY", periodStart: "2026-02-01", metric: "UnblendedCost", amount, unit: "USD", service: `s${i}` })),
      );
      const stored = await storage.ledger.readCostRows({ granularity: "DAILY", start: "2026-02-01", end: "2026-02-01" });
      expect(stored.map((r) => [r.service, r.amount])).toEqual(cases.map(([, expected], i) => [`s${i}`, expected]).sort());
      const [total] = await storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-02-01", granularity: "DAILY" });
      expect(total?.amount).toBe(sumDecimals(cases.map(([, e]) => e)));
    });

    it("aggregates exactly in SQL by period and group, with filters", async () => {
      const rows = ledgerRows();
      await storage.ledger.upsertCostRows(rows);
      const monthly = await storage.ledger.queryLedger({ start: "2026-01-01", end: "2026-03-31", granularity: "MONTHLY", groupBy: ["service"] });
      const expected = aggregate(rows, (r) => `${r.periodStart.slice(0, 7)}-01`, (r) => r.service ?? "");
      expect(new Map(monthly.map((m) => [`${m.periodStart}|${m.keys.service}`, m.amount]))).toEqual(expected);
      expect(monthly.map((m) => m.periodStart)).toEqual([...monthly.map((m) => m.periodStart)].sort());
      expect(monthly.find((m) => m.periodStart === "2026-01-01")).toMatchObject({ final: true, estimated: false, rows: 31 * 4 });
      expect(monthly.find((m) => m.periodStart === "2026-03-01")).toMatchObject({ final: false, estimated: true });

      const filtered = await storage.ledger.queryLedger({
        start: "2026-02-10",
        end: "2026-02-12",
        granularity: "DAILY",
        groupBy: ["account", "region"],
        filter: { services: ["EC2 - Other"], accounts: ["222222222222"] },
      });
      const subset = rows.filter((r) => r.service === "EC2 - Other" && r.account === "222222222222" && r.periodStart >= "2026-02-10" && r.periodStart <= "2026-02-12");
      expect(new Map(filtered.map((m) => [`${m.periodStart}|${m.keys.account}/${m.keys.region}`, m.amount]))).toEqual(
        aggregate(subset, (r) => r.periodStart, (r) => `${r.account}/${r.region}`),
      );
      expect(await storage.ledger.queryLedger({ start: "2026-02-10", end: "2026-02-12", granularity: "DAILY", filter: { services: [] } })).toEqual([]);
      await expectCode(storage.ledger.queryLedger({ start: "2026-02-30", end: "2026-03-01", granularity: "DAILY" }), "INVALID_ARGUMENT");
      await expectCode(storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-03-01", granularity: "HOURLY", from: "DAILY" }), "INVALID_ARGUMENT");
    });

    it("keeps hourly rows and tag breakdowns apart from daily totals", async () => {
      await storage.ledger.upsertCostRows([
        { granularity: "HOURLY", periodStart: "2026-02-01T00:00:00Z", metric: "UnblendedCost", amount: "0.25", unit: "USD", service: "S3" },
        { granularity: "HOURLY", periodStart: "2026-02-01T23:00:00Z", metric: "UnblendedCost", amount: "0.5", unit: "USD", service: "S3" },
        { granularity: "HOURLY", periodStart: "2026-02-02T00:00:00Z", metric: "UnblendedCost", amount: "9", unit: "USD", service: "S3" },
        { granularity: "DAILY", periodStart: "2026-02-01", metric: "UnblendedCost", amount: "0.75", unit: "USD", service: "S3" },
        { granularity: "DAILY", periodStart: "2026-02-01", metric: "UnblendedCost", amount: "0.7", unit: "USD", service: "S3", dimensionKey: "TAG:team", dimensionValue: "a" },
        { granularity: "DAILY", periodStart: "2026-02-01", metric: "UsageQuantity", amount: "3", unit: "Hrs", service: "S3" },
      ]);
      expect(await storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-02-01", granularity: "HOURLY" })).toEqual([
        { periodStart: "2026-02-01T00:00:00Z", keys: {}, amount: "0.25", unit: "USD", estimated: false, final: false, rows: 1 },
        { periodStart: "2026-02-01T23:00:00Z", keys: {}, amount: "0.5", unit: "USD", estimated: false, final: false, rows: 1 },
      ]);
      expect(await storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-02-02", granularity: "DAILY", from: "HOURLY" })).toMatchObject([
        { periodStart: "2026-02-01", amount: "0.75" },
        { periodStart: "2026-02-02", amount: "9" },
      ]);
      expect(await storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY" })).toMatchObject([
        { periodStart: "2026-02-01", amount: "0.75", rows: 1 },
      ]);
      expect(
        await storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY", groupBy: ["dimensionValue"], filter: { dimensionKey: "TAG:team" } }),
      ).toMatchObject([{ keys: { dimensionValue: "a" }, amount: "0.7" }]);
      expect(await storage.ledger.queryLedger({ start: "2026-02-01", end: "2026-02-01", granularity: "DAILY", metric: "UsageQuantity" })).toMatchObject([
        { amount: "3", unit: "Hrs" },
      ]);
    });

    it("replaces a window so rows AWS no longer reports disappear", async () => {
      const rows = ledgerRows().filter((r) => r.periodStart <= "2026-01-05");
      await storage.ledger.upsertCostRows(rows);
      const kept = rows.filter((r) => r.periodStart !== "2026-01-03" || r.region === "us-east-1");
      await storage.ledger.upsertCostRows(
        kept.filter((r) => r.periodStart >= "2026-01-03"),
        { replace: { granularity: "DAILY", start: "2026-01-03", end: "2026-01-05" } },
      );
      expect(await rowCount(storage, "cost_ledger")).toBe(kept.length);
      expect(await storage.ledger.deleteCostRows({ granularity: "DAILY", start: "2026-01-01", end: "2026-01-01", accounts: ["111111111111"] })).toBe(6);
    });

    it("reports which days are stored and final", async () => {
      await storage.ledger.upsertCostRows(ledgerRows().filter((r) => r.periodStart >= "2026-02-27" && r.periodStart <= "2026-03-01"));
      const coverage = await storage.ledger.ledgerCoverage({ start: "2026-02-01", end: "2026-03-31" });
      expect(coverage).toEqual([
        { periodStart: "2026-02-27", rows: 12, final: true, estimated: false, fetchedAt: new Date(Date.UTC(2026, 2, 16)) },
        { periodStart: "2026-02-28", rows: 12, final: true, estimated: false, fetchedAt: new Date(Date.UTC(2026, 2, 16)) },
        { periodStart: "2026-03-01", rows: 12, final: false, estimated: false, fetchedAt: new Date(Date.UTC(2026, 2, 16)) },
      ]);
      const byAccount = await storage.ledger.ledgerCoverage({ byAccount: true, accounts: ["111111111111"] });
      expect(byAccount.map((c) => [c.periodStart, c.account, c.rows])).toEqual([
        ["2026-02-27", "111111111111", 6],
        ["2026-02-28", "111111111111", 6],
        ["2026-03-01", "111111111111", 6],
      ]);
    });

    it("rejects invalid rows and writes nothing of the batch", async () => {
      const good = ledgerRows().slice(0, 3);
      const bad = [...good, { ...good[0], periodStart: "2026-02-30" } as CostLedgerRowInput];
      await expectCode(storage.ledger.upsertCostRows(bad), "INVALID_ARGUMENT");
      await expectCode(storage.ledger.upsertCostRows([{ ...(good[0] as CostLedgerRowInput), amount: "12abc" }]), "INVALID_ARGUMENT");
      await expectCode(storage.ledger.upsertCostRows([{ ...(good[0] as CostLedgerRowInput), service: "x".repeat(129) }]), "INVALID_ARGUMENT");
      expect(await rowCount(storage, "cost_ledger")).toBe(0);
    });

    it("property: SQL aggregation equals exact JS aggregation", async () => {
      const rowArb = fc.record({
        day: fc.integer({ min: 0, max: 60 }),
        service: fc.constantFrom("A", "B", "C"),
        account: fc.constantFrom("1", "2"),
        units: fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
      });
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(rowArb, { selector: (r) => `${r.day}|${r.service}|${r.account}`, maxLength: 60 }), async (generated) => {
          await wipeStorage(storage);
          const rows: CostLedgerRowInput[] = generated.map((r) => {
            const negative = r.units < 0n;
            const digits = (negative ? -r.units : r.units).toString().padStart(11, "0");
            return {
              granularity: "DAILY",
              periodStart: new Date(Date.UTC(2026, 0, 1 + r.day)).toISOString().slice(0, 10),
              metric: "UnblendedCost",
              amount: `${negative ? "-" : ""}${digits.slice(0, -10)}.${digits.slice(-10)}`,
              unit: "USD",
              service: r.service,
              account: r.account,
            };
          });
          await storage.ledger.upsertCostRows(rows);
          const result = await storage.ledger.queryLedger({ start: "2026-01-01", end: "2026-03-31", granularity: "MONTHLY", groupBy: ["service"] });
          expect(new Map(result.map((m) => [`${m.periodStart}|${m.keys.service}`, m.amount]))).toEqual(
            aggregate(rows, (r) => `${r.periodStart.slice(0, 7)}-01`, (r) => r.service ?? ""),
          );
        }),
        { numRuns: server ? 10 : 30 },
      );
    });
  });

  describe("cache", () => {
    it("serves final entries forever and non-final ones until they expire", async () => {
      const now = new Date("2026-03-01T12:00:00.000Z");
      await storage.cache.set("closed-month", '{"total":"1.00"}', { final: true, kind: "ce:GetCostAndUsage", now });
      await storage.cache.set("this-month", '{"total":"2.00"}', { ttlMs: 3_600_000, kind: "ce:GetCostAndUsage", now });
      await storage.cache.set("regions", "[]", { expiresAt: new Date("2026-03-01T12:30:00.000Z"), kind: "ssm" });
      const later = new Date("2026-03-01T12:45:00.000Z");
      expect(await storage.cache.get("closed-month", { now: new Date("2030-01-01T00:00:00Z") })).toEqual({
        key: "closed-month",
        kind: "ce:GetCostAndUsage",
        body: '{"total":"1.00"}',
        final: true,
        expiresAt: null,
        createdAt: now,
      });
      expect(await storage.cache.get("this-month", { now: later })).toMatchObject({ final: false, expiresAt: new Date("2026-03-01T13:00:00.000Z") });
      expect(await storage.cache.get("regions", { now: later })).toBeUndefined();
      expect(await storage.cache.get("missing")).toBeUndefined();
      expect(await storage.cache.stats({ now: later })).toEqual({
        entries: 3,
        final: 1,
        live: 1,
        expired: 1,
        bytes: 16 + 16 + 2,
        byKind: [
          { kind: "ce:GetCostAndUsage", entries: 2, bytes: 32 },
          { kind: "ssm", entries: 1, bytes: 2 },
        ],
      });
      expect(await storage.cache.clear({ expiredOnly: true, now: later })).toBe(1);
      await storage.cache.set("this-month", '{"total":"3.00"}', { final: true });
      expect((await storage.cache.get("this-month"))?.body).toBe('{"total":"3.00"}');
      expect(await storage.cache.delete("this-month")).toBe(true);
      expect(await storage.cache.delete("this-month")).toBe(false);
      expect(await storage.cache.clear()).toBe(1);
      await expectCode(storage.cache.set("k", "v"), "INVALID_ARGUMENT");
    });
  });

  describe("report jobs, query history, preferences, audit log", () => {
    it("runs a report job through its states", async () => {
      const job = await storage.reportJobs.create({ config: { formats: ["csv", "xlsx"], filters: { include: ["ec2*"] } } });
      expect(job).toMatchObject({ status: "pending", config: { formats: ["csv", "xlsx"] }, startedAt: null, filePath: null });
      const running = await storage.reportJobs.markRunning(job.id);
      expect(running.status).toBe("running");
      const done = await storage.reportJobs.complete(job.id, { filePath: "/tmp/atlas/report.xlsx" });
      expect(done).toMatchObject({ status: "completed", filePath: "/tmp/atlas/report.xlsx", error: null });
      await expectCode(storage.reportJobs.fail(job.id, { error: "late" }), "NOT_FOUND");
      const other = await storage.reportJobs.create({ config: null });
      expect(await storage.reportJobs.fail(other.id, { error: "disk full" })).toMatchObject({ status: "failed", error: "disk full" });
      expect(await storage.reportJobs.list({ status: "completed" })).toHaveLength(1);
      expect(await storage.reportJobs.get("00000000-0000-4000-8000-000000000000")).toBeUndefined();
    });

    it("hands each pending job to exactly one claimer", async () => {
      const jobs = [];
      for (let i = 0; i < 3; i++) jobs.push(await storage.reportJobs.create({ config: { i }, now: new Date(Date.UTC(2026, 0, 1, i)) }));
      const claimed = await Promise.all(Array.from({ length: 5 }, () => storage.reportJobs.claimNext()));
      const ids = claimed.filter((j) => j !== undefined).map((j) => j.id);
      expect(ids.sort()).toEqual(jobs.map((j) => j.id).sort());
    });

    it("records query history, preferences and audit events", async () => {
      const id = await storage.queryHistory.add({ kind: "cost-ask", source: "cli", question: "EC2 last month", query: { start: "2026-02-01" }, paidRequests: 2 });
      expect(await storage.queryHistory.list()).toEqual([
        {
          id,
          createdAt: clock.now(),
          source: "cli",
          kind: "cost-ask",
          question: "EC2 last month",
          query: { start: "2026-02-01" },
          durationMs: null,
          paidRequests: 2,
          cachedRequests: 0,
          error: null,
        },
      ]);
      await storage.preferences.set("report.formats", ["csv"]);
      await storage.preferences.set("report.formats", ["csv", "md"]);
      await storage.preferences.set("a.unicode", { name: "Zürich – 東京" });
      expect(await storage.preferences.get("report.formats")).toEqual(["csv", "md"]);
      expect(await storage.preferences.list()).toEqual({ "a.unicode": { name: "Zürich – 東京" }, "report.formats": ["csv", "md"] });
      expect(await storage.preferences.delete("report.formats")).toBe(true);
      expect(await storage.preferences.get("report.formats")).toBeUndefined();
      const auditId = await storage.auditLog.append({ actor: "cli", action: "db.prune", details: { keepDays: 30 } });
      expect(await storage.auditLog.list({ action: "db.prune" })).toEqual([
        { id: auditId, at: clock.now(), actor: "cli", action: "db.prune", target: null, details: { keepDays: 30 } },
      ]);
    });
  });

  describe("prune", () => {
    it("drops old scans and history, keeps the latest snapshot and exact recent snapshots", async () => {
      const base = makeSnapshot({ regions: 4, services: 12, startedAt: new Date("2026-01-01T00:00:00Z") });
      const snapshots = [0, 1, 2, 3, 4].map((d) => evolveSnapshot(base, d * 10));
      const ids: number[] = [];
      for (const s of snapshots) ids.push((await storage.scans.commitScan(s)).scanId);
      const oldPartial = { ...evolveSnapshot(base, 5), complete: false };
      await storage.scans.commitScan(oldPartial);
      await storage.cache.set("old", "x", { ttlMs: 1000, now: new Date("2026-01-01T00:00:00Z") });
      await storage.cache.set("final", "x", { final: true, now: new Date("2026-01-01T00:00:00Z") });
      await storage.queryHistory.add({ kind: "where", now: new Date("2026-01-02T00:00:00Z") });
      // snapshots finish on days 0, 10, 20, 30, 40 after 2026-01-01; keep 15 days before 2026-02-20.
      const result = await storage.prune({ keepDays: 15, now: new Date("2026-02-20T00:00:00Z") });
      expect(result.oldestKeptScanId).toBe(ids[4]);
      expect(result.deleted).toMatchObject({ scans: 5, api_cache: 1, query_history: 1 });
      expect(await storage.scans.latestSnapshot()).toEqual(snapshots[4]);
      expect(await rowCount(storage, "availability_intervals")).toBe(pairSet(snapshots[4] as Snapshot).size);
      const history = await storage.scans.history(base.services[0]?.code ?? "");
      expect(history.intervals.length).toBeGreaterThan(0);
      expect(history.intervals.every((i) => i.firstSeen.scanId === ids[4])).toBe(true);
      expect(await storage.cache.get("final")).toBeDefined();
      // Nothing recent: the latest complete scan is still kept.
      const again = await storage.prune({ keepDays: 0, now: new Date("2027-01-01T00:00:00Z") });
      expect(again.oldestKeptScanId).toBe(ids[4]);
      expect(await storage.scans.latestSnapshot()).toEqual(snapshots[4]);
    });
  });
}
