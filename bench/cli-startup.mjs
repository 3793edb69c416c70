// Time of whole `aws-atlas` runs that answer from stored data (Node start included): a full scan is
// stored once in a temporary SQLite file, then `where`, `region` and `services` run 15 times each.
// Prints one JSON line with medians. Target: <= 300 ms, and no AWS call (the server counts requests).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "packages/cli/dist/bin.js");
const { startAwsServer } = await import(new URL("../packages/testkit/dist/index.js", import.meta.url).href);
const dir = mkdtempSync(join(tmpdir(), "atlas-startup-"));
const db = `sqlite:${join(dir, "atlas.db")}`;
const server = await startAwsServer({ faults: { throttle: { ssm: false } } });
const env = { ...process.env, AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench", NO_COLOR: "1" };
const run = (args) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, "--db", db, "--endpoint-url", server.url, ...args], { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  run(["scan", "--json", "--max-rps", "1000"]);
  const before = server.stats().totals.requests;
  const times = {};
  for (const [name, args] of Object.entries({ where: ["where", "bedrock", "--json"], region: ["region", "eu-west-1", "--json"], services: ["services", "--json"] })) {
    times[name] = median(Array.from({ length: 15 }, () => run(args)));
  }
  const nodeOnly = median(Array.from({ length: 15 }, () => {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    return Number(process.hrtime.bigint() - started) / 1e6;
  }));
  const awsCalls = server.stats().totals.requests - before;
  console.log(JSON.stringify({ whereMs: Math.round(times.where), regionMs: Math.round(times.region), servicesMs: Math.round(times.services), nodeStartMs: Math.round(nodeOnly), awsCallsWhileAnswering: awsCalls }));
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
