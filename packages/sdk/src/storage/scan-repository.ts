import { type Kysely, type RawBuilder, type Selectable, sql, type SqlBool, type Transaction } from "kysely";
import { AtlasError } from "../errors.js";
import type { RegionInfo, ScanFailure, ScanStats, ServiceInfo, Snapshot } from "../infrastructure/snapshot.js";
import type { AtlasDatabase, RegionsTable, ScansTable } from "./schema.js";
import { failuresJson, snapshotFromJson, snapshotToJson, stringArrayJson, validateSnapshot } from "./snapshot-codec.js";
import {
  chunk,
  compareText,
  insertReturningId,
  mapRuntimeError,
  type StorageContext,
  throwIfAborted,
  toNumber,
  writeTransaction,
  limitOf,
} from "./sql-helpers.js";

/** One service offered in one region. */
export interface AvailabilityPair {
  region: string;
  service: string;
}

/** Pairs that appeared and disappeared between two scans, sorted by region then service. */
export interface AvailabilityChanges {
  added: AvailabilityPair[];
  removed: AvailabilityPair[];
}

/** What {@link ScanRepository.commitScan} did. */
export interface CommitScanResult {
  scanId: number;
  complete: boolean;
  /** True when this scan is now the latest complete scan (always true for complete scans). */
  latest: boolean;
  /** The latest complete scan before this one, if any. */
  previousScanId: number | null;
  /** Changes against `previousScanId`; empty for incomplete scans and for the first complete scan. */
  changes: AvailabilityChanges;
}

/** A stored scan without its pairs. */
export interface ScanSummary {
  id: number;
  startedAt: Date;
  finishedAt: Date;
  committedAt: Date;
  complete: boolean;
  source: Snapshot["source"];
  stats: ScanStats;
  failures: ScanFailure[];
  regionCount: number;
  serviceCount: number;
  pairCount: number;
  /** Whether this is the latest complete scan. */
  latest: boolean;
}

/**
 * Options for {@link ScanRepository.latestSnapshot}: read the availability of a few services or
 * regions instead of every pair. The snapshot's region and service lists stay complete; its
 * availability lists only the pairs asked for.
 */
export interface LatestSnapshotOptions {
  /** Service codes or long names (case-insensitive). */
  services?: readonly string[];
  /** Region codes or long names (case-insensitive). */
  regions?: readonly string[];
}

/** Options for {@link ScanRepository.listScans}. */
export interface ListScansOptions {
  /** At most this many scans, newest first (default 20). */
  limit?: number;
  /** Only complete (true) or only incomplete (false) scans. */
  complete?: boolean;
  /** Only scans with a smaller id (paging). */
  beforeId?: number;
}

/** The result of {@link ScanRepository.diff}. */
export interface ScanDiff extends AvailabilityChanges {
  fromScanId: number;
  toScanId: number;
}

/** A scan and when it finished. */
export interface ScanPoint {
  scanId: number;
  at: Date;
}

/** A stretch of consecutive complete scans in which a service was offered in a region. */
export interface AvailabilityInterval {
  region: string;
  firstSeen: ScanPoint;
  lastSeen: ScanPoint;
  /** Still offered in the latest complete scan. */
  current: boolean;
}

/** The result of {@link ScanRepository.history}. */
export interface ServiceHistory {
  service: string;
  latestScanId: number | null;
  /** Sorted by region, then first seen. A region appears more than once if the service left and came back. */
  intervals: AvailabilityInterval[];
}

/** Options for {@link ScanRepository.history}. */
export interface HistoryOptions {
  region?: string;
}

/** One recorded change event. */
export interface AvailabilityChange extends AvailabilityPair {
  scanId: number;
  kind: "added" | "removed";
  at: Date;
}

/** Options for {@link ScanRepository.listChanges}. */
export interface ListChangesOptions {
  service?: string;
  region?: string;
  /** Only changes recorded by this scan. */
  scanId?: number;
  /** Only changes recorded by scans after this one. */
  afterScanId?: number;
  /** At most this many, oldest first (default 1000). */
  limit?: number;
}

/** Options for {@link ScanRepository.commitScan}. */
export interface CommitScanOptions {
  signal?: AbortSignal;
}

/**
 * Scans and the availability history. "Latest" always means the complete scan with the greatest
 * id; ids are assigned in commit order, so the latest is the complete scan committed last.
 */
