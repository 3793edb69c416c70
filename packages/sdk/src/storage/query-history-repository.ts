import type { Selectable } from "kysely";
import { AtlasError } from "../errors.js";
import type { QueryHistoryTable } from "./schema.js";
import { guarded, insertReturningId, parseStoredJson, type StorageContext, limitOf } from "./sql-helpers.js";

/** One recorded question. */
export interface QueryHistoryEntry {
  id: number;
  createdAt: Date;
  /** Where it came from: "cli", "http", "sdk". */
  source: string;
  /** What was asked: "cost-query", "cost-ask", "where", ... */
  kind: string;
  /** The user's words, for natural-language questions. */
  question: string | null;
  /** The parsed, typed query (JSON value). */
  query: unknown;
  durationMs: number | null;
  paidRequests: number;
  cachedRequests: number;
  error: string | null;
}

/** Input of {@link QueryHistoryRepository.add}. */
export interface AddQueryHistoryOptions {
  kind: string;
  source?: string;
  question?: string;
  query?: unknown;
  durationMs?: number;
  paidRequests?: number;
  cachedRequests?: number;
  error?: string;
  now?: Date;
}

/** Options for {@link QueryHistoryRepository.list}. */
export interface ListQueryHistoryOptions {
  kind?: string;
  /** Newest first; default 50. */
  limit?: number;
}

/** The history of questions asked. */
export interface QueryHistoryRepository {
  /**
   * Record a question; returns its id.
   *
   * @example
   * await storage.queryHistory.add({ kind: "cost-ask", question: "cost of EC2 last month", query });
   */
  add(entry: AddQueryHistoryOptions): Promise<number>;
  /**
   * Recorded questions, newest first.
   *
   * @example
   * const recent = await storage.queryHistory.list({ limit: 10 });
   */
  list(options?: ListQueryHistoryOptions): Promise<QueryHistoryEntry[]>;
  /**
   * Delete everything; returns how many.
   *
   * @example
   * await storage.queryHistory.clear();
   */
  clear(): Promise<number>;
}

/**
 * A {@link QueryHistoryRepository} over a storage context.
 *
 * @example
 * const history = createQueryHistoryRepository(ctx);
 */
export function createQueryHistoryRepository(ctx: StorageContext): QueryHistoryRepository {
  const { db, dialect } = ctx;
  return {
    async add(entry) {
      const count = (value: number | undefined, what: string) => {
        const n = value ?? 0;
        if (!Number.isSafeInteger(n) || n < 0) throw new AtlasError("INVALID_ARGUMENT", `${what} must be a non-negative integer`);
        return n;
      };
      if (entry.kind === "" || entry.kind.length > 32) throw new AtlasError("INVALID_ARGUMENT", "Query kinds are 1 to 32 characters");
      return guarded(
        ctx,
        insertReturningId(db, dialect, "query_history", {
          created_at: (entry.now ?? ctx.clock.now()).toISOString(),
          source: (entry.source ?? "sdk").slice(0, 16),
          kind: entry.kind,
          question: entry.question ?? null,
          query: entry.query === undefined ? null : JSON.stringify(entry.query),
          duration_ms: entry.durationMs === undefined ? null : Math.round(entry.durationMs),
          paid_requests: count(entry.paidRequests, "paidRequests"),
          cached_requests: count(entry.cachedRequests, "cachedRequests"),
          error: entry.error ?? null,
        }),
      );
    },
    async list(options = {}) {
      let query = db.selectFrom("query_history").selectAll();
      if (options.kind !== undefined) query = query.where("kind", "=", options.kind);
      const rows = await guarded(
        ctx,
        query
          .orderBy("id", "desc")
          .limit(limitOf(options.limit, 50))
          .execute(),
      );
      return rows.map(toEntry);
    },
    async clear() {
      const result = await guarded(ctx, db.deleteFrom("query_history").executeTakeFirst());
      return Number(result.numDeletedRows);
    },
  };
}

function toEntry(row: Selectable<QueryHistoryTable>): QueryHistoryEntry {
  return {
    id: row.id,
    createdAt: new Date(row.created_at),
    source: row.source,
    kind: row.kind,
    question: row.question,
    query: row.query === null ? null : parseStoredJson(row.query, "query"),
    durationMs: row.duration_ms,
    paidRequests: row.paid_requests,
    cachedRequests: row.cached_requests,
    error: row.error,
  };
}
