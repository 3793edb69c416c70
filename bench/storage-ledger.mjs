// Benchmark: the cost ledger on SQLite. Prints one JSON line.
//   node bench/storage-ledger.mjs                      (against packages/sdk/dist, after `npm run build`)
//   ATLAS_SDK_ENTRY=packages/sdk/src/storage/index.ts npx tsx bench/storage-ledger.mjs   (against src)
// Env: BENCH_ROWS (default 1,000,000), BENCH_RUNS (default 3).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const entry = process.env.ATLAS_SDK_ENTRY
  ? pathToFileURL(resolve(process.env.ATLAS_SDK_ENTRY)).href
  : new URL("../packages/sdk/dist/index.js", import.meta.url).href;
const { openStorage } = await import(entry);

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ACCOUNTS = ["111111111111", "222222222222", "333333333333", "444444444444", "555555555555"];
const SERVICES = Array.from({ length: 25 }, (_, i) => `AWS Service ${String(i).padStart(2, "0")}`);
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"];
const USAGE = ["BoxUsage", "DataTransfer-Out-Bytes", "TimedStorage-ByteHrs", "Requests-Tier1"];
const PER_DAY = ACCOUNTS.length * SERVICES.length * REGIONS.length * USAGE.length; // 2,500
const DAYS = Math.ceil(ROWS / PER_DAY); // 400 days for 1,000,000 rows
const START = Date.UTC(2025, 0, 1);
const FETCHED = new Date("2026-03-01T00:00:00Z");

/** Streams rows day by day, as a sync would; nothing is kept in memory. */
function* ledgerRows() {
  let n = 0;
  for (let d = 0; d < DAYS; d++) {
    const day = new Date(START + d * 86_400_000).toISOString().slice(0, 10);
    for (const service of SERVICES)
      for (const account of ACCOUNTS)
        for (const region of REGIONS)
          for (const usage of USAGE) {
            if (n++ >= ROWS) return;
            yield {
              granularity: "DAILY",
              periodStart: day,
              metric: "UnblendedCost",
              amount: `${(n * 7919) % 5000}.${String((n * 104729) % 10_000_000_000).padStart(10, "0")}`,
              unit: "USD",
              account,
              service,
              region,
              usageType: `${region}-${usage}`,
              final: d < DAYS - 5,
              estimated: d >= DAYS - 2,
              fetchedAt: FETCHED,
            };
          }
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const time = async (fn) => {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
};
const round = (ms) => Math.round(ms * 10) / 10;

const insert = [];
const insertCpu = [];
const reupsert = [];
const oneMonth = [];
const allMonths = [];
const coverage = [];
let check;
for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(join(tmpdir(), "atlas-bench-ledger-"));
  const storage = await openStorage({ url: `sqlite:${join(dir, "atlas.db")}` });
  try {
    const cpuBefore = process.cpuUsage();
    const { ms, result } = await time(() => storage.ledger.upsertCostRows(ledgerRows()));
    const cpu = process.cpuUsage(cpuBefore);
    if (result.written !== ROWS) throw new Error(`wrote ${result.written} rows`);
    insert.push(ms);
    insertCpu.push((cpu.user + cpu.system) / 1000);
    const month = new Date(START + 200 * 86_400_000).toISOString().slice(0, 7);
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    for (let i = 0; i < 7; i++) {
      const q = await time(() =>
        storage.ledger.queryLedger({ start: `${month}-01`, end: lastDay, granularity: "MONTHLY", groupBy: ["service"] }),
      );
      oneMonth.push(q.ms);
      check = { month, groups: q.result.length, firstAmount: q.result[0]?.amount };
    }
    for (let i = 0; i < 3; i++) {
      const end = new Date(START + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      allMonths.push((await time(() => storage.ledger.queryLedger({ start: "2025-01-01", end, granularity: "MONTHLY", groupBy: ["service"] }))).ms);
      coverage.push((await time(() => storage.ledger.ledgerCoverage())).ms);
    }
    // A re-sync of the last 30 days (75,000 rows), replacing the window.
    const windowStart = new Date(START + (DAYS - 30) * 86_400_000).toISOString().slice(0, 10);
    const windowEnd = new Date(START + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const recent = function* () {
      for (const row of ledgerRows()) if (row.periodStart >= windowStart) yield row;
    };
    reupsert.push(
      (await time(() => storage.ledger.upsertCostRows(recent(), { replace: { granularity: "DAILY", start: windowStart, end: windowEnd } }))).ms,
    );
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const result = {
  bench: "storage-ledger",
  engine: "sqlite",
  rows: ROWS,
  runs: RUNS,
  insertMs: round(median(insert)),
  insertRowsPerSec: Math.round(ROWS / (median(insert) / 1000)),
  // CPU time of the insert: what the wall time would be on an idle machine, minus I/O waits.
  insertCpuMs: round(median(insertCpu)),
  loadAverage: (await import("node:os")).loadavg()[0],
  monthByServiceMs: round(median(oneMonth)),
  allMonthsByServiceMs: round(median(allMonths)),
  coverageMs: round(median(coverage)),
  resync30DaysMs: round(median(reupsert)),
  peakRssMb,
  check,
  targets: { insertMs: 10_000, peakRssMb: 300, monthByServiceMs: 300 },
  pass: median(insert) <= 10_000 && peakRssMb <= 300 && median(oneMonth) <= 300,
};
process.stdout.write(JSON.stringify(result) + "\n");
