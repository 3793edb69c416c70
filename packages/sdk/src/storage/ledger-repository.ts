import { type AliasedRawBuilder, type Expression, type Kysely, type RawBuilder, sql, type SqlBool } from "kysely";
import { AtlasError } from "../errors.js";
import { canonicalDecimal, fromScaled } from "./decimal.js";
import { type AtlasDatabase, COLUMN_LIMITS as L, type CostLedgerTable } from "./schema.js";
import { compareText, mapRuntimeError, type StorageContext, throwIfAborted, toNumber, writeTransaction, limitOf } from "./sql-helpers.js";

/**
 * Cost Explorer granularities the ledger stores.
 *
 * @example
 * if (COST_GRANULARITIES.includes(value)) ...
 */
export const COST_GRANULARITIES = ["HOURLY", "DAILY", "MONTHLY"] as const;
/** One of {@link COST_GRANULARITIES}. */
export type CostGranularity = (typeof COST_GRANULARITIES)[number];

/**
 * Breakdown columns of the ledger that queries can group and filter by.
 *
 * @example
 * await storage.ledger.queryLedger({ start, end, granularity: "MONTHLY", groupBy: ["service"] });
 */
export const LEDGER_DIMENSIONS = ["account", "service", "region", "usageType", "dimensionValue"] as const;
/** One of {@link LEDGER_DIMENSIONS}. */
export type LedgerDimension = (typeof LEDGER_DIMENSIONS)[number];

/**
 * One ledger row to write. Breakdown fields left out mean "not broken down by this" (stored as '').
 * `periodStart` is `YYYY-MM-DD` (DAILY), `YYYY-MM-01` (MONTHLY) or `YYYY-MM-DDTHH:00:00Z` (HOURLY).
 */
export interface CostLedgerRowInput {
  granularity: CostGranularity;
  periodStart: string;
  /** A Cost Explorer metric name, e.g. "UnblendedCost". */
  metric: string;
  /** A decimal string; rounded half away from zero to 10 decimals. */
  amount: string;
  unit: string;
  account?: string;
  /** Cost Explorer SERVICE value ("Amazon Elastic Compute Cloud - Compute"), not an SSM code. */
  service?: string;
  region?: string;
  usageType?: string;
  /** A tag or cost category the row is broken down by, e.g. "TAG:team" (with `dimensionValue`). */
  dimensionKey?: string;
  dimensionValue?: string;
  estimated?: boolean;
  final?: boolean;
  /** When the amount was fetched from AWS; defaults to the storage clock. */
  fetchedAt?: Date | string;
}

/** One stored ledger row, as read back (identical on every engine). */
export interface CostLedgerRow {
  granularity: CostGranularity;
  periodStart: string;
  metric: string;
  amount: string;
  unit: string;
  account: string;
  service: string;
  region: string;
  usageType: string;
  dimensionKey: string;
  dimensionValue: string;
  estimated: boolean;
  final: boolean;
  fetchedAt: Date;
}

/** A set of ledger rows: one granularity, days `start`..`end` inclusive (`YYYY-MM-DD`). */
export interface LedgerWindow {
  granularity: CostGranularity;
  start: string;
  end: string;
  accounts?: string[];
  metrics?: string[];
  /** Only rows broken down by this key ('' = rows not broken down by a tag/category). Default: any. */
  dimensionKey?: string;
}

/** Options for {@link LedgerRepository.upsertCostRows}. */
export interface UpsertCostRowsOptions {
  /**
   * Delete this window's rows first, in the same transaction, so rows AWS no longer reports
   * (restatements) disappear. Without it rows are only inserted or updated.
   */
  replace?: LedgerWindow;
  signal?: AbortSignal;
}

/** Filters of {@link LedgerQuery}. */
export interface LedgerFilter {
  accounts?: string[];
  services?: string[];
  regions?: string[];
  usageTypes?: string[];
  /** Read rows broken down by this tag/category key; default '' (rows without such a breakdown). */
  dimensionKey?: string;
  dimensionValues?: string[];
}

