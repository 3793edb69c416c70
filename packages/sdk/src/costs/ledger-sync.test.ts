import { generateCostDataset } from "@aws-atlas/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { openStorage, type Storage } from "../storage/open-storage.js";
import { toAmount } from "./cost-amount.js";
import type { CostQueryInput } from "./cost-query.js";
import type { CostSyncResult } from "./ledger-sync.js";
import { type CostHarness, datasetTotal, groupedItems, startCostHarness } from "./cost-test-harness.js";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-03-15T12:00:00Z");
const SEED = 11;
const PAGE_SIZE = 200;

describe("cost sync against the testkit ledger (13 months, 5 accounts)", () => {
  let storage: Storage;
  let first: CostHarness;
  let firstSync: CostSyncResult;
  let minimum: number;

  beforeAll(async () => {
    storage = await openStorage({ url: "sqlite::memory:", clock: fixedClock(NOW) });
    first = await startCostHarness({ now: NOW, seed: SEED, accounts: 5, pageSize: PAGE_SIZE, storage });
    minimum = Math.ceil(groupedItems(first.dataset, "2025-02-01", "2026-03-14") / PAGE_SIZE);
    // One metric keeps the test fast; the request count does not depend on it (bench/cost-sync.mjs syncs all seven).
    firstSync = await first.costs.sync({ months: 13, metrics: ["UnblendedCost"] });
  });
  afterAll(async () => {
    await first.stop();
    await storage.close();
  });

  it("makes the minimum number of requests", () => {
    // One DAILY request over the whole window, LINKED_ACCOUNT x SERVICE, every metric at once: only
    // pages cost, so the minimum is the number of (day, account, service) groups over the page size.
    expect(firstSync).toMatchObject({ start: "2025-02-01", end: "2026-03-14", windows: [{ start: "2025-02-01", end: "2026-03-14" }], reset: false });
    expect(firstSync.requests).toBe(minimum);
    expect(first.paid()).toBe(minimum);
    expect(firstSync.priceUsd).toBe((minimum / 100).toFixed(2));
    expect(firstSync.daysNew).toBe(407);
    expect(firstSync.daysFinal).toBe(407 - 14);
    expect(firstSync.daysPending).toBe(14);
    expect(firstSync.rowsUpserted).toBe(groupedItems(first.dataset, "2025-02-01", "2026-03-14"));
  });

  it("answers ledger-shaped questions over final months with zero paid requests, exactly as AWS", async () => {
    const queries: CostQueryInput[] = [
      { start: "2025-03-01", end: "2026-02-28", granularity: "MONTHLY", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] },
      { start: "2025-11-03", end: "2025-11-20", granularity: "DAILY", groupBy: [{ type: "DIMENSION", key: "LINKED_ACCOUNT" }] },
      {
        start: "2025-06-01",
        end: "2025-08-31",
        granularity: "MONTHLY",
        filter: { Dimensions: { Key: "LINKED_ACCOUNT", Values: [first.dataset.accounts[1]?.id ?? ""] } },
      },
    ];
    for (const query of queries) {
      const before = first.paid();
      const fromLedger = await first.costs.query(query);
      expect(first.paid()).toBe(before);
      expect(fromLedger.requests.made).toBe(0);
      expect(fromLedger.requests.fromLedger).toBeGreaterThan(0);

      // The same question to AWS (no storage: no ledger, no cache).
      const direct = await startCostHarness({ now: NOW, seed: SEED, accounts: 5, dataset: first.dataset, service: { storage: undefined } });
      try {
        const aws = await direct.costs.query(query);
        expect(fromLedger.total).toEqual(aws.total);
        expect(fromLedger.results.map((period) => ({ ...period, groups: [...period.groups].sort((a, b) => a.keys.join().localeCompare(b.keys.join())) }))).toEqual(
          aws.results.map((period) => ({ ...period, groups: [...period.groups].sort((a, b) => a.keys.join().localeCompare(b.keys.join())) })),
        );
      } finally {
        await direct.stop();
      }
    }
    const total = await first.costs.query({ start: "2025-02-01", end: "2026-02-28", granularity: "MONTHLY" });
    expect(total.total.amount).toBe(toAmount(datasetTotal(first.dataset, "2025-02-01", "2026-02-28")));
    expect(total.requests).toMatchObject({ made: 0, fromLedger: 13 });
  });

  it("a second sync the next day makes at most 2 requests", async () => {
    const tomorrow = new Date(NOW.getTime() + DAY_MS);
    const next = await startCostHarness({
      now: tomorrow,
      storage,
      pageSize: PAGE_SIZE,
      dataset: generateCostDataset({ seed: SEED, now: tomorrow, accounts: 5 }),
    });
    try {
      const plan = await next.costs.planSync({ months: 13, metrics: ["UnblendedCost"] });
      expect(plan.requests.map((request) => request.period)).toEqual([{ start: "2026-03-13", end: "2026-03-15" }]);
      const second = await next.costs.sync({ months: 13, metrics: ["UnblendedCost"] });
      expect(second.requests).toBeLessThanOrEqual(2);
      expect(next.paid()).toBe(second.requests);
      expect(second).toMatchObject({ daysNew: 1, daysRefreshed: 2, windows: [{ start: "2026-03-13", end: "2026-03-15" }] });
      // Nothing left to do until the copies are older than the cache TTL.
      expect((await next.costs.planSync({ months: 13, metrics: ["UnblendedCost"] })).paidRequests).toBe(0);
    } finally {
      await next.stop();
    }
  });

  it("re-fetches a month once when it becomes final", async () => {
    const april4 = new Date("2026-04-04T06:00:00Z");
    const later = await startCostHarness({ now: april4, storage, pageSize: PAGE_SIZE, dataset: generateCostDataset({ seed: SEED, now: april4, accounts: 5 }) });
    try {
      const plan = await later.costs.planSync({ months: 13, metrics: ["UnblendedCost"] });
      // March closed more than 3 days ago: all of it is fetched again (final now), with the new days.
      expect(plan.requests.map((request) => request.period)).toEqual([{ start: "2026-03-01", end: "2026-04-03" }]);
      const result = await later.costs.sync({ months: 13, metrics: ["UnblendedCost"] });
      expect(result.daysFinal).toBe(31);
      const state = await later.costs.ledgerState();
      expect(state?.nonFinal).toEqual(["2026-04-01", "2026-04-02", "2026-04-03"]);
      expect(state?.ranges).toEqual([{ start: "2025-02-01", end: "2026-04-03" }]);
    } finally {
      await later.stop();
    }
  });
});

