import type { Generated } from "kysely";

/*
 * Column conventions (the same on every engine, so reads return identical values):
 * - timestamps are ISO-8601 UTC text from Date#toISOString() (fixed width, so text order = time order);
 * - flags are small integers 0/1 (better-sqlite3 cannot bind booleans; PG booleans do not compare to 1);
 * - JSON is text; money is numeric(30,10) / decimal(30,10) / canonical decimal text in SQLite;
 * - "not broken down" ledger dimensions are '' rather than NULL, because NULLs never collide in UNIQUE keys.
 */

/** One scan: counters, failures and, for complete scans, the sizes of its snapshot. */
export interface ScansTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  committed_at: string;
  complete: number;
  source: string;
  api_calls: number;
  throttled: number;
  retries: number;
  failures_count: number;
  /** JSON array of {path, code, message}. */
  failures: string;
  region_count: number;
  service_count: number;
  pair_count: number;
  /** JSON array of region codes present in `availability` with no service (rare). */
  empty_regions: string;
}

/** A version of one region's metadata, valid over the complete scans [first_seen_scan, last_seen_scan]. */
export interface RegionsTable {
  id: Generated<number>;
  code: string;
  name: string;
  partition: string;
  domain: string | null;
  geolocation_country: string | null;
  geolocation_region: string | null;
  /** JSON array of AZ ids. */
  availability_zones: string;
  /** JSON array of local-zone ids. */
  local_zones: string;
  first_seen_scan: number;
  last_seen_scan: number;
}

/** A version of one service's name, valid over [first_seen_scan, last_seen_scan]. */
export interface ServicesTable {
  id: Generated<number>;
  code: string;
  name: string;
  first_seen_scan: number;
  last_seen_scan: number;
}

/** A region/service pair present in every complete scan from first_seen_scan to last_seen_scan. */
export interface AvailabilityIntervalsTable {
  id: Generated<number>;
  region: string;
  service: string;
  first_seen_scan: number;
  last_seen_scan: number;
}

/** A pair that appeared or disappeared in a complete scan, compared with the previous complete scan. */
export interface AvailabilityChangesTable {
  id: Generated<number>;
  scan_id: number;
  region: string;
  service: string;
  kind: "added" | "removed";
  at: string;
}

/** What an incomplete scan did observe, kept for inspection (JSON of the snapshot). */
export interface ScanPartialsTable {
  scan_id: number;
  body: string;
}

/** One amount of one Cost Explorer metric for one period and one breakdown. */
export interface CostLedgerTable {
  granularity: string;
  metric: string;
  dimension_key: string;
  period_start: string;
  service: string;
  account: string;
  region: string;
  usage_type: string;
  dimension_value: string;
  amount: string;
  unit: string;
  estimated: number;
  final: number;
  fetched_at: string;
}

/** A cached API response. */
export interface ApiCacheTable {
  key: string;
  kind: string;
  body: string;
  size_bytes: number;
  final: number;
  expires_at: string | null;
  created_at: string;
}

/** One question asked (cost query, natural-language question, ...). */
export interface QueryHistoryTable {
  id: Generated<number>;
  created_at: string;
  source: string;
  kind: string;
  question: string | null;
  query: string | null;
  duration_ms: number | null;
  paid_requests: number;
  cached_requests: number;
  error: string | null;
}

/** A report to build in the background. */
export interface ReportJobsTable {
  id: string;
  status: string;
  config: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  file_path: string | null;
  error: string | null;
}

/** A user preference (JSON value). */
export interface PreferencesTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Who did what, when. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}

/** Named rows that serialize writers on PostgreSQL and MySQL (`SELECT ... FOR UPDATE`). */
export interface AtlasLocksTable {
  name: string;
}

/**
 * The Kysely database type of aws-atlas storage.
 *
 * @example
 * const rows = await storage.db.selectFrom("scans").selectAll().execute();
 */
export interface AtlasDatabase {
  scans: ScansTable;
  regions: RegionsTable;
  services: ServicesTable;
  availability_intervals: AvailabilityIntervalsTable;
  availability_changes: AvailabilityChangesTable;
  scan_partials: ScanPartialsTable;
  cost_ledger: CostLedgerTable;
  api_cache: ApiCacheTable;
  query_history: QueryHistoryTable;
  report_jobs: ReportJobsTable;
  preferences: PreferencesTable;
  audit_log: AuditLogTable;
  atlas_locks: AtlasLocksTable;
}

/**
 * The tables aws-atlas owns, in an order that respects foreign keys when deleting (children first).
 *
 * @example
 * for (const table of STORAGE_TABLES) console.log(table);
 */
export const STORAGE_TABLES = [
  "availability_changes",
  "scan_partials",
  "availability_intervals",
  "regions",
  "services",
  "scans",
  "cost_ledger",
  "api_cache",
  "query_history",
  "report_jobs",
  "preferences",
  "audit_log",
] as const satisfies readonly (keyof AtlasDatabase)[];

/** One of {@link STORAGE_TABLES}. */
export type StorageTable = (typeof STORAGE_TABLES)[number];

/**
 * Column lengths, shared by migrations and row validation so every engine accepts the same values.
 *
 * @example
 * if (tagValue.length > COLUMN_LIMITS.dimensionValue) throw new Error("tag value too long");
 */
export const COLUMN_LIMITS = {
  regionCode: 32,
  serviceCode: 128,
  name: 255,
  partition: 32,
  account: 32,
  costService: 128,
  costRegion: 32,
  usageType: 128,
  dimensionKey: 128,
  dimensionValue: 256,
  metric: 32,
  unit: 32,
  cacheKey: 255,
  cacheKind: 64,
  preferenceKey: 191,
  short: 64,
} as const;
