import { sql } from "kysely";
import { AtlasError } from "../errors.js";
import { COLUMN_LIMITS as L } from "./schema.js";
import { compareText, mapRuntimeError, type StorageContext, toNumber } from "./sql-helpers.js";

/** One cached response. */
export interface CacheEntry {
  key: string;
  kind: string;
  body: string;
  /** Final entries describe data that will not change (a closed billing period) and never expire. */
  final: boolean;
  expiresAt: Date | null;
  createdAt: Date;
}

/** Options for {@link CacheRepository.set}. */
export interface CacheSetOptions {
  /** Data that can no longer change: kept until deleted. */
  final?: boolean;
  /** Lifetime of a non-final entry. One of `ttlMs` / `expiresAt` is required unless `final`. */
  ttlMs?: number;
  expiresAt?: Date;
  /** A label for statistics, e.g. "ce:GetCostAndUsage". */
  kind?: string;
  now?: Date;
}

/** Options of cache reads that depend on "now". */
export interface CacheReadOptions {
  now?: Date;
}

/** Options for {@link CacheRepository.clear}. */
export interface CacheClearOptions {
  /** Only entries that have expired (never final ones). */
  expiredOnly?: boolean;
  kind?: string;
  now?: Date;
}

/** What the cache holds. */
export interface CacheStats {
  entries: number;
  final: number;
  /** Non-final entries still valid. */
  live: number;
  expired: number;
  bytes: number;
  byKind: { kind: string; entries: number; bytes: number }[];
}

/** The finality-aware API response cache. */
export interface CacheRepository {
  /**
   * A valid entry (final, or not yet expired), or undefined.
   *
   * @example
   * const hit = await storage.cache.get(key);
   */
  get(key: string, options?: CacheReadOptions): Promise<CacheEntry | undefined>;
  /**
   * Store or replace an entry.
   *
   * @example
   * await storage.cache.set(key, JSON.stringify(response), { final: true, kind: "ce:GetCostAndUsage" });
   */
  set(key: string, body: string, options?: CacheSetOptions): Promise<void>;
  /**
   * Remove an entry; true when it existed.
   *
   * @example
   * await storage.cache.delete(key);
   */
  delete(key: string): Promise<boolean>;
  /**
   * Counts and sizes.
   *
   * @example
   * const { entries, bytes } = await storage.cache.stats();
   */
  stats(options?: CacheReadOptions): Promise<CacheStats>;
  /**
   * Delete entries; returns how many.
   *
   * @example
   * await storage.cache.clear({ expiredOnly: true });
   */
  clear(options?: CacheClearOptions): Promise<number>;
}

/**
 * A {@link CacheRepository} over a storage context.
 *
 * @example
 * const cache = createCacheRepository(ctx);
 */
export function createCacheRepository(ctx: StorageContext): CacheRepository {
  const { db, dialect } = ctx;
  const now = (value: Date | undefined) => (value ?? ctx.clock.now()).toISOString();

  async function get(key: string, options: CacheReadOptions = {}): Promise<CacheEntry | undefined> {
    const row = await guard(db.selectFrom("api_cache").selectAll().where("key", "=", key).executeTakeFirst());
    if (row === undefined) return undefined;
    if (row.final !== 1 && (row.expires_at === null || row.expires_at <= now(options.now))) return undefined;
    return {
      key: row.key,
      kind: row.kind,
      body: row.body,
      final: row.final === 1,
      expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
      createdAt: new Date(row.created_at),
    };
  }

  async function set(key: string, body: string, options: CacheSetOptions = {}): Promise<void> {
    if (key === "" || key.length > L.cacheKey) {
      throw new AtlasError("INVALID_ARGUMENT", `Cache keys are 1 to ${L.cacheKey} characters`, { hint: "Hash long keys" });
    }
    const kind = options.kind ?? "";
    if (kind.length > L.cacheKind) throw new AtlasError("INVALID_ARGUMENT", `Cache kinds are at most ${L.cacheKind} characters`);
    const created = options.now ?? ctx.clock.now();
    const final = options.final === true;
    let expiresAt: string | null = null;
    if (!final) {
      const at = options.expiresAt ?? (options.ttlMs === undefined ? undefined : new Date(created.getTime() + options.ttlMs));
      if (at === undefined || Number.isNaN(at.getTime())) {
        throw new AtlasError("INVALID_ARGUMENT", "A non-final cache entry needs ttlMs or expiresAt");
      }
      expiresAt = at.toISOString();
    }
    const values = {
      key,
      kind,
      body,
      size_bytes: Buffer.byteLength(body),
      final: final ? 1 : 0,
      expires_at: expiresAt,
      created_at: created.toISOString(),
    };
    const insert = db.insertInto("api_cache").values(values);
    const { key: _key, ...update } = values;
    await guard(
      dialect === "mysql"
        ? insert.onDuplicateKeyUpdate(update).execute()
        : insert.onConflict((oc) => oc.column("key").doUpdateSet(update)).execute(),
    );
  }

  async function remove(key: string): Promise<boolean> {
    const result = await guard(db.deleteFrom("api_cache").where("key", "=", key).executeTakeFirst());
    return Number(result.numDeletedRows) > 0;
  }

  async function stats(options: CacheReadOptions = {}): Promise<CacheStats> {
    const at = now(options.now);
    const rows = await guard(
      db
        .selectFrom("api_cache")
        .select((eb) => [
          "kind",
          eb.fn.countAll().as("entries"),
          eb.fn.sum("size_bytes").as("bytes"),
          eb.fn.sum("final").as("final"),
          eb.fn.sum(sql<number>`case when final = 0 and expires_at <= ${at} then 1 else 0 end`).as("expired"),
        ])
        .groupBy("kind")
        .execute(),
    );
    const byKind = rows
      .map((r) => ({ kind: r.kind, entries: toNumber(r.entries), bytes: toNumber(r.bytes) }))
      .sort((a, b) => compareText(a.kind, b.kind));
    const entries = byKind.reduce((n, r) => n + r.entries, 0);
    const final = rows.reduce((n, r) => n + toNumber(r.final), 0);
    const expired = rows.reduce((n, r) => n + toNumber(r.expired), 0);
    return { entries, final, live: entries - final - expired, expired, bytes: byKind.reduce((n, r) => n + r.bytes, 0), byKind };
  }

  async function clear(options: CacheClearOptions = {}): Promise<number> {
    let query = db.deleteFrom("api_cache");
    if (options.kind !== undefined) query = query.where("kind", "=", options.kind);
    if (options.expiredOnly === true) query = query.where("final", "=", 0).where("expires_at", "<=", now(options.now));
    const result = await guard(query.executeTakeFirst());
    return Number(result.numDeletedRows);
  }

  async function guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw mapRuntimeError(error, ctx);
    }
  }

  return { get, set, delete: remove, stats, clear };
}
