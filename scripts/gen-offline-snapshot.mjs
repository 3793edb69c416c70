// Refreshes packages/sdk/data/offline-snapshot.json (the snapshot `report --offline` uses) by running a
// real scan through the built SDK against the testkit, which serves AWS's published global-infrastructure
// data (see docs/testkit.md for where that data comes from). Run after `npm run build`:
//   node scripts/gen-offline-snapshot.mjs [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { createAtlas, createResiliencePolicy, scan, serializeOfflineSnapshot } from "@aws-atlas/sdk";
import { startAwsServer } from "@aws-atlas/testkit";

const target = new URL("../packages/sdk/data/offline-snapshot.json", import.meta.url);
const server = await startAwsServer({ faults: { throttle: { ssm: false } } });
const atlas = createAtlas({ env: { AWS_ACCESS_KEY_ID: "offline", AWS_SECRET_ACCESS_KEY: "offline", AWS_ENDPOINT_URL: server.url } });
try {
  const snapshot = await scan({
    ssm: await atlas.ssm(),
    policy: createResiliencePolicy({ maxRps: 1000, concurrency: 16 }),
    now: () => new Date(),
  });
  if (!snapshot.complete) throw new Error(`scan incomplete: ${JSON.stringify(snapshot.failures.slice(0, 3))}`);
  const at = new Date(JSON.parse(readFileSync(new URL("../packages/testkit/data/global-infrastructure.json", import.meta.url), "utf8")).lastModifiedDate);
  const { stats: _stats, ...rest } = snapshot;
  const text = serializeOfflineSnapshot({ ...rest, startedAt: at, finishedAt: at, stats: { apiCalls: 0, throttled: 0, retries: 0, failures: 0 } });
  if (process.argv.includes("--check")) {
    if (readFileSync(target, "utf8") !== text) {
      console.error("offline-snapshot.json is out of date: run node scripts/gen-offline-snapshot.mjs");
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, text);
    const pairs = Object.values(snapshot.availability).reduce((n, s) => n + s.length, 0);
    console.log(JSON.stringify({ regions: snapshot.regions.length, services: snapshot.services.length, pairs }));
  }
} finally {
  await atlas.close();
  await server.stop();
}
