import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, MysqlDialect, PostgresDialect, sql } from "kysely";
import type pg from "pg";
import { type Clock, systemClock } from "../clock.js";
import { AtlasError } from "../errors.js";
import { type Logger, noopLogger } from "../logger.js";
import { type AuditLogRepository, createAuditLogRepository } from "./audit-log-repository.js";
import { type CacheRepository, createCacheRepository } from "./cache-repository.js";
import { type DatabaseUrl, parseDatabaseUrl, type ServerDatabaseUrl, type StorageDialect } from "./database-url.js";
import { createLedgerRepository, type LedgerRepository } from "./ledger-repository.js";
import { createMigrationProvider, MIGRATION_LOCK_TABLE, MIGRATION_TABLE, storageMigrations } from "./migrations.js";
import { createPreferenceRepository, type PreferenceRepository } from "./preference-repository.js";
import { createQueryHistoryRepository, type QueryHistoryRepository } from "./query-history-repository.js";
import { createReportJobRepository, type ReportJobRepository } from "./report-job-repository.js";
import { createScanRepository, type ScanRepository } from "./scan-repository.js";
import { type AtlasDatabase, STORAGE_TABLES, type StorageTable } from "./schema.js";
import { ImmediateSqliteDialect } from "./sqlite-dialect.js";
import {
  chunk,
  driverReason,
  guarded,
  mapRuntimeError,
  type StorageContext,
  tableExists,
  throwIfAborted,
  toNumber,
  writeTransaction,
} from "./sql-helpers.js";

/** Options for {@link openStorage}. */
export interface OpenStorageOptions {
  /** `sqlite:PATH`, `sqlite::memory:`, `postgres://...`, `mysql://...` (see {@link DEFAULT_DATABASE_URL}). */
  url: string;
  /** Replaces `~` in SQLite paths; defaults to the user's home directory. */
  homeDir?: string;
  /** Base of relative SQLite paths; defaults to the working directory. */
  cwd?: string;
  /** Apply pending migrations on open (default true). A schema newer than the code is never touched. */
  migrate?: boolean;
  logger?: Logger;
  clock?: Clock;
  /** How long a SQLite writer waits for another process's write lock (default 10 s). */
  busyTimeoutMs?: number;
  /** How long to wait for a PostgreSQL/MySQL connection (default 5 s). */
  connectTimeoutMs?: number;
  /** Connections per pool for PostgreSQL/MySQL (default 5). */
  poolSize?: number;
}

/** Options for {@link createStorage}: wrap a Kysely instance you built yourself. */
export interface CreateStorageOptions {
  db: Kysely<AtlasDatabase>;
  dialect: StorageDialect;
  /** The better-sqlite3 handle behind `db`, which enables the bulk ledger fast path. */
  sqlite?: BetterSqlite3.Database;
  logger?: Logger;
  clock?: Clock;
  /** How to name the database in messages (no secrets). */
  location?: string;
}

/** What {@link Storage.migrate} applied. */
export interface MigrateResult {
  applied: string[];
  schemaVersion: number;
}

/** What {@link Storage.status} reports. */
export interface StorageStatus {
  dialect: StorageDialect;
  location: string;
  /** Number of the last applied migration (0 for an empty database). */
  schemaVersion: number;
  latestSchemaVersion: number;
  pendingMigrations: string[];
  /** Database size on disk where the engine reports it. */
  sizeBytes: number | null;
  /** Row count per table (0 for tables not created yet). */
  tables: Record<StorageTable, number>;
  latestScanId: number | null;
}

/** Options for {@link Storage.prune}. */
export interface PruneOptions {
  /** Keep this many days of scans, history and logs. */
  keepDays: number;
  now?: Date;
  signal?: AbortSignal;
}

/** What {@link Storage.prune} deleted. */
export interface PruneResult {
  cutoff: Date;
  /** The oldest complete scan kept (history before it is folded into it), if any. */
  oldestKeptScanId: number | null;
  deleted: Partial<Record<StorageTable, number>>;
}