export interface ScanRepository {
  /**
   * Store a snapshot in one transaction. A complete snapshot extends the intervals of pairs still
   * present, opens intervals for new pairs, records the changes, and becomes the latest. An
   * incomplete one is stored with its failures and what it observed, and never becomes the latest.
   *
   * @example
   * const { scanId, changes } = await storage.scans.commitScan(snapshot);
   */
  commitScan(snapshot: Snapshot, options?: CommitScanOptions): Promise<CommitScanResult>;
  /**
   * The latest complete snapshot, or undefined when no complete scan is stored. With `services` or
   * `regions`, only those pairs are read (a `where` or `region` answer reads a few hundred rows, not
   * every pair).
   *
   * @example
   * const snapshot = await storage.scans.latestSnapshot();
   * const bedrockOnly = await storage.scans.latestSnapshot({ services: ["bedrock"] });
   */
  latestSnapshot(options?: LatestSnapshotOptions): Promise<Snapshot | undefined>;
  /**
   * The snapshot of one scan (what was observed, for an incomplete scan). Throws NOT_FOUND.
   *
   * @example
   * const old = await storage.scans.getSnapshot(12);
   */
  getSnapshot(scanId: number): Promise<Snapshot>;
  /**
   * One scan's summary. Throws NOT_FOUND.
   *
   * @example
   * const scan = await storage.scans.getScan(12);
   */
  getScan(scanId: number): Promise<ScanSummary>;
  /**
   * Id of the latest complete scan, if any.
   *
   * @example
   * const id = await storage.scans.latestScanId();
   */
  latestScanId(): Promise<number | null>;
  /**
   * Stored scans, newest first.
   *
   * @example
   * const [last, previous] = await storage.scans.listScans({ complete: true, limit: 2 });
   */
  listScans(options?: ListScansOptions): Promise<ScanSummary[]>;
  /**
   * Pairs added and removed from one scan to another. Throws NOT_FOUND.
   *
   * @example
   * const { added, removed } = await storage.scans.diff(11, 12);
   */
  diff(fromScanId: number, toScanId: number): Promise<ScanDiff>;
  /**
   * When a service was first and last seen in each region, across the stored complete scans.
   *
   * @example
   * const { intervals } = await storage.scans.history("bedrock", { region: "eu-west-1" });
   */
  history(service: string, options?: HistoryOptions): Promise<ServiceHistory>;
  /**
   * Recorded change events, oldest first (for rollout timelines and alerts).
   *
   * @example
   * const events = await storage.scans.listChanges({ service: "bedrock" });
   */
  listChanges(options?: ListChangesOptions): Promise<AvailabilityChange[]>;
}

type Db = Kysely<AtlasDatabase>;
type ScanRow = Selectable<ScansTable>;
type RegionRow = Omit<Selectable<RegionsTable>, "id" | "first_seen_scan" | "last_seen_scan">;

const INSERT_CHUNK = 1000;
const UPDATE_CHUNK = 500;

const pairKey = (region: string, service: string) => `${region}\u0000${service}`;
const comparePairs = (a: AvailabilityPair, b: AvailabilityPair) =>
  compareText(a.region, b.region) || compareText(a.service, b.service);

/**
 * A {@link ScanRepository} over a storage context.
 *
 * @example
 * const scans = createScanRepository(ctx);
 */