/** An aggregation the ledger answers in SQL. */
export interface LedgerQuery {
  /** First day, inclusive (`YYYY-MM-DD`). */
  start: string;
  /** Last day, inclusive (`YYYY-MM-DD`). */
  end: string;
  /** Output periods. Must not be finer than `from`. */
  granularity: CostGranularity;
  /** Stored granularity to read; default HOURLY for HOURLY output, DAILY otherwise. */
  from?: CostGranularity;
  /** Default "UnblendedCost". */
  metric?: string;
  groupBy?: LedgerDimension[];
  filter?: LedgerFilter;
}

/** One aggregated amount. */
export interface LedgerAggregate {
  /** Period start: `YYYY-MM-DD`, `YYYY-MM-01` or `YYYY-MM-DDTHH:00:00Z`. */
  periodStart: string;
  /** Values of the `groupBy` dimensions. */
  keys: Partial<Record<LedgerDimension, string>>;
  amount: string;
  unit: string;
  /** Any contributing row is estimated. */
  estimated: boolean;
  /** Every contributing row is final. */
  final: boolean;
  rows: number;
}

/** Options for {@link LedgerRepository.ledgerCoverage}. */
export interface LedgerCoverageOptions {
  /** Default DAILY. */
  granularity?: CostGranularity;
  metric?: string;
  accounts?: string[];
  /** Inclusive day bounds. */
  start?: string;
  end?: string;
  /** One entry per account and period instead of per period. */
  byAccount?: boolean;
}

/** What the ledger holds for one period. */
export interface LedgerCoverageEntry {
  periodStart: string;
  account?: string;
  rows: number;
  /** Every row of the period is final (AWS will not revise it). */
  final: boolean;
  estimated: boolean;
  /** The most recent fetch of any row of the period. */
  fetchedAt: Date;
}

/** Options for {@link LedgerRepository.readCostRows}. */
export interface ReadCostRowsOptions extends LedgerWindow {
  limit?: number;
}

/** The local cost ledger. */
export interface LedgerRepository {
  /**
   * Insert or update rows (idempotent on the natural key) in one transaction. Streams: pass an
   * array, a generator or an async iterable. Call once per sync window.
   *
   * @example
   * await storage.ledger.upsertCostRows(rows, { replace: { granularity: "DAILY", start: "2026-02-01", end: "2026-02-28" } });
   */
  upsertCostRows(rows: Iterable<CostLedgerRowInput> | AsyncIterable<CostLedgerRowInput>, options?: UpsertCostRowsOptions): Promise<{ written: number }>;
  /**
   * Aggregate amounts per period and group, exactly, in SQL.
   *
   * @example
   * await storage.ledger.queryLedger({ start: "2026-01-01", end: "2026-03-31", granularity: "MONTHLY", groupBy: ["service"] });
   */
  queryLedger(query: LedgerQuery): Promise<LedgerAggregate[]>;
  /**
   * Which periods are stored, and whether they are final.
   *
   * @example
   * const missing = days.filter((d) => !coverage.some((c) => c.periodStart === d && c.final));
   */
  ledgerCoverage(options?: LedgerCoverageOptions): Promise<LedgerCoverageEntry[]>;
  /**
   * Stored rows of a window, in key order.
   *
   * @example
   * const rows = await storage.ledger.readCostRows({ granularity: "DAILY", start: "2026-02-01", end: "2026-02-01" });
   */
  readCostRows(options: ReadCostRowsOptions): Promise<CostLedgerRow[]>;
  /**
   * Delete a window's rows; returns how many.
   *
   * @example
   * await storage.ledger.deleteCostRows({ granularity: "DAILY", start: "2026-02-01", end: "2026-02-28" });
   */
  deleteCostRows(window: LedgerWindow): Promise<number>;
}

