import type { Selectable } from "kysely";
import { AtlasError } from "../errors.js";
import type { ReportJobsTable } from "./schema.js";
import { guarded, parseStoredJson, type StorageContext, limitOf } from "./sql-helpers.js";

/**
 * States of a report job.
 *
 * @example
 * if (REPORT_JOB_STATUSES.includes(status)) ...
 */
export const REPORT_JOB_STATUSES = ["pending", "running", "completed", "failed"] as const;
/** One of {@link REPORT_JOB_STATUSES}. */
export type ReportJobStatus = (typeof REPORT_JOB_STATUSES)[number];

/** A report built in the background; any process sharing the database can run it. */
export interface ReportJob {
  id: string;
  status: ReportJobStatus;
  config: unknown;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  filePath: string | null;
  error: string | null;
}

/** Options for {@link ReportJobRepository.create}. */
export interface CreateReportJobOptions {
  /** JSON-serialisable report configuration. */
  config: unknown;
  /** A UUID; generated when left out. */
  id?: string;
  now?: Date;
}

/** Options for {@link ReportJobRepository.list}. */
export interface ListReportJobsOptions {
  status?: ReportJobStatus;
  /** Newest first; default 50. */
  limit?: number;
}

/** Report jobs. */
export interface ReportJobRepository {
  /**
   * Record a pending job.
   *
   * @example
   * const job = await storage.reportJobs.create({ config: { formats: ["csv"] } });
   */
  create(options: CreateReportJobOptions): Promise<ReportJob>;
  /**
   * One job, or undefined.
   *
   * @example
   * const job = await storage.reportJobs.get(id);
   */
  get(id: string): Promise<ReportJob | undefined>;
  /**
   * Jobs, newest first.
   *
   * @example
   * const pending = await storage.reportJobs.list({ status: "pending" });
   */
  list(options?: ListReportJobsOptions): Promise<ReportJob[]>;
  /**
   * Atomically take the oldest pending job and mark it running (safe across processes).
   *
   * @example
   * const job = await storage.reportJobs.claimNext();
   */
  claimNext(options?: { now?: Date }): Promise<ReportJob | undefined>;
  /**
   * Mark a pending job running. Throws NOT_FOUND unless the job is pending.
   *
   * @example
   * await storage.reportJobs.markRunning(id);
   */
  markRunning(id: string, options?: { now?: Date }): Promise<ReportJob>;
  /**
   * Mark a running job completed with its output file. Throws NOT_FOUND unless it is running.
   *
   * @example
   * await storage.reportJobs.complete(id, { filePath: "/tmp/report.xlsx" });
   */
  complete(id: string, options: { filePath: string; now?: Date }): Promise<ReportJob>;
  /**
   * Mark a pending or running job failed. Throws NOT_FOUND otherwise.
   *
   * @example
   * await storage.reportJobs.fail(id, { error: "disk full" });
   */
  fail(id: string, options: { error: string; now?: Date }): Promise<ReportJob>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A {@link ReportJobRepository} over a storage context.
 *
 * @example
 * const jobs = createReportJobRepository(ctx);
 */
export function createReportJobRepository(ctx: StorageContext): ReportJobRepository {
  const { db } = ctx;
  const iso = (now: Date | undefined) => (now ?? ctx.clock.now()).toISOString();

  async function get(id: string): Promise<ReportJob | undefined> {
    const row = await guarded(ctx, db.selectFrom("report_jobs").selectAll().where("id", "=", id).executeTakeFirst());
    return row === undefined ? undefined : toJob(row);
  }

  async function transition(
    id: string,
    from: ReportJobStatus[],
    values: Partial<Selectable<ReportJobsTable>> & { updated_at: string },
  ): Promise<ReportJob> {
    const result = await guarded(
      ctx,
      db.updateTable("report_jobs").set(values).where("id", "=", id).where("status", "in", from).executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0) {
      const job = await get(id);
      throw new AtlasError(
        "NOT_FOUND",
        job === undefined ? `Report job ${id} does not exist` : `Report job ${id} is ${job.status}, not ${from.join(" or ")}`,
      );
    }
    const job = await get(id);
    if (job === undefined) throw new AtlasError("NOT_FOUND", `Report job ${id} does not exist`);
    return job;
  }

  return {
    async create(options) {
      const id = options.id ?? globalThis.crypto.randomUUID();
      if (!UUID.test(id)) throw new AtlasError("INVALID_ARGUMENT", `Report job id "${id}" is not a UUID`);
      const at = iso(options.now);
      const config = JSON.stringify(options.config ?? null);
      await guarded(
        ctx,
        db.insertInto("report_jobs").values({ id, status: "pending", config, created_at: at, updated_at: at }).execute(),
      );
      const job = await get(id);
      if (job === undefined) throw new AtlasError("INTERNAL", `Report job ${id} vanished after insert`);
      return job;
    },
    get,
    async list(options = {}) {
      let query = db.selectFrom("report_jobs").selectAll();
      if (options.status !== undefined) query = query.where("status", "=", options.status);
      const rows = await guarded(
        ctx,
        query
          .orderBy("created_at", "desc")
          .orderBy("id")
          .limit(limitOf(options.limit, 50))
          .execute(),
      );
      return rows.map(toJob);
    },
    async claimNext(options = {}) {
      // Optimistic claim: whoever flips pending -> running first wins; the others try the next job.
      for (let attempt = 0; attempt < 10; attempt++) {
        const next = await guarded(
          ctx,
          db
            .selectFrom("report_jobs")
            .select("id")
            .where("status", "=", "pending")
            .orderBy("created_at")
            .orderBy("id")
            .limit(1)
            .executeTakeFirst(),
        );
        if (next === undefined) return undefined;
        const at = iso(options.now);
        const result = await guarded(
          ctx,
          db
            .updateTable("report_jobs")
            .set({ status: "running", started_at: at, updated_at: at })
            .where("id", "=", next.id)
            .where("status", "=", "pending")
            .executeTakeFirst(),
        );
        if (Number(result.numUpdatedRows) === 1) return get(next.id);
      }
      return undefined;
    },
    markRunning: (id, options = {}) => {
      const at = iso(options.now);
      return transition(id, ["pending"], { status: "running", started_at: at, updated_at: at });
    },
    complete: (id, options) => {
      const at = iso(options.now);
      return transition(id, ["running"], { status: "completed", finished_at: at, updated_at: at, file_path: options.filePath });
    },
    fail: (id, options) => {
      const at = iso(options.now);
      return transition(id, ["pending", "running"], { status: "failed", finished_at: at, updated_at: at, error: options.error });
    },
  };
}

function toJob(row: Selectable<ReportJobsTable>): ReportJob {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    status: (REPORT_JOB_STATUSES as readonly string[]).includes(row.status) ? (row.status as ReportJobStatus) : "failed",
    config: parseStoredJson(row.config, "report job config"),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    startedAt: date(row.started_at),
    finishedAt: date(row.finished_at),
    filePath: row.file_path,
    error: row.error,
  };
}
