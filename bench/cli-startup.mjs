// Time of whole `aws-atlas` runs that answer from stored data (Node start included): a full scan is
// stored once in a temporary SQLite file, then `where`, `region`, `services` and `cost ask --dry-run` run
// 15 times each.
// Prints one JSON line with medians. Target: <= 300 ms, and no AWS call (the server counts requests).
// Node's own start is timed between the runs (same moments, same machine load), and each command's
// median is also given over it (`overNode`), which varies less from machine to machine.
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
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
// Asynchronous: the testkit server lives in this process and must keep answering.
const exec = promisify(execFile);
const run = async (args) => {
  const started = process.hrtime.bigint();
  await exec(process.execPath, [bin, "--db", db, "--endpoint-url", server.url, ...args], { env, encoding: "utf8" });
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const repeat = async (n, fn) => {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await run(["scan", "--json", "--max-rps", "1000"]);
  const before = server.stats().totals.requests;
  const times = {};
  const commands = {
    where: ["where", "bedrock", "--json"],
    region: ["region", "eu-west-1", "--json"],
    services: ["services", "--json"],
    askDryRun: ["cost", "ask", "How much did I spend on EC2 last month by region?", "--dry-run", "--json"],
  };
  const nodeRuns = [];
  const nodeStart = () => {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    nodeRuns.push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  for (const [name, args] of Object.entries(commands)) {
    times[name] = median(
      await repeat(15, async () => {
        nodeStart();
        return run(args);
      }),
    );
  }
  const nodeOnly = median(nodeRuns);
  const awsCalls = server.stats().totals.requests - before;
  const overNode = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, Math.round(ms - nodeOnly)]));
  console.log(JSON.stringify({ whereMs: Math.round(times.where), regionMs: Math.round(times.region), servicesMs: Math.round(times.services), askDryRunMs: Math.round(times.askDryRun), nodeStartMs: Math.round(nodeOnly), overNodeMs: overNode, targetMs: 300, awsCallsWhileAnswering: awsCalls }));
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