const KEY_COLUMNS = [
  "granularity",
  "metric",
  "dimension_key",
  "period_start",
  "service",
  "account",
  "region",
  "usage_type",
  "dimension_value",
] as const;
const VALUE_COLUMNS = ["amount", "unit", "estimated", "final", "fetched_at"] as const;
const ALL_COLUMNS = [...KEY_COLUMNS, ...VALUE_COLUMNS];

const DIMENSION_COLUMN = {
  account: "account",
  service: "service",
  region: "region",
  usageType: "usage_type",
  dimensionValue: "dimension_value",
} as const satisfies Record<LedgerDimension, keyof CostLedgerTable>;

const BATCH = 500;
const SQLITE_BATCH = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_START = /^\d{4}-\d{2}-01$/;
const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/;
const METRIC = /^[A-Za-z]{1,32}$/;
const MAX_AMOUNT_INTEGER_DIGITS = 18;

type Db = Kysely<AtlasDatabase>;

/**
 * A {@link LedgerRepository} over a storage context.
 *
 * @example
 * const ledger = createLedgerRepository(ctx);
 */
export function createLedgerRepository(ctx: StorageContext): LedgerRepository {
  const { db, dialect } = ctx;

  async function upsertCostRows(
    rows: Iterable<CostLedgerRowInput> | AsyncIterable<CostLedgerRowInput>,
    options: UpsertCostRowsOptions = {},
  ): Promise<{ written: number }> {
    throwIfAborted(options.signal);
    const replace = options.replace === undefined ? undefined : validateWindow(options.replace);
    const defaultFetchedAt = ctx.clock.now().toISOString();
    const normalize = createRowNormalizer(defaultFetchedAt);
    if (dialect === "sqlite" && ctx.sqlite !== undefined) {
      return upsertSqliteFast(rows, normalize, replace, options.signal);
    }
    return writeTransaction(ctx, "ledger", async (trx) => {
      if (replace !== undefined) await windowDelete(trx, replace);
      let written = 0;
      let batch = new Map<string, CostLedgerTable>();
      const flush = async () => {
        if (batch.size === 0) return;
        throwIfAborted(options.signal);
        await upsertBatch(trx, [...batch.values()]);
        batch = new Map();
      };
      for await (const input of rows) {
        const row = normalize(input, written);
        // PostgreSQL refuses to update one row twice in a statement: the last duplicate wins.
        batch.set(KEY_COLUMNS.map((c) => row[c]).join("\u0000"), row);
        written++;
        if (batch.size >= BATCH) await flush();
      }
      await flush();
      return { written };
    });
  }

  async function upsertBatch(trx: Db, rows: CostLedgerTable[]): Promise<void> {
    const insert = trx.insertInto("cost_ledger").values(rows);
    if (dialect === "mysql") {
      await insert
        .onDuplicateKeyUpdate({
          amount: sql`values(amount)`,
          unit: sql`values(unit)`,
          estimated: sql`values(estimated)`,
          final: sql`values(final)`,
          fetched_at: sql`values(fetched_at)`,
        })
        .execute();
      return;
    }
    await insert
      .onConflict((oc) =>
        oc.columns([...KEY_COLUMNS]).doUpdateSet((eb) => ({
          amount: eb.ref("excluded.amount"),
          unit: eb.ref("excluded.unit"),
          estimated: eb.ref("excluded.estimated"),
          final: eb.ref("excluded.final"),
          fetched_at: eb.ref("excluded.fetched_at"),
        })),
      )
      .execute();
  }

  /**
   * better-sqlite3 fast path: one prepared statement, one IMMEDIATE transaction, rows streamed.
   * Runs on Kysely's single connection, so no other query can slip into the open transaction.
   */
  async function upsertSqliteFast(
    rows: Iterable<CostLedgerRowInput> | AsyncIterable<CostLedgerRowInput>,
    normalize: RowNormalizer,
    replace: LedgerWindow | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ written: number }> {
    const raw = ctx.sqlite;
    if (raw === undefined) throw new AtlasError("INTERNAL", "SQLite handle missing");
    // Multi-row statements cut the per-statement overhead (about 10-15% faster than one row each);
    // SQLite applies ON CONFLICT row by row, so a key repeated within a batch still ends with the last row.
    const insert = (rowCount: number) =>
      raw.prepare(
        `insert into cost_ledger (${ALL_COLUMNS.map((c) => `"${c}"`).join(", ")}) values ` +
          Array.from({ length: rowCount }, () => `(${ALL_COLUMNS.map(() => "?").join(", ")})`).join(", ") +
          ` on conflict (${KEY_COLUMNS.map((c) => `"${c}"`).join(", ")}) do update set ` +
          VALUE_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(", "),
      );
    const batchStatement = insert(SQLITE_BATCH);
    const singleStatement = insert(1);
    try {
      return await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          if (replace !== undefined) await windowDelete(conn, replace);
          let written = 0;
          let params: unknown[] = [];
          const write = (input: CostLedgerRowInput) => {
            const row = normalize(input, written);
            params.push(
              row.granularity,
              row.metric,
              row.dimension_key,
              row.period_start,
              row.service,
              row.account,
              row.region,
              row.usage_type,
              row.dimension_value,
              row.amount,
              row.unit,
              row.estimated,
              row.final,
              row.fetched_at,
            );
            written++;
            if (params.length === SQLITE_BATCH * ALL_COLUMNS.length) {
              batchStatement.run(params);
              params = [];
            }
            if (written % 50_000 === 0) throwIfAborted(signal);
          };
          if (Symbol.iterator in rows) for (const input of rows) write(input);
          else for await (const input of rows) write(input);
          for (let i = 0; i < params.length; i += ALL_COLUMNS.length) singleStatement.run(params.slice(i, i + ALL_COLUMNS.length));
          await sql`commit`.execute(conn);
          return { written };
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      });
    } catch (error) {
      throw mapRuntimeError(error, ctx);
    }
  }

  async function windowDelete(trx: Db, window: LedgerWindow): Promise<number> {
    const result = await trx.deleteFrom("cost_ledger").where(windowFilter(window)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async function queryLedger(query: LedgerQuery): Promise<LedgerAggregate[]> {
    const granularity = checkGranularity(query.granularity);
    const from = checkGranularity(query.from ?? (granularity === "HOURLY" ? "HOURLY" : "DAILY"));
    const rank = { HOURLY: 0, DAILY: 1, MONTHLY: 2 } as const;
    if (rank[granularity] < rank[from]) {
      throw new AtlasError("INVALID_ARGUMENT", `Cannot answer ${granularity} periods from ${from} ledger rows`);
    }
    checkDay(query.start, "start");
    checkDay(query.end, "end");
    const metric = query.metric ?? "UnblendedCost";
    const groupBy = [...new Set(query.groupBy ?? [])];
    for (const dimension of groupBy) {
      if (!LEDGER_DIMENSIONS.includes(dimension)) throw new AtlasError("INVALID_ARGUMENT", `Cannot group the ledger by "${String(dimension)}"`);
    }
    const filter = query.filter ?? {};
    const period: RawBuilder<string> =
      granularity === from
        ? sql<string>`period_start`
        : granularity === "MONTHLY"
          ? sql<string>`substr(period_start, 1, 7)`
          : sql<string>`substr(period_start, 1, 10)`;
    const groupColumns = groupBy.map((d) => DIMENSION_COLUMN[d]);

    let q = db
      .selectFrom("cost_ledger")
      .where("granularity", "=", from)
      .where("metric", "=", metric)
      .where("dimension_key", "=", filter.dimensionKey ?? "")
      .where("period_start", ">=", query.start)
      .where("period_start", "<", nextDay(query.end));
    const lists: [keyof CostLedgerTable, string[] | undefined][] = [
      ["account", filter.accounts],
      ["service", filter.services],
      ["region", filter.regions],
      ["usage_type", filter.usageTypes],
      ["dimension_value", filter.dimensionValues],
    ];
    for (const [column, values] of lists) {
      if (values !== undefined) q = values.length === 0 ? q.where(sql<SqlBool>`1 = 0`) : q.where(column, "in", values);
    }
    const rows = await guard(
      q
        .select([period.as("period"), "unit", ...groupColumns])
        .select(amountSum())
        .select((eb) => [
          eb.fn.countAll().as("row_count"),
          eb.fn.max("estimated").as("any_estimated"),
          eb.fn.min("final").as("all_final"),
        ])
        .groupBy([period, "unit", ...groupColumns])
        .execute(),
    );
    const result = rows.map((row): LedgerAggregate => {
      const record = row as unknown as Record<string, unknown>;
      const keys: Partial<Record<LedgerDimension, string>> = {};
      for (const d of groupBy) keys[d] = String(record[DIMENSION_COLUMN[d]]);
      const periodText = String(record.period);
      return {
        periodStart: granularity === "MONTHLY" ? `${periodText.slice(0, 7)}-01` : periodText,
        keys,
        amount: readSum(record),
        unit: String(record.unit),
        estimated: toNumber(record.any_estimated) === 1,
        final: toNumber(record.all_final) === 1,
        rows: toNumber(record.row_count),
      };
    });
    return result.sort((a, b) => {
      let order = compareText(a.periodStart, b.periodStart);
      for (const d of groupBy) order ||= compareText(a.keys[d] ?? "", b.keys[d] ?? "");
      return order || compareText(a.unit, b.unit);
    });
  }

  /**
   * Exact sums. PostgreSQL and MySQL add numeric/decimal natively. SQLite has no decimal type: the
   * canonical text is split into its integer part and its 10-digit fraction, both summed as 64-bit
   * integers (an overflow raises an error, never a rounded answer), and recombined in JS.
   */
  function amountSum(): AliasedRawBuilder<unknown, string>[] {
    if (dialect !== "sqlite") return [sql`sum(amount)`.as("amount_sum")];
    const fraction = sql`cast(substr(amount || '0000000000', instr(amount || '.', '.') + 1, 10) as integer)`;
    return [
      sql`cast(sum(cast(amount as integer)) as text)`.as("amount_int"),
      sql`cast(sum(case when amount < '0' then -${fraction} else ${fraction} end) as text)`.as("amount_frac"),
    ];
  }

  function readSum(record: Record<string, unknown>): string {
    if (dialect !== "sqlite") return canonicalDecimal(String(record.amount_sum));
    const integer = BigInt(integerText(record.amount_int));
    const fraction = BigInt(integerText(record.amount_frac));
    return fromScaled(integer * 10n ** 10n + fraction);
  }

  async function ledgerCoverage(options: LedgerCoverageOptions = {}): Promise<LedgerCoverageEntry[]> {
    const granularity = checkGranularity(options.granularity ?? "DAILY");
    let q = db.selectFrom("cost_ledger").where("granularity", "=", granularity);
    if (options.metric !== undefined) q = q.where("metric", "=", options.metric);
    if (options.accounts !== undefined) q = options.accounts.length === 0 ? q.where(sql<SqlBool>`1 = 0`) : q.where("account", "in", options.accounts);
    if (options.start !== undefined) q = q.where("period_start", ">=", checkDay(options.start, "start"));
    if (options.end !== undefined) q = q.where("period_start", "<", nextDay(checkDay(options.end, "end")));
    const byAccount = options.byAccount === true;
    const rows = await guard(
      q
        .select(["period_start", ...(byAccount ? (["account"] as const) : [])])
        .select((eb) => [
          eb.fn.countAll().as("row_count"),
          eb.fn.min("final").as("all_final"),
          eb.fn.max("estimated").as("any_estimated"),
          eb.fn.max("fetched_at").as("last_fetch"),
        ])
        .groupBy(byAccount ? ["period_start", "account"] : ["period_start"])
        .execute(),
    );
    return rows
      .map((row) => {
        const record = row as unknown as Record<string, unknown>;
        const entry: LedgerCoverageEntry = {
          periodStart: String(record.period_start),
          rows: toNumber(record.row_count),
          final: toNumber(record.all_final) === 1,
          estimated: toNumber(record.any_estimated) === 1,
          fetchedAt: new Date(String(record.last_fetch)),
        };
        if (byAccount) entry.account = String(record.account);
        return entry;
      })
      .sort((a, b) => compareText(a.periodStart, b.periodStart) || compareText(a.account ?? "", b.account ?? ""));
  }

  async function readCostRows(options: ReadCostRowsOptions): Promise<CostLedgerRow[]> {
    const window = validateWindow(options);
    let q = db.selectFrom("cost_ledger").selectAll().where(windowFilter(window));
    for (const column of KEY_COLUMNS) q = q.orderBy(column);
    if (options.limit !== undefined) q = q.limit(limitOf(options.limit, 1));
    const rows = await guard(q.execute());
    return rows
      .map((row) => ({
        granularity: row.granularity as CostGranularity,
        periodStart: row.period_start,
        metric: row.metric,
        amount: canonicalDecimal(String(row.amount)),
        unit: row.unit,
        account: row.account,
        service: row.service,
        region: row.region,
        usageType: row.usage_type,
        dimensionKey: row.dimension_key,
        dimensionValue: row.dimension_value,
        estimated: row.estimated === 1,
        final: row.final === 1,
        fetchedAt: new Date(row.fetched_at),
      }))
      .sort((a, b) => {
        const ka = [a.granularity, a.metric, a.dimensionKey, a.periodStart, a.service, a.account, a.region, a.usageType, a.dimensionValue];
        const kb = [b.granularity, b.metric, b.dimensionKey, b.periodStart, b.service, b.account, b.region, b.usageType, b.dimensionValue];
        for (let i = 0; i < ka.length; i++) {
          const order = compareText(ka[i] ?? "", kb[i] ?? "");
          if (order !== 0) return order;
        }
        return 0;
      });
  }

  async function deleteCostRows(window: LedgerWindow): Promise<number> {
    const valid = validateWindow(window);
    return writeTransaction(ctx, "ledger", (trx) => windowDelete(trx, valid));
  }

  async function guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw mapRuntimeError(error, ctx);
    }
  }

  return { upsertCostRows, queryLedger, ledgerCoverage, readCostRows, deleteCostRows };
}

