// Public surface of aws-atlas storage. The SDK's index re-exports everything from here.
export { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./database-url.js";
export type { DatabaseUrl, ParseDatabaseUrlOptions, ServerDatabaseUrl, SqliteDatabaseUrl, StorageDialect } from "./database-url.js";
export { createStorage, openStorage } from "./open-storage.js";
export type {
  CreateStorageOptions,
  MigrateResult,
  OpenStorageOptions,
  PruneOptions,
  PruneResult,
  Storage,
  StorageStatus,
} from "./open-storage.js";
export type {
  AvailabilityChange,
  AvailabilityChanges,
  AvailabilityInterval,
  AvailabilityPair,
  CommitScanOptions,
  CommitScanResult,
  HistoryOptions,
  ListChangesOptions,
  LatestSnapshotOptions,
  ListScansOptions,
  ScanDiff,
  ScanPoint,
  ScanRepository,
  ScanSummary,
  ServiceHistory,
} from "./scan-repository.js";
export { COST_GRANULARITIES, LEDGER_DIMENSIONS } from "./ledger-repository.js";
export type {
  CostGranularity,
  CostLedgerRow,
  CostLedgerRowInput,
  LedgerAggregate,
  LedgerCoverageEntry,
  LedgerCoverageOptions,
  LedgerDimension,
  LedgerFilter,
  LedgerQuery,
  LedgerRepository,
  LedgerWindow,
  ReadCostRowsOptions,
  UpsertCostRowsOptions,
} from "./ledger-repository.js";
export type { CacheClearOptions, CacheEntry, CacheReadOptions, CacheRepository, CacheSetOptions, CacheStats } from "./cache-repository.js";
export { REPORT_JOB_STATUSES } from "./report-job-repository.js";
export type { CreateReportJobOptions, ListReportJobsOptions, ReportJob, ReportJobRepository, ReportJobStatus } from "./report-job-repository.js";
export type { AddQueryHistoryOptions, ListQueryHistoryOptions, QueryHistoryEntry, QueryHistoryRepository } from "./query-history-repository.js";
export type { PreferenceRepository } from "./preference-repository.js";
export type { AppendAuditLogOptions, AuditLogEntry, AuditLogRepository, ListAuditLogOptions } from "./audit-log-repository.js";
export { canonicalDecimal, LEDGER_SCALE, sumDecimals } from "./decimal.js";
export { createMigrationProvider, MIGRATION_LOCK_TABLE, MIGRATION_TABLE, storageMigrations } from "./migrations.js";
export { COLUMN_LIMITS, STORAGE_TABLES } from "./schema.js";
export type * from "./schema.js";