export function createScanRepository(ctx: StorageContext): ScanRepository {
  const { db, dialect, logger } = ctx;

  async function commitScan(input: Snapshot, options: CommitScanOptions = {}): Promise<CommitScanResult> {
    const snapshot = validateSnapshot(input);
    throwIfAborted(options.signal);
    const pairs: AvailabilityPair[] = [];
    const emptyRegions: string[] = [];
    for (const [region, services] of Object.entries(snapshot.availability)) {
      if (services.length === 0) emptyRegions.push(region);
      for (const service of services) pairs.push({ region, service });
    }
    pairs.sort(comparePairs);
    emptyRegions.sort(compareText);
    const at = snapshot.finishedAt.toISOString();

    return writeTransaction(ctx, "scans", async (trx) => {
      const scanId = await insertReturningId(trx, dialect, "scans", {
        started_at: snapshot.startedAt.toISOString(),
        finished_at: at,
        committed_at: ctx.clock.now().toISOString(),
        complete: snapshot.complete ? 1 : 0,
        source: snapshot.source,
        api_calls: snapshot.stats.apiCalls,
        throttled: snapshot.stats.throttled,
        retries: snapshot.stats.retries,
        failures_count: snapshot.stats.failures,
        failures: JSON.stringify(snapshot.failures),
        region_count: snapshot.regions.length,
        service_count: snapshot.services.length,
        pair_count: pairs.length,
        empty_regions: JSON.stringify(emptyRegions),
      });
      const previousScanId = await latestCompleteId(trx, scanId);
      if (!snapshot.complete) {
        await trx.insertInto("scan_partials").values({ scan_id: scanId, body: snapshotToJson(snapshot) }).execute();
        logger.debug("storage: stored incomplete scan", { scanId, failures: snapshot.failures.length });
        return { scanId, complete: false, latest: false, previousScanId, changes: { added: [], removed: [] } };
      }
      const changes = await advancePairs(trx, previousScanId, scanId, pairs, at);
      await advanceVersions(trx, "regions", previousScanId, scanId, snapshot.regions.map(regionToRow));
      await advanceVersions(
        trx,
        "services",
        previousScanId,
        scanId,
        snapshot.services.map((s) => ({ code: s.code, name: s.name })),
      );
      logger.debug("storage: committing scan", {
        scanId,
        previousScanId,
        added: changes.added.length,
        removed: changes.removed.length,
      });
      return { scanId, complete: true, latest: true, previousScanId, changes };
    });
  }

  /** Extend still-present intervals to `scanId`, open new ones, and record the change events. */
  async function advancePairs(
    trx: Transaction<AtlasDatabase>,
    previousScanId: number | null,
    scanId: number,
    pairs: AvailabilityPair[],
    at: string,
  ): Promise<AvailabilityChanges> {
    const previous =
      previousScanId === null
        ? []
        : await trx
            .selectFrom("availability_intervals")
            .select(["id", "region", "service"])
            .where("last_seen_scan", "=", previousScanId)
            .execute();
    const next = new Set(pairs.map((p) => pairKey(p.region, p.service)));
    const before = new Set(previous.map((p) => pairKey(p.region, p.service)));
    const removedRows = previous.filter((p) => !next.has(pairKey(p.region, p.service)));
    const added = pairs.filter((p) => !before.has(pairKey(p.region, p.service)));
    if (previousScanId !== null && removedRows.length < previous.length) {
      // One statement moves every open interval forward; the few removed pairs are moved back.
      await trx
        .updateTable("availability_intervals")
        .set({ last_seen_scan: scanId })
        .where("last_seen_scan", "=", previousScanId)
        .execute();
      for (const ids of chunk(
        removedRows.map((r) => r.id),
        UPDATE_CHUNK,
      )) {
        await trx
          .updateTable("availability_intervals")
          .set({ last_seen_scan: previousScanId })
          .where("id", "in", ids)
          .execute();
      }
    }
    for (const rows of chunk(added, INSERT_CHUNK)) {
      await trx
        .insertInto("availability_intervals")
        .values(rows.map((p) => ({ region: p.region, service: p.service, first_seen_scan: scanId, last_seen_scan: scanId })))
        .execute();
    }
    const removed = removedRows.map((r) => ({ region: r.region, service: r.service })).sort(comparePairs);
    if (previousScanId === null) return { added: [], removed: [] };
    const events = [
      ...added.map((p) => ({ scan_id: scanId, region: p.region, service: p.service, kind: "added" as const, at })),
      ...removed.map((p) => ({ scan_id: scanId, region: p.region, service: p.service, kind: "removed" as const, at })),
    ];
    for (const rows of chunk(events, INSERT_CHUNK)) await trx.insertInto("availability_changes").values(rows).execute();
    return { added, removed };
  }

  /** Same interval scheme for region metadata and service names: an unchanged version is extended. */
  async function advanceVersions<T extends "regions" | "services">(
    trx: Transaction<AtlasDatabase>,
    table: T,
    previousScanId: number | null,
    scanId: number,
    rows: (T extends "regions" ? RegionRow : { code: string; name: string })[],
  ): Promise<void> {
    const previous =
      previousScanId === null
        ? []
        : ((await trx
            .selectFrom(table as "services")
            .selectAll()
            .where("last_seen_scan", "=", previousScanId)
            .execute()) as unknown as (Record<string, unknown> & { id: number; code: string })[]);
    const byCode = new Map(previous.map((row) => [row.code, row]));
    const keep: number[] = [];
    const insert: Record<string, unknown>[] = [];
    for (const row of rows as Record<string, unknown>[]) {
      const old = byCode.get(row.code as string);
      if (old !== undefined && Object.keys(row).every((k) => old[k] === row[k])) keep.push(old.id);
      else insert.push({ ...row, first_seen_scan: scanId, last_seen_scan: scanId });
    }
    for (const ids of chunk(keep, UPDATE_CHUNK)) {
      await trx
        .updateTable(table as "services")
        .set({ last_seen_scan: scanId })
        .where("id", "in", ids)
        .execute();
    }
    for (const values of chunk(insert, INSERT_CHUNK)) {
      await trx
        .insertInto(table as "services")
        .values(values as never)
        .execute();
    }
  }

  async function latestSnapshot(options: LatestSnapshotOptions = {}): Promise<Snapshot | undefined> {
    return read(async (rdb) => {
      const scan = await rdb
        .selectFrom("scans")
        .selectAll()
        .where("complete", "=", 1)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return scan === undefined ? undefined : completeSnapshot(rdb, scan, true, options);
    });
  }

  async function getSnapshot(scanId: number): Promise<Snapshot> {
    return read(async (rdb) => {
      const scan = await findScan(rdb, scanId);
      if (scan.complete !== 1) return partialSnapshot(rdb, scanId);
      return completeSnapshot(rdb, scan, (await latestCompleteId(rdb)) === scanId);
    });
  }

  async function completeSnapshot(rdb: Db, scan: ScanRow, latest: boolean, only: LatestSnapshotOptions = {}): Promise<Snapshot> {
    const regionRows = await rdb.selectFrom("regions").selectAll().where(covers(scan.id, latest)).orderBy("code").execute();
    const serviceRows = await rdb
      .selectFrom("services")
      .select(["code", "name"])
      .where(covers(scan.id, latest))
      .orderBy("code")
      .execute();
    const serviceCodes = only.services && matchingCodes(serviceRows, only.services);
    const regionCodes = only.regions && matchingCodes(regionRows, only.regions);
    // For the latest scan every open interval ends exactly at it: one equality range on the
    // (last_seen_scan, region, service) index, already in order. Older scans need the covering test.
    let pairQuery = rdb
      .selectFrom("availability_intervals")
      .select(["region", "service"])
      .where(covers(scan.id, latest));
    if (serviceCodes) pairQuery = pairQuery.where("service", "in", serviceCodes);
    if (regionCodes) pairQuery = pairQuery.where("region", "in", regionCodes);
    const pairs =
      serviceCodes?.length === 0 || regionCodes?.length === 0 ? [] : await pairQuery.orderBy("region").orderBy("service").execute();
    const availability: Record<string, string[]> = {};
    const restricted = serviceCodes !== undefined || regionCodes !== undefined;
    const keys = [
      ...new Set([
        ...pairs.map((p) => p.region),
        ...stringArrayJson.parse(JSON.parse(scan.empty_regions)),
        ...(restricted ? regionRows.map((r) => r.code) : []),
      ]),
    ].sort(compareText);
    for (const key of keys) availability[key] = [];
    // Sort in JS too: the engines' collations are byte-wise by schema, but the contract is code-unit order.
    for (const pair of pairs) availability[pair.region]?.push(pair.service);
    for (const list of Object.values(availability)) list.sort(compareText);
    return {
      startedAt: new Date(scan.started_at),
      finishedAt: new Date(scan.finished_at),
      complete: true,
      source: sourceOf(scan.source),
      regions: regionRows.map(rowToRegion).sort((a, b) => compareText(a.code, b.code)),
      services: serviceRows
        .map((s): ServiceInfo => ({ code: s.code, name: s.name }))
        .sort((a, b) => compareText(a.code, b.code)),
      availability,
      stats: statsOf(scan),
      failures: failuresJson.parse(JSON.parse(scan.failures)),
    };
  }

  async function partialSnapshot(rdb: Db, scanId: number): Promise<Snapshot> {
    const row = await rdb.selectFrom("scan_partials").select("body").where("scan_id", "=", scanId).executeTakeFirst();
    if (row === undefined) throw new AtlasError("NOT_FOUND", `Scan ${scanId} is incomplete and kept no observations`);
    return snapshotFromJson(row.body);
  }

  async function pairsOf(rdb: Db, scanId: number): Promise<Set<string>> {
    const scan = await findScan(rdb, scanId);
    if (scan.complete !== 1) {
      const snapshot = await partialSnapshot(rdb, scanId);
      return new Set(Object.entries(snapshot.availability).flatMap(([r, services]) => services.map((s) => pairKey(r, s))));
    }
    const rows = await rdb
      .selectFrom("availability_intervals")
      .select(["region", "service"])
      .where(covers(scanId, false))
      .execute();
    return new Set(rows.map((p) => pairKey(p.region, p.service)));
  }

  async function diff(fromScanId: number, toScanId: number): Promise<ScanDiff> {
    return read(async (rdb) => {
      const from = await pairsOf(rdb, fromScanId);
      const to = await pairsOf(rdb, toScanId);
      const split = (key: string): AvailabilityPair => {
        const [region = "", service = ""] = key.split("\u0000");
        return { region, service };
      };
      const added = [...to].filter((k) => !from.has(k)).map(split).sort(comparePairs);
      const removed = [...from].filter((k) => !to.has(k)).map(split).sort(comparePairs);
      return { fromScanId, toScanId, added, removed };
    });
  }

  async function history(service: string, options: HistoryOptions = {}): Promise<ServiceHistory> {
    return read(async (rdb) => {
      let query = rdb
        .selectFrom("availability_intervals as i")
        .innerJoin("scans as f", "f.id", "i.first_seen_scan")
        .innerJoin("scans as l", "l.id", "i.last_seen_scan")
        .select(["i.region", "i.first_seen_scan", "i.last_seen_scan", "f.finished_at as first_at", "l.finished_at as last_at"])
        .where("i.service", "=", service);
      if (options.region !== undefined) query = query.where("i.region", "=", options.region);
      const rows = await query.orderBy("i.region").orderBy("i.first_seen_scan").execute();
      const latestScanId = await latestCompleteId(rdb);
      const intervals = rows
        .map(
          (row): AvailabilityInterval => ({
            region: row.region,
            firstSeen: { scanId: row.first_seen_scan, at: new Date(row.first_at) },
            lastSeen: { scanId: row.last_seen_scan, at: new Date(row.last_at) },
            current: row.last_seen_scan === latestScanId,
          }),
        )
        .sort((a, b) => compareText(a.region, b.region) || a.firstSeen.scanId - b.firstSeen.scanId);
      return { service, latestScanId, intervals };
    });
  }

  async function listChanges(options: ListChangesOptions = {}): Promise<AvailabilityChange[]> {
    let query = db.selectFrom("availability_changes").select(["scan_id", "region", "service", "kind", "at"]);
    if (options.service !== undefined) query = query.where("service", "=", options.service);
    if (options.region !== undefined) query = query.where("region", "=", options.region);
    if (options.scanId !== undefined) query = query.where("scan_id", "=", options.scanId);
    if (options.afterScanId !== undefined) query = query.where("scan_id", ">", options.afterScanId);
    const rows = await guard(
      query
        .orderBy("scan_id")
        .orderBy("kind")
        .orderBy("region")
        .orderBy("service")
        .limit(limitOf(options.limit, 1000))
        .execute(),
    );
    return rows
      .map((row) => ({
        scanId: row.scan_id,
        region: row.region,
        service: row.service,
        kind: row.kind === "removed" ? ("removed" as const) : ("added" as const),
        at: new Date(row.at),
      }))
      .sort(
        (a, b) =>
          a.scanId - b.scanId || compareText(a.kind, b.kind) || compareText(a.region, b.region) || compareText(a.service, b.service),
      );
  }

  async function listScans(options: ListScansOptions = {}): Promise<ScanSummary[]> {
    return read(async (rdb) => {
      let query = rdb.selectFrom("scans").selectAll();
      if (options.complete !== undefined) query = query.where("complete", "=", options.complete ? 1 : 0);
      if (options.beforeId !== undefined) query = query.where("id", "<", options.beforeId);
      const rows = await query
        .orderBy("id", "desc")
        .limit(limitOf(options.limit, 20))
        .execute();
      const latest = await latestCompleteId(rdb);
      return rows.map((row) => summaryOf(row, latest));
    });
  }

  async function getScan(scanId: number): Promise<ScanSummary> {
    return read(async (rdb) => summaryOf(await findScan(rdb, scanId), await latestCompleteId(rdb)));
  }

  /** Run reads on one consistent view, so a commit by another process cannot land between them. */
  async function read<T>(fn: (rdb: Db) => Promise<T>): Promise<T> {
    try {
      if (dialect === "sqlite") {
        // A deferred BEGIN is a read transaction in WAL mode: it never blocks writers.
        return await db.connection().execute(async (conn) => {
          await sql`begin`.execute(conn);
          try {
            const result = await fn(conn);
            await sql`commit`.execute(conn);
            return result;
          } catch (error) {
            await sql`rollback`.execute(conn);
            throw error;
          }
        });
      }
      return await db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(fn);
    } catch (error) {
      throw mapRuntimeError(error, ctx);
    }
  }

  async function guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw mapRuntimeError(error, ctx);
    }
  }

  return {
    commitScan,
    latestSnapshot,
    getSnapshot,
    getScan,
    latestScanId: () => read((rdb) => latestCompleteId(rdb)),
    listScans,
    diff,
    history,
    listChanges,
  };
}

