import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { isAtlasError } from "../errors.js";
import { MIGRATION_TABLE } from "./migrations.js";
import { openStorage } from "./open-storage.js";
import { describeEngine, storageTestEngines } from "./test-fixtures/engines.js";
import { makeSnapshot } from "./test-fixtures/snapshots.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-open-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAtlasError(error)) throw new Error(`expected an AtlasError, got ${String(error)}`);
  return { code: error.code, line: error.toLine() };
}

describe("openStorage on SQLite", () => {
  it("creates the default location under the injected home with mode 0700 and sets the pragmas", async () => {
    const home = tempDir();
    const storage = await openStorage({ url: "sqlite:~/.aws-atlas/atlas.db", homeDir: home });
    try {
      expect(statSync(join(home, ".aws-atlas")).mode & 0o777).toBe(0o700);
      expect(storage.location).toBe(`sqlite:${join(home, ".aws-atlas", "atlas.db")}`);
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(storage.db)).rows[0] as object)[0] as unknown;
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("synchronous")).toBe(1);
      expect(await pragma("foreign_keys")).toBe(1);
      expect(await pragma("busy_timeout")).toBe(10_000);
    } finally {
      await storage.close();
      await storage.close();
    }
  });

  it("reports a file that is not a database as DATABASE_UNAVAILABLE and leaves it alone", async () => {
    const path = join(tempDir(), "notes.db");
    writeFileSync(path, "these are my notes, not a database ".repeat(200));
    const before = readFileSync(path);
    const { code, line } = await failure(openStorage({ url: `sqlite:${path}` }));
    expect(code).toBe("DATABASE_UNAVAILABLE");
    expect(line).toContain(path);
    expect(line).not.toContain("\n");
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("rejects a wrong scheme before touching anything", async () => {
    const { code, line } = await failure(openStorage({ url: "redis://localhost/0" }));
    expect(code).toBe("INVALID_DATABASE_URL");
    expect(line).toMatch(/sqlite:PATH.*postgres:\/\/.*mysql:\/\//);
  });

  it("opens without migrating when asked, then migrates on demand", async () => {
    const url = `sqlite:${join(tempDir(), "a.db")}`;
    const storage = await openStorage({ url, migrate: false });
    try {
      expect(await storage.status()).toMatchObject({ schemaVersion: 0, latestSchemaVersion: 1, pendingMigrations: ["0001_initial"], latestScanId: null });
      expect(await storage.migrate()).toEqual({ applied: ["0001_initial"], schemaVersion: 1 });
      expect((await storage.status()).pendingMigrations).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});

describe("openStorage on unreachable servers", () => {
  it.each([
    ["postgres://atlas:hunter2@127.0.0.1:1/atlas", "PostgreSQL at 127.0.0.1:1"],
    ["mysql://atlas:hunter2@127.0.0.1:1/atlas", "MySQL at 127.0.0.1:1"],
  ])("%s -> DATABASE_UNAVAILABLE in one line without the password", async (url, where) => {
    const { code, line } = await failure(openStorage({ url, connectTimeoutMs: 2000 }));
    expect(code).toBe("DATABASE_UNAVAILABLE");
    expect(line).toContain(where);
    expect(line).toContain("ECONNREFUSED");
    expect(line).not.toContain("hunter2");
    expect(line).not.toContain("\n");
  });
});

for (const engine of await storageTestEngines()) {
  if (engine.name === "sqlite (memory)") continue;
  describeEngine(engine, () => {
    it("refuses a schema newer than the code, and changes nothing", async () => {
      const database = await engine.create();
      try {
        const storage = await openStorage({ url: database.url });
        const { scanId } = await storage.scans.commitScan(makeSnapshot({ regions: 2, services: 3 }));
        await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values ('0999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(storage.db);
        await storage.close();
        for (const migrate of [true, false]) {
          const { code, line } = await failure(openStorage({ url: database.url, migrate }));
          expect(code).toBe("SCHEMA_TOO_NEW");
          expect(line).toContain("schema version 999");
          expect(line).toContain("Upgrade aws-atlas");
        }
        // Still there, untouched: remove the future marker and the data reads back.
        const again = await openStorage({ url: database.url, migrate: false }).catch(() => undefined);
        expect(again).toBeUndefined();
        const raw = await openRaw(database.url);
        await sql`delete from ${sql.table(MIGRATION_TABLE)} where name = '0999_from_the_future'`.execute(raw.db);
        expect((await raw.scans.getScan(scanId)).complete).toBe(true);
        await raw.close();
      } finally {
        await database.drop();
      }
    });
  });
}

/** Open without the schema check, to inspect a database the checks refuse. */
async function openRaw(url: string) {
  const { parseDatabaseUrl } = await import("./database-url.js");
  const parsed = parseDatabaseUrl(url);
  const { createStorage } = await import("./open-storage.js");
  const { Kysely, PostgresDialect, MysqlDialect } = await import("kysely");
  const { ImmediateSqliteDialect } = await import("./sqlite-dialect.js");
  if (parsed.dialect === "sqlite") {
    const { default: BetterSqlite3 } = await import("better-sqlite3");
    const raw = new BetterSqlite3(parsed.path);
    return createStorage({ db: new Kysely({ dialect: new ImmediateSqliteDialect({ database: raw }) }), dialect: "sqlite", sqlite: raw });
  }
  if (parsed.dialect === "postgres") {
    const pg = await import("pg");
    return createStorage({ db: new Kysely({ dialect: new PostgresDialect({ pool: new pg.default.Pool({ connectionString: url }) }) }), dialect: "postgres" });
  }
  const { createPool } = await import("mysql2");
  return createStorage({ db: new Kysely({ dialect: new MysqlDialect({ pool: createPool({ uri: url }) }) }), dialect: "mysql" });
}
