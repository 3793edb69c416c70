import * as z from "zod";
import type { LedgerDimension } from "../storage/ledger-repository.js";
import type { PreferenceRepository } from "../storage/preference-repository.js";
import { addDays, type DateRange } from "./cost-query.js";

/**
 * Cost Explorer dimensions the ledger can be broken down by (its columns).
 *
 * @example
 * LEDGER_BREAKDOWN_KEYS.includes("REGION"); // true
 */
export const LEDGER_BREAKDOWN_KEYS = ["LINKED_ACCOUNT", "SERVICE", "REGION", "USAGE_TYPE"] as const;

/**
 * One of {@link LEDGER_BREAKDOWN_KEYS}.
 *
 * @example
 * const key: LedgerBreakdownKey = "SERVICE";
 */
export type LedgerBreakdownKey = (typeof LEDGER_BREAKDOWN_KEYS)[number];

/**
 * The default breakdown of `cost sync`: account x service. GetCostAndUsage groups by at most two
 * keys, so one request covers two of the four ledger dimensions.
 *
 * @example
 * await costs.sync({ breakdown: DEFAULT_LEDGER_BREAKDOWN });
 */
export const DEFAULT_LEDGER_BREAKDOWN: readonly LedgerBreakdownKey[] = ["LINKED_ACCOUNT", "SERVICE"];

/**
 * The ledger column of each breakdown key.
 *
 * @example
 * BREAKDOWN_COLUMN.USAGE_TYPE; // "usageType"
 */
export const BREAKDOWN_COLUMN: Readonly<Record<LedgerBreakdownKey, LedgerDimension>> = {
  LINKED_ACCOUNT: "account",
  SERVICE: "service",
  REGION: "region",
  USAGE_TYPE: "usageType",
};

/**
 * What `cost sync` has stored: its breakdown, metrics and account scope, the days it covers
 * (including days without any cost) and which of them are not final yet. Kept in the preferences
 * table (not the cache, so `cache clear` never forces a full re-sync).
 *
 * @example
 * const state = await readLedgerState(storage.preferences);
 * state?.ranges; // [{ start: "2025-02-01", end: "2026-03-14" }]
 */
export interface LedgerSyncState {
  version: 1;
  breakdown: LedgerBreakdownKey[];
  metrics: string[];
  /** LINKED_ACCOUNT values the ledger is limited to; null = every account the caller sees. */
  accounts: string[] | null;
  /** Days stored, as sorted, disjoint, non-adjacent inclusive ranges. */
  ranges: DateRange[];
  /** Stored days that are not final (AWS may still revise them), sorted. */
  nonFinal: string[];
  /** When each non-final day was last fetched (ISO date-time). */
  fetchedAt: Record<string, string>;
  updatedAt: string;
}

/**
 * The preference key of {@link LedgerSyncState}.
 *
 * @example
 * await storage.preferences.delete(LEDGER_STATE_KEY); // forget what was synced
 */
export const LEDGER_STATE_KEY = "costs.ledger.sync";

const rangeSchema = z.object({ start: z.string(), end: z.string() });
const stateSchema = z.object({
  version: z.literal(1),
  breakdown: z.array(z.enum(LEDGER_BREAKDOWN_KEYS)),
  metrics: z.array(z.string()),
  accounts: z.array(z.string()).nullable(),
  ranges: z.array(rangeSchema),
  nonFinal: z.array(z.string()),
  fetchedAt: z.record(z.string(), z.string()).default({}),
  updatedAt: z.string(),
});

/**
 * Read the ledger's sync state; undefined when nothing was synced (or the stored value is unreadable).
 *
 * @example
 * const state = await readLedgerState(storage.preferences);
 */
export async function readLedgerState(preferences: PreferenceRepository): Promise<LedgerSyncState | undefined> {
  const parsed = stateSchema.safeParse(await preferences.get(LEDGER_STATE_KEY));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Store the ledger's sync state.
 *
 * @example
 * await writeLedgerState(storage.preferences, state, new Date());
 */
export async function writeLedgerState(preferences: PreferenceRepository, state: LedgerSyncState, now: Date): Promise<void> {
  await preferences.set(LEDGER_STATE_KEY, { ...state, updatedAt: now.toISOString() }, { now });
}

/**
 * Add a range to a set of ranges, merging overlapping and adjacent ones.
 *
 * @example
 * addRange([{ start: "2026-01-01", end: "2026-01-31" }], { start: "2026-02-01", end: "2026-02-10" });
 * // [{ start: "2026-01-01", end: "2026-02-10" }]
 */
export function addRange(ranges: readonly DateRange[], range: DateRange): DateRange[] {
  const all = [...ranges, range].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: DateRange[] = [];
  for (const next of all) {
    const last = out[out.length - 1];
    if (last !== undefined && addDays(last.end, 1) >= next.start) {
      if (next.end > last.end) last.end = next.end;
    } else {
      out.push({ ...next });
    }
  }
  return out;
}

/**
 * Whether every day of `range` is in `ranges`.
 *
 * @example
 * coversRange([{ start: "2026-01-01", end: "2026-03-31" }], { start: "2026-02-01", end: "2026-02-28" }); // true
 */
export function coversRange(ranges: readonly DateRange[], range: DateRange): boolean {
  return ranges.some((stored) => stored.start <= range.start && stored.end >= range.end);
}

/**
 * Whether one day is in `ranges`.
 *
 * @example
 * isStoredDay([{ start: "2026-01-01", end: "2026-01-31" }], "2026-01-15"); // true
 */
export function isStoredDay(ranges: readonly DateRange[], day: string): boolean {
  return ranges.some((stored) => stored.start <= day && stored.end >= day);
}