/** Rows whose interval covers a complete scan (single-table queries only: the columns are unqualified). */
/** Codes of the rows whose code or name equals one of the wanted texts, ignoring case. */
function matchingCodes(rows: readonly { code: string; name: string }[], wanted: readonly string[]): string[] {
  const keys = new Set(wanted.map((w) => w.trim().toLowerCase()));
  return rows.filter((row) => keys.has(row.code.toLowerCase()) || keys.has(row.name.toLowerCase())).map((row) => row.code);
}

function covers(scanId: number, latest: boolean): RawBuilder<SqlBool> {
  return latest
    ? sql<SqlBool>`last_seen_scan = ${scanId}`
    : sql<SqlBool>`last_seen_scan >= ${scanId} and first_seen_scan <= ${scanId}`;
}

async function latestCompleteId(db: Db, below?: number): Promise<number | null> {
  let query = db
    .selectFrom("scans")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("complete", "=", 1);
  if (below !== undefined) query = query.where("id", "<", below);
  const row = await query.executeTakeFirst();
  return row?.id === null || row?.id === undefined ? null : toNumber(row.id);
}

async function findScan(db: Db, scanId: number): Promise<ScanRow> {
  const scan = Number.isSafeInteger(scanId)
    ? await db.selectFrom("scans").selectAll().where("id", "=", scanId).executeTakeFirst()
    : undefined;
  if (scan === undefined) {
    throw new AtlasError("NOT_FOUND", `Scan ${scanId} does not exist`, { hint: "List stored scans with `aws-atlas diff` or listScans()" });
  }
  return scan;
}

