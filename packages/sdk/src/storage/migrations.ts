import { type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely, type Migration, type MigrationProvider, sql } from "kysely";
import type { StorageDialect } from "./database-url.js";
import { COLUMN_LIMITS as L } from "./schema.js";

/**
 * Kysely's migration bookkeeping table, renamed so it is recognisable in a shared team database.
 *
 * @example
 * await sql`select name from ${sql.table(MIGRATION_TABLE)}`.execute(storage.db);
 */
export const MIGRATION_TABLE = "atlas_migration";

/**
 * Kysely's migration lock table (see {@link MIGRATION_TABLE}).
 *
 * @example
 * new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE, migrationLockTableName: MIGRATION_LOCK_TABLE });
 */
export const MIGRATION_LOCK_TABLE = "atlas_migration_lock";

type DataType = ColumnDataType | Expression<unknown>;

/** Engine-specific column types; everything else in the migrations is portable Kysely. */
function types(dialect: StorageDialect) {
  return {
    /** A short key column compared byte-wise on every engine (PG "C" collation; MySQL tables use utf8mb4_bin). */
    key: (length: number): DataType =>
      dialect === "postgres" ? sql`varchar(${sql.raw(String(length))}) collate "C"` : (`varchar(${length})` as ColumnDataType),
    text: (length: number): DataType => `varchar(${length})` as ColumnDataType,
    timestamp: "varchar(32)" as ColumnDataType,
    /** JSON and bodies up to 16 MB (MySQL TEXT stops at 64 KB). */
    longText: (dialect === "mysql" ? sql`longtext` : "text") as DataType,
    money: (dialect === "postgres" ? "numeric(30, 10)" : dialect === "mysql" ? "decimal(30, 10)" : "text") as DataType,
  };
}

