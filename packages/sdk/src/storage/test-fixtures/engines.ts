import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createConnection } from "mysql2/promise";
import pg from "pg";
import { describe, it } from "vitest";

/** A database the storage tests can provision for themselves and drop afterwards. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface TestEngine {
  name: string;
  dialect: "sqlite" | "postgres" | "mysql";
  /** Why the engine cannot be used here, if it cannot. */
  unavailable: string | undefined;
  create(): Promise<TestDatabase>;
}

export const POSTGRES_ADMIN_URL = process.env.ATLAS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const MYSQL_ADMIN_URL = process.env.ATLAS_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";

const uniqueName = () => `atlas_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return `PostgreSQL not reachable at ${new URL(POSTGRES_ADMIN_URL).host} (${reason(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeMysql(): Promise<string | undefined> {
  try {
    const conn = await mysqlAdmin();
    await conn.end();
    return undefined;
  } catch (error) {
    return `MySQL/MariaDB not reachable at ${new URL(MYSQL_ADMIN_URL).host} (${reason(error)})`;
  }
}

function mysqlAdmin() {
  const u = new URL(MYSQL_ADMIN_URL);
  return createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || "root"),
    password: decodeURIComponent(u.password),
    connectTimeout: 2000,
  });
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  return error instanceof Error ? error.message || String((error as { code?: unknown }).code) : String(error);
}

/** Every engine, probed once. */
export async function storageTestEngines(): Promise<TestEngine[]> {
  const [pgReason, mysqlReason] = await Promise.all([probePostgres(), probeMysql()]);
  return [
    {
      name: "sqlite (memory)",
      dialect: "sqlite",
      unavailable: undefined,
      create: () => Promise.resolve({ url: "sqlite::memory:", drop: () => Promise.resolve() }),
    },
    {
      name: "sqlite (file)",
      dialect: "sqlite",
      unavailable: undefined,
      create: () => {
        const dir = mkdtempSync(join(tmpdir(), "atlas-storage-"));
        return Promise.resolve({ url: `sqlite:${join(dir, "atlas.db")}`, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
      },
    },
    {
      name: "postgres",
      dialect: "postgres",
      unavailable: pgReason,
      async create() {
        const name = uniqueName();
        const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        return {
          url: withDatabase(POSTGRES_ADMIN_URL, name),
          async drop() {
            const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
            await c.connect();
            await c.query(`drop database if exists ${name} with (force)`);
            await c.end();
          },
        };
      },
    },
    {
      name: "mysql",
      dialect: "mysql",
      unavailable: mysqlReason,
      async create() {
        const name = uniqueName();
        const admin = await mysqlAdmin();
        await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
        await admin.end();
        return {
          url: withDatabase(MYSQL_ADMIN_URL, name),
          async drop() {
            const c = await mysqlAdmin();
            await c.query(`drop database if exists ${name}`);
            await c.end();
          },
        };
      },
    },
  ];
}

/**
 * describe() for an engine: a clear skip locally when its server is missing; with CI=true a
 * missing server is a failing test instead.
 */
export function describeEngine(engine: TestEngine, body: () => void): void {
  if (engine.unavailable === undefined) {
    describe(engine.name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(engine.name, () => {
      it("has its database server", () => {
        throw new Error(`${engine.unavailable} — required when CI=true`);
      });
    });
    return;
  }
  describe.skip(`${engine.name} — skipped: ${engine.unavailable}`, body);
}