/** An open database with the aws-atlas schema and its repositories. */
export interface Storage {
  readonly db: Kysely<AtlasDatabase>;
  readonly dialect: StorageDialect;
  /** Where the database is, without secrets. */
  readonly location: string;
  readonly scans: ScanRepository;
  readonly ledger: LedgerRepository;
  readonly cache: CacheRepository;
  readonly reportJobs: ReportJobRepository;
  readonly queryHistory: QueryHistoryRepository;
  readonly preferences: PreferenceRepository;
  readonly auditLog: AuditLogRepository;
  /**
   * Apply pending migrations. Throws SCHEMA_TOO_NEW without changing anything when the database
   * was migrated by a newer aws-atlas.
   *
   * @example
   * const { applied } = await storage.migrate();
   */
  migrate(): Promise<MigrateResult>;
  /**
   * Engine, schema version, size and row counts.
   *
   * @example
   * const { schemaVersion, tables } = await storage.status();
   */
  status(): Promise<StorageStatus>;
  /**
   * Retention: delete scans, change events, history and logs older than `keepDays`, and expired
   * non-final cache entries. The latest complete scan is always kept; intervals that began before
   * the oldest kept scan start at it. The cost ledger and final cache entries are never pruned.
   *
   * @example
   * await storage.prune({ keepDays: 365 });
   */
  prune(options: PruneOptions): Promise<PruneResult>;
  /**
   * Close the connections. Idempotent.
   *
   * @example
   * await storage.close();
   */
  close(): Promise<void>;
}

const MIGRATION_NAMES = Object.keys(storageMigrations("sqlite")).sort();
const versionOf = (name: string | undefined) => (name === undefined ? 0 : Number.parseInt(name.slice(0, 4), 10));

/**
 * Open (and by default migrate) the database named by a URL.
 *
 * @example
 * const storage = await openStorage({ url: "sqlite:~/.aws-atlas/atlas.db" });
 * try { console.log(await storage.scans.latestSnapshot()); } finally { await storage.close(); }
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  const url = parseDatabaseUrl(options.url, { homeDir: options.homeDir, cwd: options.cwd });
  const logger = options.logger ?? noopLogger;
  const connection = await connect(url, options, logger);
  const storage = createStorage({ ...connection, dialect: url.dialect, logger, clock: options.clock, location: url.redacted });
  try {
    if (options.migrate ?? true) await storage.migrate();
    else await assertSchemaNotTooNew(connection.db, url.dialect, url.redacted);
  } catch (error) {
    await storage.close();
    throw error;
  }
  logger.debug("storage: opened", { dialect: url.dialect, location: url.redacted });
  return storage;
}

/**
 * Build a {@link Storage} around an existing Kysely instance (no connection check, no migration).
 *
 * @example
 * const storage = createStorage({ db: new Kysely<AtlasDatabase>({ dialect }), dialect: "postgres" });
 * await storage.migrate();
 */
export function createStorage(options: CreateStorageOptions): Storage {
  const ctx: StorageContext = {
    db: options.db,
    dialect: options.dialect,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? noopLogger,
    sqlite: options.sqlite,
    location: options.location ?? `${options.dialect} database`,
  };
  let closed = false;
  return {
    db: ctx.db,
    dialect: ctx.dialect,
    location: ctx.location,
    scans: createScanRepository(ctx),
    ledger: createLedgerRepository(ctx),
    cache: createCacheRepository(ctx),
    reportJobs: createReportJobRepository(ctx),
    queryHistory: createQueryHistoryRepository(ctx),
    preferences: createPreferenceRepository(ctx),
    auditLog: createAuditLogRepository(ctx),
    migrate: () => migrate(ctx),
    status: () => status(ctx),
    prune: (pruneOptions) => prune(ctx, pruneOptions),
    async close() {
      if (closed) return;
      closed = true;
      await ctx.db.destroy();
    },
  };
}