function regionToRow(region: RegionInfo): RegionRow {
  return {
    code: region.code,
    name: region.name,
    partition: region.partition,
    domain: region.domain,
    geolocation_country: region.geolocationCountry,
    geolocation_region: region.geolocationRegion,
    availability_zones: JSON.stringify(region.availabilityZones),
    local_zones: JSON.stringify(region.localZones),
  };
}

function rowToRegion(row: Selectable<RegionsTable>): RegionInfo {
  return {
    code: row.code,
    name: row.name,
    partition: row.partition,
    domain: row.domain,
    geolocationCountry: row.geolocation_country,
    geolocationRegion: row.geolocation_region,
    availabilityZones: stringArrayJson.parse(JSON.parse(row.availability_zones)),
    localZones: stringArrayJson.parse(JSON.parse(row.local_zones)),
  };
}

function sourceOf(value: string): Snapshot["source"] {
  if (value === "aws" || value === "offline") return value;
  throw new AtlasError("INTERNAL", `Stored scan has an unknown source "${value}"`);
}

function statsOf(row: ScanRow): ScanStats {
  return { apiCalls: row.api_calls, throttled: row.throttled, retries: row.retries, failures: row.failures_count };
}

function summaryOf(row: ScanRow, latestId: number | null): ScanSummary {
  return {
    id: row.id,
    startedAt: new Date(row.started_at),
    finishedAt: new Date(row.finished_at),
    committedAt: new Date(row.committed_at),
    complete: row.complete === 1,
    source: sourceOf(row.source),
    stats: statsOf(row),
    failures: failuresJson.parse(JSON.parse(row.failures)),
    regionCount: row.region_count,
    serviceCount: row.service_count,
    pairCount: row.pair_count,
    latest: row.id === latestId,
  };
}
