import type { Selectable } from "kysely";
import { AtlasError } from "../errors.js";
import { type AuditLogTable, COLUMN_LIMITS as L } from "./schema.js";
import { guarded, insertReturningId, parseStoredJson, type StorageContext, limitOf } from "./sql-helpers.js";

/** One audit event. */
export interface AuditLogEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

/** Input of {@link AuditLogRepository.append}. */
export interface AppendAuditLogOptions {
  /** Who: a user, a profile, "cli", "http:<ip>". */
  actor: string;
  /** What: "db.prune", "cache.clear", "config.change", ... */
  action: string;
  target?: string;
  /** JSON-serialisable details; never put secrets here. */
  details?: unknown;
  now?: Date;
}

/** Options for {@link AuditLogRepository.list}. */
export interface ListAuditLogOptions {
  action?: string;
  since?: Date;
  /** Newest first; default 100. */
  limit?: number;
}

/** An append-only record of operations that change state. */
export interface AuditLogRepository {
  /**
   * Record an event; returns its id.
   *
   * @example
   * await storage.auditLog.append({ actor: "cli", action: "db.prune", details: { keepDays: 90 } });
   */
  append(entry: AppendAuditLogOptions): Promise<number>;
  /**
   * Events, newest first.
   *
   * @example
   * const recent = await storage.auditLog.list({ action: "db.prune" });
   */
  list(options?: ListAuditLogOptions): Promise<AuditLogEntry[]>;
}

/**
 * An {@link AuditLogRepository} over a storage context.
 *
 * @example
 * const audit = createAuditLogRepository(ctx);
 */
export function createAuditLogRepository(ctx: StorageContext): AuditLogRepository {
  const { db, dialect } = ctx;
  return {
    async append(entry) {
      if (entry.actor === "" || entry.actor.length > L.name) throw new AtlasError("INVALID_ARGUMENT", `Audit actors are 1 to ${L.name} characters`);
      if (entry.action === "" || entry.action.length > L.short) throw new AtlasError("INVALID_ARGUMENT", `Audit actions are 1 to ${L.short} characters`);
      return guarded(
        ctx,
        insertReturningId(db, dialect, "audit_log", {
          at: (entry.now ?? ctx.clock.now()).toISOString(),
          actor: entry.actor,
          action: entry.action,
          target: entry.target ?? null,
          details: entry.details === undefined ? null : JSON.stringify(entry.details),
        }),
      );
    },
    async list(options = {}) {
      let query = db.selectFrom("audit_log").selectAll();
      if (options.action !== undefined) query = query.where("action", "=", options.action);
      if (options.since !== undefined) query = query.where("at", ">=", options.since.toISOString());
      const rows = await guarded(
        ctx,
        query
          .orderBy("id", "desc")
          .limit(limitOf(options.limit, 100))
          .execute(),
      );
      return rows.map(toEntry);
    },
  };
}

function toEntry(row: Selectable<AuditLogTable>): AuditLogEntry {
  return {
    id: row.id,
    at: new Date(row.at),
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: row.details === null ? null : parseStoredJson(row.details, "audit details"),
  };
}
