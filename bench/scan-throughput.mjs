// Full availability scan against the testkit at AWS's standard Parameter Store limit (40 TPS) with 40 ms
// latency, using the default resilience policy (maxRps 40). Prints one JSON line.
// Targets: apiCalls <= 1.03 x pageMinimum; wallMs <= 1.15 x idealMs (apiCalls / 40 per second).
// Uses packages/sdk/dist when it exports the scan API, else the TypeScript sources through tsx.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

async function loadSdk() {
  const dist = join(root, "packages/sdk/dist/index.js");
  if (existsSync(dist)) {
    const sdk = await import(pathToFileURL(dist).href);
    if (typeof sdk.scan === "function" && typeof sdk.createSsmPort === "function") return { sdk, from: "dist" };
  }
  const { tsImport } = await import("tsx/esm/api");
  const load = (path) => tsImport(pathToFileURL(join(root, "packages/sdk/src", path)).href, import.meta.url);
  const [aws, resilience, infrastructure] = await Promise.all([load("aws/index.ts"), load("resilience/index.ts"), load("infrastructure/index.ts")]);
  return { sdk: { ...aws, ...resilience, ...infrastructure }, from: "src" };
}

const { startAwsServer } = await import(pathToFileURL(join(root, "packages/testkit/dist/index.js")).href);
const { sdk, from } = await loadSdk();

const server = await startAwsServer({ faults: { latency: { fixedMs: 40, jitterMs: 0 }, throttle: { ssm: { tps: 40, burst: 40 } } } });
const ssm = sdk.createSsmPort({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });
const policy = sdk.createResiliencePolicy();
try {
  const started = performance.now();
  const snapshot = await sdk.scan({ ssm, policy, now: () => new Date() });
  const wallMs = Math.round(performance.now() - started);
  const { apiCalls, pageMinimum, throttled, retries } = snapshot.stats;
  const idealMs = Math.round((apiCalls / 40) * 1000);
  console.log(
    JSON.stringify({
      bench: "scan-throughput",
      sdk: from,
      apiCalls,
      pageMinimum,
      callsRatio: Number((apiCalls / pageMinimum).toFixed(4)),
      wallMs,
      idealMs,
      wallRatio: Number((wallMs / idealMs).toFixed(4)),
      throttled,
      retries,
      complete: snapshot.complete,
      regions: snapshot.regions.length,
      services: snapshot.services.length,
      pairs: Object.values(snapshot.availability).reduce((n, list) => n + list.length, 0),
    }),
  );
} finally {
  ssm.destroy();
  await server.stop();
}