async function connect(
  url: DatabaseUrl,
  options: OpenStorageOptions,
  logger: Logger,
): Promise<{ db: Kysely<AtlasDatabase>; sqlite?: BetterSqlite3.Database }> {
  if (url.dialect === "sqlite") return connectSqlite(url.path, options.busyTimeoutMs ?? 10_000);
  const timeout = options.connectTimeoutMs ?? 5_000;
  const poolSize = options.poolSize ?? 5;
  // Drivers load on demand: an SQLite user never pays for pg or mysql2 at start-up.
  const db =
    url.dialect === "postgres"
      ? new Kysely<AtlasDatabase>({ dialect: new PostgresDialect({ pool: await postgresPool(url, timeout, poolSize, logger) }) })
      : new Kysely<AtlasDatabase>({ dialect: new MysqlDialect({ pool: await mysqlPool(url, timeout, poolSize) }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw unreachable(url, error);
  }
  return { db };
}

function connectSqlite(path: string, busyTimeoutMs: number): { db: Kysely<AtlasDatabase>; sqlite: BetterSqlite3.Database } {
  let raw: BetterSqlite3.Database | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    raw = new BetterSqlite3(path, { timeout: busyTimeoutMs });
    const db = raw;
    // WAL: readers never block the writer; NORMAL is durable across application crashes in WAL mode.
    // Two processes switching one new file to WAL at once deadlock on the lock upgrade, and SQLite answers
    // one of them SQLITE_BUSY without calling the busy handler: retry within the busy timeout.
    retryWhileBusy(() => db.pragma("journal_mode = WAL"), busyTimeoutMs);
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  } catch (error) {
    raw?.close();
    throw new AtlasError("DATABASE_UNAVAILABLE", `Cannot open SQLite database ${path}: ${driverReason(error)}`, {
      hint: "Check the path in --db / AWS_ATLAS_DB, its permissions, and that it is a SQLite file",
      cause: error,
    });
  }
  return { db: new Kysely<AtlasDatabase>({ dialect: new ImmediateSqliteDialect({ database: raw }) }), sqlite: raw };
}

/** Run `action`, retrying it while SQLite answers SQLITE_BUSY, for at most `timeoutMs`. */
function retryWhileBusy<T>(action: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      return action();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== "string" || !code.startsWith("SQLITE_BUSY") || Date.now() >= deadline) throw error;
      // a synchronous pause: opening is synchronous in better-sqlite3, and the other process needs only a moment
      Atomics.wait(pause, 0, 0, Math.min(100, 5 * 2 ** attempt));
    }
  }
}

async function postgresPool(url: ServerDatabaseUrl, timeout: number, max: number, logger: Logger): Promise<pg.Pool> {
  const { default: driver } = await import("pg");
  const pool = new driver.Pool({
    connectionString: url.url,
    max,
    connectionTimeoutMillis: timeout,
    application_name: "aws-atlas",
  });
  // An idle client losing its server emits on the pool; unhandled, that would crash the process.
  pool.on("error", (error) => logger.warn("storage: idle PostgreSQL connection failed", { reason: driverReason(error) }));
  return pool;
}

async function mysqlPool(url: ServerDatabaseUrl, timeout: number, connectionLimit: number) {
  const { createPool } = await import("mysql2");
  return createPool({
    host: url.host,
    port: url.port,
    user: url.user,
    ...(url.password === undefined ? {} : { password: url.password }),
    database: url.database,
    connectionLimit,
    connectTimeout: timeout,
    charset: "utf8mb4",
    timezone: "Z",
    supportBigNumbers: true,
    ...(url.params.ssl === "true" || url.params.ssl === "1" ? { ssl: {} } : {}),
  });
}

function unreachable(url: ServerDatabaseUrl, error: unknown): AtlasError {
  let reason = driverReason(error).split("\n")[0] ?? "";
  if (url.password !== undefined && url.password !== "") reason = reason.split(url.password).join("***");
  const engine = url.dialect === "postgres" ? "PostgreSQL" : "MySQL";
  return new AtlasError(
    "DATABASE_UNAVAILABLE",
    `Cannot connect to ${engine} at ${url.host}:${url.port} (database "${url.database}", user "${url.user}"): ${reason}`,
    { hint: "Check that the server is running and the URL in --db / AWS_ATLAS_DB is right", cause: error },
  );
}

