// Ledger sync of 13 months for 5 linked accounts (LINKED_ACCOUNT x SERVICE, all seven metrics) against the
// testkit's Cost Explorer, then a second sync the next day. Prints one JSON line.
// Targets: requests === minimum (the (day, account, service) groups of the window over the page size, counted
// independently from the dataset); secondSyncRequests <= 2.
// Uses packages/sdk/dist when it exports the cost API, else the TypeScript sources through tsx.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const NOW = new Date("2026-03-15T12:00:00Z");
const DAY_MS = 86_400_000;
const SEED = 11;
const ACCOUNTS = 5;
const MONTHS = 13;
const PAGE_SIZE = 200;

async function loadSdk() {
  const dist = join(root, "packages/sdk/dist/index.js");
  if (existsSync(dist)) {
    const sdk = await import(pathToFileURL(dist).href);
    if (typeof sdk.createCostService === "function" && typeof sdk.createCostExplorerPort === "function") return { sdk, from: "dist" };
  }
  const { tsImport } = await import("tsx/esm/api");
  const load = (path) => tsImport(pathToFileURL(join(root, "packages/sdk/src", path)).href, import.meta.url);
  const [aws, resilience, storage, costs, clock] = await Promise.all([
    load("aws/index.ts"),
    load("resilience/index.ts"),
    load("storage/index.ts"),
    load("costs/index.ts"),
    load("clock.ts"),
  ]);
  return { sdk: { ...aws, ...resilience, ...storage, ...costs, ...clock }, from: "src" };
}

const testkit = await import(pathToFileURL(join(root, "packages/testkit/dist/index.js")).href);
const { sdk, from } = await loadSdk();

/** Distinct (day, account, service) groups with cost from `first` to `last` epoch days: what the sync pages through. */
function groupedItems(dataset, first, last) {
  const seen = new Set();
  const { rows, lineItems } = dataset;
  for (let row = 0; row < rows.length; row++) {
    const day = rows.day[row];
    if (day < first || day > last) continue;
    const line = lineItems[rows.line[row]];
    seen.add(`${day}|${line.accountId}|${line.service}`);
  }
  return seen.size;
}

async function withServer(now, run) {
  const dataset = testkit.generateCostDataset({ seed: SEED, now, accounts: ACCOUNTS });
  const server = await testkit.startAwsServer({ now, costs: dataset, costPageSize: PAGE_SIZE, faults: { throttle: { ce: false } } });
  const ce = sdk.createCostExplorerPort({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "bench", secretAccessKey: "bench" }, env: {} });
  try {
    return await run({ dataset, server, ce });
  } finally {
    ce.destroy();
    await server.stop();
  }
}

const storage = await sdk.openStorage({ url: "sqlite::memory:" });
try {
  const policy = () => sdk.createResiliencePolicy({ maxRps: 1000, concurrency: 4 });
  const first = await withServer(NOW, async ({ dataset, server, ce }) => {
    const costs = sdk.createCostService({ ce, policy: policy(), clock: sdk.fixedClock(NOW), storage });
    const started = performance.now();
    const result = await costs.sync({ months: MONTHS });
    const ms = Math.round(performance.now() - started);
    const firstDay = Math.round(Date.parse(`${result.start}T00:00:00Z`) / DAY_MS);
    const lastDay = Math.round(Date.parse(`${result.end}T00:00:00Z`) / DAY_MS);
    const minimum = Math.ceil(groupedItems(dataset, firstDay, lastDay) / PAGE_SIZE);
    return { result, ms, minimum, paid: server.stats().costExplorer.paidRequests };
  });
  const tomorrow = new Date(NOW.getTime() + DAY_MS);
  const second = await withServer(tomorrow, async ({ server, ce }) => {
    const costs = sdk.createCostService({ ce, policy: policy(), clock: sdk.fixedClock(tomorrow), storage });
    const result = await costs.sync({ months: MONTHS });
    return { result, paid: server.stats().costExplorer.paidRequests };
  });
  console.log(
    JSON.stringify({
      bench: "cost-sync",
      sdk: from,
      months: MONTHS,
      accounts: ACCOUNTS,
      metrics: 7,
      pageSize: PAGE_SIZE,
      requests: first.paid,
      minimum: first.minimum,
      secondSyncRequests: second.paid,
      rows: first.result.rowsUpserted,
      priceUsd: first.result.priceUsd,
      ms: first.ms,
    }),
  );
} finally {
  await storage.close();
}
