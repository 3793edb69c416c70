/**
 * A separate process that writes to storage, for the concurrency and crash tests.
 * Usage: node --import tsx commit-child.ts URL commit|hang SEED COUNT
 *   commit: print READY, wait for a line on stdin (so siblings start together), open the database
 *           (migrating it), then commit COUNT snapshots, printing {"i","scanId"} per line.
 *   hang:   start committing one snapshot, print IN_TRANSACTION while the transaction is open,
 *           then block until killed.
 */
import { writeSync } from "node:fs";
import type { Logger } from "../../logger.js";
import { openStorage } from "../open-storage.js";
import { childSnapshot } from "./snapshots.js";


const [url = "", mode = "commit", seedText = "1", countText = "1"] = process.argv.slice(2);
const seed = Number(seedText);
const print = (line: string) => writeSync(1, `${line}\n`);

if (mode === "commit") {
  print("READY");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  process.stdin.pause();
}

const logger: Logger = {
  debug(message) {
    if (mode === "hang" && message === "storage: committing scan") {
      print("IN_TRANSACTION");
      // Block the whole process inside the open transaction until the parent kills it.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
    }
  },
  info() {},
  warn() {},
  error() {},
};

const storage = await openStorage({ url, logger });
const count = mode === "hang" ? 1 : Number(countText);
for (let i = 0; i < count; i++) {
  const { scanId } = await storage.scans.commitScan(childSnapshot(seed, i));
  print(JSON.stringify({ i, scanId }));
}
await storage.close();