describe("cost sync options", () => {
  it("re-syncs the window when the breakdown changes, and refuses more than 2 keys", async () => {
    const now = new Date("2026-03-05T12:00:00Z");
    const h = await startCostHarness({ now, accounts: 1 });
    try {
      const a = await h.costs.sync({ months: 0, metrics: ["UnblendedCost"] });
      expect(a.windows).toEqual([{ start: "2026-03-01", end: "2026-03-04" }]);
      const b = await h.costs.sync({ months: 0, metrics: ["UnblendedCost"], breakdown: ["SERVICE", "REGION"] });
      expect(b.reset).toBe(true);
      expect(b.windows).toEqual([{ start: "2026-03-01", end: "2026-03-04" }]);
      const rows = await h.storage.ledger.readCostRows({ granularity: "DAILY", start: "2026-03-01", end: "2026-03-04" });
      expect(rows.every((row) => row.account === "" && row.region !== "")).toBe(true);
      await expect(h.costs.sync({ breakdown: ["SERVICE", "REGION", "LINKED_ACCOUNT"] })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
      await expect(h.costs.sync({ months: 14 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    } finally {
      await h.stop();
    }
  });

  it("is refused by the spend guard before any request", async () => {
    const h = await startCostHarness({ now: NOW, accounts: 1, service: { spendGuard: { maxPaidRequests: 0 } } });
    try {
      await expect(h.costs.sync({ months: 1 })).rejects.toMatchObject({ code: "SPEND_LIMIT" });
      expect(h.server.stats().totals.requests).toBe(0);
    } finally {
      await h.stop();
    }
  });
});
