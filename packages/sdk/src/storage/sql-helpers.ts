import type BetterSqlite3 from "better-sqlite3";
import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import type { Clock } from "../clock.js";
import { AtlasError, isAtlasError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { StorageDialect } from "./database-url.js";
import type { AtlasDatabase } from "./schema.js";

/** What every repository is built from. */
export interface StorageContext {
  db: Kysely<AtlasDatabase>;
  dialect: StorageDialect;
  clock: Clock;
  logger: Logger;
  /** The raw better-sqlite3 handle, for bulk fast paths (SQLite only, when known). */
  sqlite: BetterSqlite3.Database | undefined;
  /** Where the database is, without secrets, for messages. */
  location: string;
}

/** Split a list into consecutive slices of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Code-unit order, the same as `Array.prototype.sort()` and the byte-wise collations of the schema. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** COUNT(*) and SUM(integer) come back as number, bigint or string depending on the driver. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint" || typeof value === "string") return Number(value);
  return 0;
}

/** Throw ABORTED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AtlasError("ABORTED", "The operation was cancelled", { cause: signal.reason });
}

/**
 * Run `fn` in one write transaction. SQLite takes the write lock at BEGIN (see
 * ImmediateSqliteDialect); PostgreSQL and MySQL lock a named row in `atlas_locks` first, so
 * writers of the same kind (scan commits, ledger windows) run one after another on every engine.
 */
export async function writeTransaction<T>(
  ctx: StorageContext,
  lock: "scans" | "ledger" | null,
  fn: (trx: Transaction<AtlasDatabase>) => Promise<T>,
): Promise<T> {
  const builder = ctx.dialect === "sqlite" ? ctx.db.transaction() : ctx.db.transaction().setIsolationLevel("read committed");
  try {
    return await builder.execute(async (trx) => {
      if (lock !== null && ctx.dialect !== "sqlite") {
        await trx.selectFrom("atlas_locks").select("name").where("name", "=", lock).forUpdate().execute();
      }
      return fn(trx);
    });
  } catch (error) {
    throw mapRuntimeError(error, ctx);
  }
}

/** Insert one row and return its generated integer id (RETURNING where supported, insertId on MySQL). */
export async function insertReturningId<T extends "scans" | "query_history" | "audit_log">(
  db: Kysely<AtlasDatabase>,
  dialect: StorageDialect,
  table: T,
  values: Insertable<AtlasDatabase[T]>,
): Promise<number> {
  if (dialect === "mysql") {
    const result = await db.insertInto(table).values(values).executeTakeFirstOrThrow();
    return Number(result.insertId);
  }
  const row = await db
    .insertInto(table)
    .values(values as never)
    .returning("id" as never)
    .executeTakeFirstOrThrow();
  return Number((row as { id: unknown }).id);
}

/** Whether a table exists in the current database/schema. */
export async function tableExists(db: Kysely<AtlasDatabase>, dialect: StorageDialect, name: string): Promise<boolean> {
  switch (dialect) {
    case "sqlite": {
      const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`.execute(db);
      return toNumber(rows[0]?.n) > 0;
    }
    case "postgres": {
      const { rows } = await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db);
      return rows[0]?.t !== null && rows[0]?.t !== undefined;
    }
    case "mysql": {
      const { rows } = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = database() and table_name = ${name}`.execute(db);
      return toNumber(rows[0]?.n) > 0;
    }
  }
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "ER_ACCESS_DENIED_ERROR",
  "ER_BAD_DB_ERROR",
  "ER_DBACCESS_DENIED_ERROR",
  "SQLITE_BUSY",
  "SQLITE_CANTOPEN",
  "SQLITE_NOTADB",
  "SQLITE_CORRUPT",
  "SQLITE_READONLY",
  "SQLITE_FULL",
  "SQLITE_IOERR",
  // PostgreSQL SQLSTATEs: auth failure, database missing, admin shutdown, cannot connect now.
  "28P01",
  "28000",
  "3D000",
  "57P01",
  "57P03",
]);

/** The driver's own short reason for a failure (AggregateError from dual-stack connects has no message). */
export function driverReason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return driverReason(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message !== "") return error.message;
    if (typeof code === "string") return code;
  }
  return String(error);
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError && error.errors.length > 0) return errorCode(error.errors[0]);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Whether an error means "the database cannot be reached or used", rather than a bug in a query. */
export function isUnavailableError(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && (CONNECTION_CODES.has(code) || code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_IOERR"))) return true;
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|timeout expired|connect ETIMEDOUT|Connection lost/i.test(message);
}

/** Convert connection-level failures during normal work into one-line DATABASE_UNAVAILABLE errors. */
export function mapRuntimeError(error: unknown, ctx: Pick<StorageContext, "location">): unknown {
  if (isAtlasError(error) || !isUnavailableError(error)) return error;
  const code = errorCode(error);
  const reason = code?.startsWith("SQLITE_BUSY")
    ? "the database stayed locked by another writer for longer than the busy timeout"
    : driverReason(error);
  return new AtlasError("DATABASE_UNAVAILABLE", `Database ${ctx.location} is unavailable: ${reason}`, {
    hint: "Check that the database is reachable and not locked by a long-running process, then retry",
    cause: error,
  });
}

/** Await a query, converting connection-level failures with {@link mapRuntimeError}. */
export async function guarded<T>(ctx: Pick<StorageContext, "location">, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw mapRuntimeError(error, ctx);
  }
}

/** Parse JSON stored by aws-atlas itself; a broken value is reported, not thrown at the user as a SyntaxError. */
export function parseStoredJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new AtlasError("INTERNAL", `Stored ${what} is not valid JSON`, { cause });
  }
}

/** A row limit: a positive whole number, or the default. */
export function limitOf(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new AtlasError("INVALID_ARGUMENT", `limit must be a positive whole number, got ${value}`);
  return value;
}
