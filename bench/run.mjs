// Runs every benchmark in this folder one after another (each prints one JSON line) and repeats
// those lines at the end. `npm run bench` builds first; `node bench/run.mjs NAME...` runs a subset.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs")
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
const lines = [];
let failed = 0;
for (const file of files) {
  process.stderr.write(`== ${file}\n`);
  const run = spawnSync(process.execPath, [join(here, file)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const line = run.stdout.trim().split("\n").filter(Boolean).pop() ?? "";
  if (run.status !== 0) failed++;
  lines.push(JSON.stringify({ bench: file.replace(/\.mjs$/, ""), status: run.status, result: safeJson(line) }));
}
for (const line of lines) console.log(line);
process.exitCode = failed > 0 ? 1 : 0;

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