interface MigrationState {
  applied: string[];
  pending: string[];
  unknown: string[];
}

async function migrationState(db: Kysely<AtlasDatabase>, dialect: StorageDialect): Promise<MigrationState> {
  const applied = (await tableExists(db, dialect, MIGRATION_TABLE))
    ? (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db)).rows.map((r) => r.name)
    : [];
  return {
    applied,
    pending: MIGRATION_NAMES.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !MIGRATION_NAMES.includes(name)),
  };
}

function tooNew(location: string, state: MigrationState): AtlasError {
  const newest = state.applied[state.applied.length - 1];
  return new AtlasError(
    "SCHEMA_TOO_NEW",
    `Database ${location} has schema version ${versionOf(newest)} (${newest ?? "?"}) but this aws-atlas knows only up to ${versionOf(MIGRATION_NAMES[MIGRATION_NAMES.length - 1])}`,
    { hint: "Upgrade aws-atlas to use this database; nothing was changed" },
  );
}

async function assertSchemaNotTooNew(db: Kysely<AtlasDatabase>, dialect: StorageDialect, location: string): Promise<MigrationState> {
  const state = await guarded({ location }, migrationState(db, dialect));
  if (state.unknown.length > 0) throw tooNew(location, state);
  return state;
}

async function migrate(ctx: StorageContext): Promise<MigrateResult> {
  const state = await assertSchemaNotTooNew(ctx.db, ctx.dialect, ctx.location);
  if (state.pending.length === 0) return { applied: [], schemaVersion: versionOf(state.applied[state.applied.length - 1]) };
  const migrator = new Migrator({
    db: ctx.db,
    provider: createMigrationProvider(ctx.dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const applied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
  for (const name of applied) ctx.logger.info("storage: applied migration", { migration: name, location: ctx.location });
  if (error !== undefined) {
    // Another process may have migrated further in the meantime.
    const after = await guarded(ctx, migrationState(ctx.db, ctx.dialect));
    if (after.unknown.length > 0) throw tooNew(ctx.location, after);
    const mapped = mapRuntimeError(error, ctx);
    if (mapped instanceof AtlasError) throw mapped;
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "a migration";
    throw new AtlasError("INTERNAL", `Migrating ${ctx.location} failed in ${failed}: ${driverReason(error)}`, { cause: error });
  }
  const after = await guarded(ctx, migrationState(ctx.db, ctx.dialect));
  return { applied, schemaVersion: versionOf(after.applied[after.applied.length - 1]) };
}

async function status(ctx: StorageContext): Promise<StorageStatus> {
  const { db, dialect } = ctx;
  const state = await assertSchemaNotTooNew(db, dialect, ctx.location);
  const tables = Object.fromEntries(STORAGE_TABLES.map((t) => [t, 0])) as Record<StorageTable, number>;
  let latestScanId: number | null = null;
  if (state.applied.length > 0) {
    for (const table of STORAGE_TABLES) {
      const row = await guarded(
        ctx,
        db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst(),
      );
      tables[table] = toNumber(row?.n);
    }
    latestScanId = await ctx.db
      .selectFrom("scans")
      .select((eb) => eb.fn.max("id").as("id"))
      .where("complete", "=", 1)
      .executeTakeFirst()
      .then((r) => (r?.id === null || r?.id === undefined ? null : toNumber(r.id)));
  }
  return {
    dialect,
    location: ctx.location,
    schemaVersion: versionOf(state.applied[state.applied.length - 1]),
    latestSchemaVersion: versionOf(MIGRATION_NAMES[MIGRATION_NAMES.length - 1]),
    pendingMigrations: state.pending,
    sizeBytes: await guarded(ctx, databaseSize(ctx)),
    tables,
    latestScanId,
  };
}

async function databaseSize(ctx: StorageContext): Promise<number | null> {
  const query =
    ctx.dialect === "sqlite"
      ? sql<{ size: unknown }>`select page_count * page_size as size from pragma_page_count(), pragma_page_size()`
      : ctx.dialect === "postgres"
        ? sql<{ size: unknown }>`select pg_database_size(current_database()) as size`
        : sql<{ size: unknown }>`select coalesce(sum(data_length + index_length), 0) as size from information_schema.tables where table_schema = database()`;
  const { rows } = await query.execute(ctx.db);
  const size = rows[0]?.size;
  return size === undefined || size === null ? null : toNumber(size);
}

const DAY_MS = 86_400_000;

async function prune(ctx: StorageContext, options: PruneOptions): Promise<PruneResult> {
  if (!Number.isInteger(options.keepDays) || options.keepDays < 0) {
    throw new AtlasError("INVALID_ARGUMENT", `keepDays must be a whole number of days, got ${options.keepDays}`);
  }
  throwIfAborted(options.signal);
  const now = options.now ?? ctx.clock.now();
  const cutoff = new Date(now.getTime() - options.keepDays * DAY_MS);
  const cutoffIso = cutoff.toISOString();
  return writeTransaction(ctx, "scans", async (trx) => {
    const deleted: Partial<Record<StorageTable, number>> = {};
    const count = (table: StorageTable, result: { numDeletedRows: bigint }) => {
      deleted[table] = (deleted[table] ?? 0) + Number(result.numDeletedRows);
    };
    const latest = await trx
      .selectFrom("scans")
      .select((eb) => eb.fn.max("id").as("id"))
      .where("complete", "=", 1)
      .executeTakeFirst();
    const latestId = latest?.id === null || latest?.id === undefined ? null : toNumber(latest.id);
    const recent = await trx
      .selectFrom("scans")
      .select((eb) => eb.fn.min("id").as("id"))
      .where("complete", "=", 1)
      .where("finished_at", ">=", cutoffIso)
      .executeTakeFirst();
    const keepFrom = recent?.id === null || recent?.id === undefined ? latestId : toNumber(recent.id);

    let doomed = trx.selectFrom("scans").select("id").where((eb) => eb.and([eb("complete", "=", 0), eb("finished_at", "<", cutoffIso)]));
    if (keepFrom !== null) {
      for (const table of ["availability_intervals", "regions", "services"] as const) {
        count(table, await trx.deleteFrom(table).where("last_seen_scan", "<", keepFrom).executeTakeFirst());
        await trx.updateTable(table).set({ first_seen_scan: keepFrom }).where("first_seen_scan", "<", keepFrom).execute();
      }
      doomed = trx
        .selectFrom("scans")
        .select("id")
        .where((eb) =>
          eb.or([
            eb.and([eb("complete", "=", 1), eb("id", "<", keepFrom)]),
            eb.and([eb("complete", "=", 0), eb("finished_at", "<", cutoffIso)]),
          ]),
        );
    }
    const ids = (await doomed.execute()).map((r) => r.id);
    for (const batch of chunk(ids, 500)) {
      count("availability_changes", await trx.deleteFrom("availability_changes").where("scan_id", "in", batch).executeTakeFirst());
      count("scan_partials", await trx.deleteFrom("scan_partials").where("scan_id", "in", batch).executeTakeFirst());
      count("scans", await trx.deleteFrom("scans").where("id", "in", batch).executeTakeFirst());
    }
    count(
      "api_cache",
      await trx.deleteFrom("api_cache").where("final", "=", 0).where("expires_at", "<=", now.toISOString()).executeTakeFirst(),
    );
    count("query_history", await trx.deleteFrom("query_history").where("created_at", "<", cutoffIso).executeTakeFirst());
    count("audit_log", await trx.deleteFrom("audit_log").where("at", "<", cutoffIso).executeTakeFirst());
    count(
      "report_jobs",
      await trx
        .deleteFrom("report_jobs")
        .where("status", "in", ["completed", "failed"])
        .where("updated_at", "<", cutoffIso)
        .executeTakeFirst(),
    );
    ctx.logger.info("storage: pruned", { cutoff: cutoffIso, deleted });
    return { cutoff, oldestKeptScanId: keepFrom, deleted };
  });
}