/** SUM() of no rows is NULL; drivers return integers as text, number or bigint. */
function integerText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "bigint" ? String(value) : "0";
}

function windowFilter(window: LedgerWindow): Expression<SqlBool> {
  return sql<SqlBool>`${sql.join(
    [
      sql`granularity = ${window.granularity}`,
      sql`period_start >= ${window.start}`,
      sql`period_start < ${nextDay(window.end)}`,
      ...(window.accounts === undefined ? [] : [inList("account", window.accounts)]),
      ...(window.metrics === undefined ? [] : [inList("metric", window.metrics)]),
      ...(window.dimensionKey === undefined ? [] : [sql`dimension_key = ${window.dimensionKey}`]),
    ],
    sql` and `,
  )}`;
}

function inList(column: string, values: string[]): RawBuilder<unknown> {
  if (values.length === 0) return sql`1 = 0`;
  return sql`${sql.ref(column)} in (${sql.join(values)})`;
}

function validateWindow<W extends LedgerWindow>(window: W): W {
  checkGranularity(window.granularity);
  checkDay(window.start, "start");
  checkDay(window.end, "end");
  if (window.start > window.end) throw new AtlasError("INVALID_ARGUMENT", `Window start ${window.start} is after its end ${window.end}`);
  return window;
}

function checkGranularity(value: string): CostGranularity {
  if ((COST_GRANULARITIES as readonly string[]).includes(value)) return value as CostGranularity;
  throw new AtlasError("INVALID_ARGUMENT", `Granularity "${value}" is not one of ${COST_GRANULARITIES.join(", ")}`);
}

