import type { CeAnomaly, CeRootCause, GetAnomaliesInput } from "../aws/cost-explorer-port.js";
import { AtlasError } from "../errors.js";
import { compareAmounts, requestPriceUsd, toAmount } from "./cost-amount.js";
import type { CostContext } from "./cost-context.js";
import { addDays } from "./cost-dates.js";
import type { CostPlan } from "./cost-query-runner.js";
import type { CostRequests } from "./cost-result.js";
import type { SpendMeter } from "./spend-guard.js";

/**
 * Options for {@link CostService.anomalies}.
 *
 * @example
 * const options: CostAnomaliesOptions = { days: 30 };
 */
export interface CostAnomaliesOptions {
  /** The last N days, today included (default 30). */
  days?: number;
  /** Only this monitor's anomalies. */
  monitorArn?: string;
  signal?: AbortSignal;
}

/**
 * One anomaly found by AWS Cost Anomaly Detection. Money as decimal strings; dates `YYYY-MM-DD`
 * (`end` null while the anomaly is still going on).
 *
 * @example
 * const top = (await costs.anomalies({ days: 30 })).anomalies[0];
 * top?.impact.total; // "412.55"
 */
export interface CostAnomaly {
  id: string;
  /** The service of the first root cause, else the monitored dimension value. */
  service: string | null;
  accountId: string | null;
  region: string | null;
  start: string | null;
  end: string | null;
  impact: {
    /** Total unexpected spend (USD). */
    total: string;
    /** Largest daily unexpected spend (USD). */
    max: string;
    actual: string | null;
    expected: string | null;
    /** Percentage over the expected spend, e.g. "35.2". */
    percent: string | null;
  };
  score: { max: number; current: number };
  rootCauses: CeRootCause[];
  monitorArn: string;
  feedback: string | null;
}

/**
 * What {@link CostService.anomalies} returns, biggest total impact first.
 *
 * @example
 * const { anomalies, requests } = await costs.anomalies({ days: 7 });
 */
export interface CostAnomaliesResult {
  /** Inclusive days asked for (GetAnomalies' end date is inclusive). */
  start: string;
  end: string;
  anomalies: CostAnomaly[];
  requests: CostRequests;
}

/**
 * The period of an anomaly listing (the last `days` days including today).
 *
 * @example
 * anomalyWindow(ctx, { days: 7 }); // { start: today - 6, end: today }
 */
export function anomalyWindow(ctx: CostContext, options: CostAnomaliesOptions): { start: string; end: string } {
  const days = options.days ?? 30;
  if (!Number.isInteger(days) || days < 1) throw new AtlasError("INVALID_QUERY", `--days ${days} is not a whole number >= 1`);
  const end = ctx.today();
  return { start: addDays(end, -(days - 1)), end };
}

/**
 * The plan of an anomaly listing: one request, more pages when there are many anomalies.
 *
 * @example
 * const plan = anomaliesPlan(anomalyWindow(ctx, { days: 30 }));
 */
export function anomaliesPlan(window: { start: string; end: string }): CostPlan {
  return {
    operation: "GetAnomalies",
    requests: [{ operation: "GetAnomalies", period: window, pages: 1, reason: "anomalies are reported as they happen" }],
    paidRequests: 1,
    priceUsd: requestPriceUsd(1),
    cached: 0,
    fromLedger: false,
    parts: [],
  };
}

const number = (value: number | undefined): string | null => (value === undefined || !Number.isFinite(value) ? null : toAmount(value));

function toAnomaly(anomaly: CeAnomaly): CostAnomaly {
  const cause = anomaly.rootCauses[0];
  return {
    id: anomaly.anomalyId,
    service: cause?.service ?? anomaly.dimensionValue ?? null,
    accountId: cause?.linkedAccount ?? null,
    region: cause?.region ?? null,
    start: anomaly.startDate === undefined ? null : anomaly.startDate.slice(0, 10),
    end: anomaly.endDate === undefined ? null : anomaly.endDate.slice(0, 10),
    impact: {
      total: number(anomaly.impact.total) ?? "0",
      max: number(anomaly.impact.max) ?? "0",
      actual: number(anomaly.impact.totalActualSpend),
      expected: number(anomaly.impact.totalExpectedSpend),
      percent: number(anomaly.impact.totalImpactPercentage),
    },
    score: { max: anomaly.score.max, current: anomaly.score.current },
    rootCauses: anomaly.rootCauses.map((root) => ({ ...root })),
    monitorArn: anomaly.monitorArn,
    feedback: anomaly.feedback ?? null,
  };
}

/**
 * List anomalies (GetAnomalies, every page; its DateInterval end date is inclusive).
 *
 * @example
 * const result = await runAnomalies(ctx, { days: 30 }, meter);
 */
export async function runAnomalies(ctx: CostContext, options: CostAnomaliesOptions, meter: SpendMeter): Promise<CostAnomaliesResult> {
  const window = anomalyWindow(ctx, options);
  meter.ensure(1, `Listing anomalies ${window.start}..${window.end}`);
  const before = meter.made;
  const base: GetAnomaliesInput = {
    dateInterval: { startDate: window.start, endDate: window.end },
    ...(options.monitorArn === undefined ? {} : { monitorArn: options.monitorArn }),
  };
  const anomalies: CostAnomaly[] = [];
  let token: string | undefined;
  let page = 0;
  do {
    page += 1;
    const pageToken = token;
    const out = await ctx.call((signal) => ctx.ce.getAnomalies(pageToken === undefined ? base : { ...base, nextPageToken: pageToken }, { signal }), {
      meter,
      signal: options.signal,
      label: `GetAnomalies ${window.start}..${window.end} page ${page}`,
      error: { operation: "GetAnomalies", start: window.start, end: window.end },
    });
    anomalies.push(...out.anomalies.map(toAnomaly));
    token = out.nextPageToken;
  } while (token !== undefined && token !== "");
  anomalies.sort((a, b) => compareAmounts(b.impact.total, a.impact.total) || (a.start ?? "").localeCompare(b.start ?? ""));
  const made = meter.made - before;
  return { ...window, anomalies, requests: { made, cached: 0, priceUsd: requestPriceUsd(made), fromLedger: 0 } };
}
