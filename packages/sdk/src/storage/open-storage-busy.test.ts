// Opening a SQLite file that another connection is locking waits (up to the busy timeout) instead of
// failing with "database is locked". Two processes opening one new file at once both switch it to WAL;
// SQLite breaks that lock-upgrade deadlock by answering one of them SQLITE_BUSY at once, without the
// busy handler, so opening retries the pragmas itself (the two-process race is exercised by
// concurrency.test.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStorage } from "./open-storage.js";

const dir = mkdtempSync(join(tmpdir(), "atlas-busy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Another connection (a worker thread, like another process) holds an exclusive lock for `ms`. */
async function holdExclusiveLock(file: string, ms: number): Promise<Worker> {
  const worker = new Worker(
    `const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
     const { parentPort, workerData } = require("node:worker_threads");
     const db = new Database(workerData.file);
     db.exec("BEGIN EXCLUSIVE");
     db.exec("CREATE TABLE IF NOT EXISTS held (x)");
     parentPort.postMessage("locked");
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec("COMMIT");
     db.close();`,
    { eval: true, workerData: { file, ms } },
  );
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  return worker;
}

describe("opening a SQLite file another connection is locking", () => {
  it("waits for the lock instead of failing with database is locked", async () => {
    const file = join(dir, "new.db");
    const worker = await holdExclusiveLock(file, 300);
    const storage = await openStorage({ url: `sqlite:${file}`, busyTimeoutMs: 5_000 });
    try {
      expect((await storage.status()).schemaVersion).toBeGreaterThan(0);
    } finally {
      await storage.close();
      await worker.terminate();
    }
    const check = new Database(file, { readonly: true });
    expect(check.pragma("journal_mode", { simple: true })).toBe("wal");
    check.close();
  });

  it("still fails, with DATABASE_UNAVAILABLE, when the lock outlasts the busy timeout", async () => {
    const file = join(dir, "held.db");
    const worker = await holdExclusiveLock(file, 1_500);
    try {
      await expect(openStorage({ url: `sqlite:${file}`, busyTimeoutMs: 200 })).rejects.toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    } finally {
      await worker.terminate();
    }
  });
});