function checkDay(value: string, what: string): string {
  if (!DAY.test(value) || !isRealDay(value)) {
    throw new AtlasError("INVALID_ARGUMENT", `Ledger ${what} "${value}" is not a date`, { hint: "Use YYYY-MM-DD" });
  }
  return value;
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** The day after a `YYYY-MM-DD` day, as the exclusive upper bound of text comparisons. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

type RowNormalizer = (input: CostLedgerRowInput, index: number) => CostLedgerTable;

/**
 * Hand-written validation: this runs a million times in a bulk sync, where a schema library
 * costs more than the insert. Period strings repeat, so the last valid one is remembered.
 */
function createRowNormalizer(defaultFetchedAt: string): RowNormalizer {
  let lastPeriod: string | undefined;
  let lastFetched: Date | string | undefined;
  let lastFetchedIso = defaultFetchedAt;
  const text = (value: unknown, max: number, field: string, index: number, required: boolean): string => {
    if (value === undefined && !required) return "";
    if (typeof value !== "string" || value.length > max || (required && value === "")) {
      throw rowError(index, `${field} must be a ${required ? "non-empty " : ""}string of at most ${max} characters`);
    }
    return value;
  };
  return (input, index) => {
    if (typeof input !== "object" || input === null) throw rowError(index, "is not an object");
    const granularity = input.granularity;
    const period = input.periodStart;
    if (granularity + "|" + period !== lastPeriod) {
      const ok =
        typeof period === "string" &&
        (granularity === "DAILY"
          ? DAY.test(period) && isRealDay(period)
          : granularity === "MONTHLY"
            ? MONTH_START.test(period) && isRealDay(period)
            : granularity === "HOURLY"
              ? HOUR.test(period) && isRealDay(period.slice(0, 10)) && Number(period.slice(11, 13)) < 24
              : false);
      if (!ok) throw rowError(index, `periodStart "${String(period)}" does not fit granularity ${String(granularity)}`);
      lastPeriod = granularity + "|" + period;
    }
    if (typeof input.metric !== "string" || !METRIC.test(input.metric)) throw rowError(index, `metric "${String(input.metric)}" is not a metric name`);
    if (typeof input.amount !== "string") throw rowError(index, "amount must be a decimal string");
    let amount: string;
    try {
      amount = canonicalDecimal(input.amount);
    } catch (error) {
      throw rowError(index, error instanceof Error ? error.message : String(error));
    }
    // SQLite sums integer parts as 64-bit integers; 18 digits keep every engine on the same domain.
    if ((amount.split(".")[0] ?? "").replace(/^-/, "").length > MAX_AMOUNT_INTEGER_DIGITS) {
      throw rowError(index, `amount "${input.amount}" has more than ${MAX_AMOUNT_INTEGER_DIGITS} integer digits`);
    }
    if (input.fetchedAt !== undefined && input.fetchedAt !== lastFetched) {
      const date = typeof input.fetchedAt === "string" ? new Date(input.fetchedAt) : input.fetchedAt;
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw rowError(index, "fetchedAt is not a date-time");
      lastFetched = input.fetchedAt;
      lastFetchedIso = date.toISOString();
    }
    return {
      granularity,
      metric: input.metric,
      dimension_key: text(input.dimensionKey, L.dimensionKey, "dimensionKey", index, false),
      period_start: period,
      service: text(input.service, L.costService, "service", index, false),
      account: text(input.account, L.account, "account", index, false),
      region: text(input.region, L.costRegion, "region", index, false),
      usage_type: text(input.usageType, L.usageType, "usageType", index, false),
      dimension_value: text(input.dimensionValue, L.dimensionValue, "dimensionValue", index, false),
      amount,
      unit: text(input.unit, L.unit, "unit", index, true),
      estimated: input.estimated === true ? 1 : 0,
      final: input.final === true ? 1 : 0,
      fetched_at: input.fetchedAt === undefined ? defaultFetchedAt : lastFetchedIso,
    };
  };
}

function rowError(index: number, message: string): AtlasError {
  return new AtlasError("INVALID_ARGUMENT", `Ledger row ${index}: ${message}`);
}