function tableOptions<T extends string, C extends string>(
  dialect: StorageDialect,
  builder: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C> {
  return dialect === "mysql" ? builder.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`) : builder;
}

function withId<T extends string>(dialect: StorageDialect, builder: CreateTableBuilder<T, never>) {
  return dialect === "postgres"
    ? builder.addColumn("id", "serial", (col) => col.primaryKey())
    : builder.addColumn("id", "integer", (col) => col.primaryKey().autoIncrement());
}

function initial(dialect: StorageDialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await tableOptions(
        dialect,
        withId(dialect, db.schema.createTable("scans"))
          .addColumn("started_at", t.timestamp, (c) => c.notNull())
          .addColumn("finished_at", t.timestamp, (c) => c.notNull())
          .addColumn("committed_at", t.timestamp, (c) => c.notNull())
          .addColumn("complete", "smallint", (c) => c.notNull())
          .addColumn("source", t.text(16), (c) => c.notNull())
          .addColumn("api_calls", "integer", (c) => c.notNull())
          .addColumn("throttled", "integer", (c) => c.notNull())
          .addColumn("retries", "integer", (c) => c.notNull())
          .addColumn("failures_count", "integer", (c) => c.notNull())
          .addColumn("failures", t.longText, (c) => c.notNull())
          .addColumn("region_count", "integer", (c) => c.notNull())
          .addColumn("service_count", "integer", (c) => c.notNull())
          .addColumn("pair_count", "integer", (c) => c.notNull())
          .addColumn("empty_regions", t.longText, (c) => c.notNull()),
      ).execute();
      await db.schema.createIndex("scans_complete_id_idx").on("scans").columns(["complete", "id"]).execute();

      await tableOptions(
        dialect,
        withId(dialect, db.schema.createTable("regions"))
          .addColumn("code", t.key(L.regionCode), (c) => c.notNull())
          .addColumn("name", t.text(L.name), (c) => c.notNull())
          .addColumn("partition", t.text(L.partition), (c) => c.notNull())
          .addColumn("domain", t.text(L.name))
          .addColumn("geolocation_country", t.text(L.short))
          .addColumn("geolocation_region", t.text(L.short))
          .addColumn("availability_zones", t.longText, (c) => c.notNull())
          .addColumn("local_zones", t.longText, (c) => c.notNull())
          .addColumn("first_seen_scan", "integer", (c) => c.notNull())
          .addColumn("last_seen_scan", "integer", (c) => c.notNull())
          .addForeignKeyConstraint("regions_first_fk", ["first_seen_scan"], "scans", ["id"])
          .addForeignKeyConstraint("regions_last_fk", ["last_seen_scan"], "scans", ["id"]),
      ).execute();
      await db.schema.createIndex("regions_last_seen_idx").on("regions").columns(["last_seen_scan", "code"]).execute();
      await db.schema.createIndex("regions_first_seen_idx").on("regions").columns(["first_seen_scan"]).execute();

      await tableOptions(
        dialect,
        withId(dialect, db.schema.createTable("services"))
          .addColumn("code", t.key(L.serviceCode), (c) => c.notNull())
          .addColumn("name", t.text(L.name), (c) => c.notNull())
          .addColumn("first_seen_scan", "integer", (c) => c.notNull())
          .addColumn("last_seen_scan", "integer", (c) => c.notNull())
          .addForeignKeyConstraint("services_first_fk", ["first_seen_scan"], "scans", ["id"])
          .addForeignKeyConstraint("services_last_fk", ["last_seen_scan"], "scans", ["id"]),
      ).execute();
      await db.schema.createIndex("services_last_seen_idx").on("services").columns(["last_seen_scan", "code"]).execute();
      await db.schema.createIndex("services_first_seen_idx").on("services").columns(["first_seen_scan"]).execute();

      await tableOptions(
        dialect,
        withId(dialect, db.schema.createTable("availability_intervals"))
          .addColumn("region", t.key(L.regionCode), (c) => c.notNull())
          .addColumn("service", t.key(L.serviceCode), (c) => c.notNull())
          .addColumn("first_seen_scan", "integer", (c) => c.notNull())
          .addColumn("last_seen_scan", "integer", (c) => c.notNull())
          .addForeignKeyConstraint("intervals_first_fk", ["first_seen_scan"], "scans", ["id"])
          .addForeignKeyConstraint("intervals_last_fk", ["last_seen_scan"], "scans", ["id"]),
      ).execute();
      // The latest snapshot is one range read of this index, already in (region, service) order.
      await db.schema
        .createIndex("intervals_last_seen_idx")
        .on("availability_intervals")
        .columns(["last_seen_scan", "region", "service"])
        .execute();
      await db.schema
        .createIndex("intervals_service_idx")
        .on("availability_intervals")
        .columns(["service", "region", "first_seen_scan"])
        .execute();
      await db.schema.createIndex("intervals_first_seen_idx").on("availability_intervals").columns(["first_seen_scan"]).execute();

      await tableOptions(
        dialect,
        withId(dialect, db.schema.createTable("availability_changes"))
          .addColumn("scan_id", "integer", (c) => c.notNull())
          .addColumn("region", t.key(L.regionCode), (c) => c.notNull())
          .addColumn("service", t.key(L.serviceCode), (c) => c.notNull())
          .addColumn("kind", t.text(8), (c) => c.notNull())
          .addColumn("at", t.timestamp, (c) => c.notNull())
          .addForeignKeyConstraint("changes_scan_fk", ["scan_id"], "scans", ["id"], (fk) => fk.onDelete("cascade")),
      ).execute();
      await db.schema.createIndex("changes_scan_idx").on("availability_changes").columns(["scan_id"]).execute();
      await db.schema.createIndex("changes_service_idx").on("availability_changes").columns(["service", "region"]).execute();

      await tableOptions(
        dialect,
        db.schema
          .createTable("scan_partials")
          .addColumn("scan_id", "integer", (c) => c.primaryKey())
          .addColumn("body", t.longText, (c) => c.notNull())
          .addForeignKeyConstraint("partials_scan_fk", ["scan_id"], "scans", ["id"], (fk) => fk.onDelete("cascade")),
      ).execute();

      // The natural key is the primary key, ordered so that it also serves period range aggregations
      // (equality on granularity, metric, dimension_key; range on period_start). SQLite stores the table
      // clustered on it (WITHOUT ROWID), so aggregations read no second structure.
      let ledger = tableOptions(
        dialect,
        db.schema
          .createTable("cost_ledger")
          .addColumn("granularity", t.key(8), (c) => c.notNull())
          .addColumn("metric", t.key(L.metric), (c) => c.notNull())
          .addColumn("dimension_key", t.key(L.dimensionKey), (c) => c.notNull())
          .addColumn("period_start", t.key(20), (c) => c.notNull())
          .addColumn("service", t.key(L.costService), (c) => c.notNull())
          .addColumn("account", t.key(L.account), (c) => c.notNull())
          .addColumn("region", t.key(L.costRegion), (c) => c.notNull())
          .addColumn("usage_type", t.key(L.usageType), (c) => c.notNull())
          .addColumn("dimension_value", t.key(L.dimensionValue), (c) => c.notNull())
          .addColumn("amount", t.money, (c) => c.notNull())
          .addColumn("unit", t.text(L.unit), (c) => c.notNull())
          .addColumn("estimated", "smallint", (c) => c.notNull())
          .addColumn("final", "smallint", (c) => c.notNull())
          .addColumn("fetched_at", t.timestamp, (c) => c.notNull())
          .addPrimaryKeyConstraint("cost_ledger_pk", [
            "granularity",
            "metric",
            "dimension_key",
            "period_start",
            "service",
            "account",
            "region",
            "usage_type",
            "dimension_value",
          ]),
      );
      if (dialect === "sqlite") ledger = ledger.modifyEnd(sql`without rowid`);
      await ledger.execute();

      await tableOptions(
        dialect,
        db.schema
          .createTable("api_cache")
          .addColumn("key", t.key(L.cacheKey), (c) => c.primaryKey())
          .addColumn("kind", t.key(L.cacheKind), (c) => c.notNull())
          .addColumn("body", t.longText, (c) => c.notNull())
          .addColumn("size_bytes", "integer", (c) => c.notNull())
          .addColumn("final", "smallint", (c) => c.notNull())
          .addColumn("expires_at", t.timestamp)
          .addColumn("created_at", t.timestamp, (c) => c.notNull()),
      ).execute();
      await db.schema.createIndex("api_cache_expires_idx").on("api_cache").columns(["final", "expires_at"]).execute();

      await tableOptions(
        dialect,
        withId(dialect, db.schema.createTable("query_history"))
          .addColumn("created_at", t.timestamp, (c) => c.notNull())
          .addColumn("source", t.key(16), (c) => c.notNull())
          .addColumn("kind", t.key(32), (c) => c.notNull())
          .addColumn("question", t.longText)
          .addColumn("query", t.longText)
          .addColumn("duration_ms", "integer")
          .addColumn("paid_requests", "integer", (c) => c.notNull())
          .addColumn("cached_requests", "integer", (c) => c.notNull())
          .addColumn("error", t.longText),
      ).execute();
      await db.schema.createIndex("query_history_created_idx").on("query_history").columns(["created_at"]).execute();

      await tableOptions(
        dialect,
        db.schema
          .createTable("report_jobs")
          .addColumn("id", t.key(36), (c) => c.primaryKey())
          .addColumn("status", t.key(16), (c) => c.notNull())
          .addColumn("config", t.longText, (c) => c.notNull())
          .addColumn("created_at", t.timestamp, (c) => c.notNull())
          .addColumn("updated_at", t.timestamp, (c) => c.notNull())
          .addColumn("started_at", t.timestamp)
          .addColumn("finished_at", t.timestamp)
          .addColumn("file_path", t.text(1024))
          .addColumn("error", t.longText),
      ).execute();
      await db.schema.createIndex("report_jobs_status_idx").on("report_jobs").columns(["status", "created_at"]).execute();

      await tableOptions(
        dialect,
        db.schema
          .createTable("preferences")
          .addColumn("key", t.key(L.preferenceKey), (c) => c.primaryKey())
          .addColumn("value", t.longText, (c) => c.notNull())
          .addColumn("updated_at", t.timestamp, (c) => c.notNull()),
      ).execute();

      await tableOptions(
        dialect,
        withId(dialect, db.schema.createTable("audit_log"))
          .addColumn("at", t.timestamp, (c) => c.notNull())
          .addColumn("actor", t.key(L.name), (c) => c.notNull())
          .addColumn("action", t.key(L.short), (c) => c.notNull())
          .addColumn("target", t.text(1024))
          .addColumn("details", t.longText),
      ).execute();
      await db.schema.createIndex("audit_log_at_idx").on("audit_log").columns(["at"]).execute();

      await tableOptions(dialect, db.schema.createTable("atlas_locks").addColumn("name", t.key(64), (c) => c.primaryKey())).execute();
      await db
        .insertInto("atlas_locks" as never)
        .values([{ name: "scans" }, { name: "ledger" }] as never)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        "atlas_locks",
        "audit_log",
        "preferences",
        "report_jobs",
        "query_history",
        "api_cache",
        "cost_ledger",
        "scan_partials",
        "availability_changes",
        "availability_intervals",
        "services",
        "regions",
        "scans",
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

/**
 * The migrations of aws-atlas, in order, for one engine. Names sort in application order.
 *
 * @example
 * const names = Object.keys(storageMigrations("sqlite")); // ["0001_initial"]
 */
export function storageMigrations(dialect: StorageDialect): Record<string, Migration> {
  return { "0001_initial": initial(dialect) };
}

/**
 * A Kysely migration provider serving the in-code migrations (no file system).
 *
 * @example
 * new Migrator({ db, provider: createMigrationProvider("postgres"), migrationTableName: MIGRATION_TABLE });
 */
export function createMigrationProvider(dialect: StorageDialect): MigrationProvider {
  return { getMigrations: () => Promise.resolve(storageMigrations(dialect)) };
}
