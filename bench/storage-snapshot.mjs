// Benchmark: availability snapshots on SQLite. Prints one JSON line.
//   node bench/storage-snapshot.mjs                    (against packages/sdk/dist, after `npm run build`)
//   ATLAS_SDK_ENTRY=packages/sdk/src/storage/index.ts npx tsx bench/storage-snapshot.mjs   (against src)
// Env: BENCH_DAYS (daily scans committed, default 365), BENCH_RUNS (default 5).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const entry = process.env.ATLAS_SDK_ENTRY
  ? pathToFileURL(resolve(process.env.ATLAS_SDK_ENTRY)).href
  : new URL("../packages/sdk/dist/index.js", import.meta.url).href;
const { openStorage } = await import(entry);

const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 39 regions x 402 services with about 9,100 pairs, like AWS's published data. */
function baseSnapshot() {
  const next = random(1);
  const regions = Array.from({ length: 39 }, (_, i) => `rg-${String(i).padStart(2, "0")}-1`).map((code) => ({
    code,
    name: `Region ${code}`,
    partition: "aws",
    domain: "amazonaws.com",
    geolocationCountry: "US",
    geolocationRegion: null,
    availabilityZones: [`${code}-az1`, `${code}-az2`, `${code}-az3`],
    localZones: [],
  }));
  const services = Array.from({ length: 402 }, (_, i) => ({ code: `svc-${String(i).padStart(3, "0")}`, name: `Service ${i}` }));
  const availability = {};
  for (const r of regions) availability[r.code] = services.filter(() => next() < 0.58).map((s) => s.code);
  const startedAt = new Date("2025-01-01T00:00:00Z");
  return {
    startedAt,
    finishedAt: new Date(startedAt.getTime() + 60_000),
    complete: true,
    source: "aws",
    regions,
    services,
    availability,
    stats: { apiCalls: 1030, throttled: 0, retries: 0, failures: 0 },
    failures: [],
  };
}

/** Day d: a handful of pairs flip, as in real life. */
function daySnapshot(base, d) {
  const next = random(1000 + d);
  const availability = {};
  const codes = base.services.map((s) => s.code);
  for (const [region, list] of Object.entries(base.availability)) {
    const set = new Set(list);
    if (next() < 0.3) {
      const code = codes[Math.floor(next() * codes.length)];
      set.has(code) ? set.delete(code) : set.add(code);
    }
    availability[region] = [...set].sort();
  }
  const startedAt = new Date(base.startedAt.getTime() + d * 86_400_000);
  return { ...base, startedAt, finishedAt: new Date(startedAt.getTime() + 60_000), availability };
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const time = async (fn) => {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
};
const round = (ms) => Math.round(ms * 10) / 10;

const base = baseSnapshot();
const pairs = Object.values(base.availability).reduce((n, l) => n + l.length, 0);
const firstCommit = [];
const dailyCommit = [];
const readLatest = [];
const readOld = [];
const diff = [];
const history = [];
let rows;
for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(join(tmpdir(), "atlas-bench-snapshot-"));
  const storage = await openStorage({ url: `sqlite:${join(dir, "atlas.db")}` });
  try {
    firstCommit.push((await time(() => storage.scans.commitScan(base))).ms);
    // Only the first run commits a full year; the others measure a month of daily scans.
    const days = run === 0 ? DAYS : 30;
    for (let d = 1; d < days; d++) dailyCommit.push((await time(() => storage.scans.commitScan(daySnapshot(base, d)))).ms);
    for (let i = 0; i < 10; i++) {
      const latest = await time(() => storage.scans.latestSnapshot());
      if (Object.keys(latest.result.availability).length !== 39) throw new Error("bad snapshot");
      readLatest.push(latest.ms);
    }
    const [last] = await storage.scans.listScans({ limit: 1 });
    for (let i = 0; i < 5; i++) {
      readOld.push((await time(() => storage.scans.getSnapshot(Math.ceil(last.id / 2)))).ms);
      diff.push((await time(() => storage.scans.diff(1, last.id))).ms);
      history.push((await time(() => storage.scans.history("svc-007"))).ms);
    }
    if (run === 0) {
      const status = await storage.status();
      rows = {
        dailyScans: days,
        pairsPerScan: pairs,
        availabilityIntervals: status.tables.availability_intervals,
        availabilityChanges: status.tables.availability_changes,
        regions: status.tables.regions,
        services: status.tables.services,
        rowsIfOnePerPairPerScan: pairs * days,
        fileSizeBytes: status.sizeBytes,
      };
    }
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const result = {
  bench: "storage-snapshot",
  engine: "sqlite",
  regions: 39,
  services: 402,
  pairs,
  runs: RUNS,
  firstCommitMs: round(median(firstCommit)),
  dailyCommitMs: round(median(dailyCommit)),
  dailyCommitP95Ms: round([...dailyCommit].sort((a, b) => a - b)[Math.floor(dailyCommit.length * 0.95)]),
  readLatestMs: round(median(readLatest)),
  readHistoricalMs: round(median(readOld)),
  diffMs: round(median(diff)),
  historyMs: round(median(history)),
  rows,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  targets: { commitMs: 500, readLatestMs: 50 },
  pass: median(firstCommit) <= 500 && median(dailyCommit) <= 500 && median(readLatest) <= 50,
};
process.stdout.write(JSON.stringify(result) + "\n");
