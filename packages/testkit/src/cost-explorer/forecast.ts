// GetCostForecast: a deterministic forecast from the ledger's recent history: a linear trend with
// weekday factors for daily spend, plus the last month-start charges on each first of the month.
import { AwsServiceError, type RequestContext } from "../protocol.js";
import { aggregate, periodsOf } from "./aggregate.js";
import { addMonthsClamped, dayOf, formatDay, parseDay, partsOf, weekday } from "./dates.js";
import { compileFilter } from "./expression.js";
import { METRIC_DECIMALS, formatUnits, type CostMetric } from "./fixed-point.js";
import type { LedgerIndex } from "./ledger-index.js";
import { invalid, optionalInteger, requireRecord, requireString } from "./request.js";
import { readGranularity } from "./time-period.js";

/**
 * GetCostForecast's metric names and the ledger metric each forecasts.
 *
 * @example
 * FORECAST_METRICS.UNBLENDED_COST; // "UnblendedCost"
 */
export const FORECAST_METRICS: Readonly<Record<string, CostMetric>> = {
  AMORTIZED_COST: "AmortizedCost",
  BLENDED_COST: "BlendedCost",
  NET_AMORTIZED_COST: "NetAmortizedCost",
  NET_UNBLENDED_COST: "NetUnblendedCost",
  NORMALIZED_USAGE_AMOUNT: "NormalizedUsageAmount",
  UNBLENDED_COST: "UnblendedCost",
  USAGE_QUANTITY: "UsageQuantity",
};

const HISTORY_DAYS = 56;

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9).
 *
 * @example
 * normalQuantile(0.975); // 1.959963...
 */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0] = a;
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0] = b;
  const [c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0] = c;
  const [d0 = 0, d1 = 0, d2 = 0, d3 = 0] = d;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

interface History {
  /** Intercept and slope of daily spend (per day, in the metric's units) against the day number. */
  readonly intercept: number;
  readonly slope: number;
  readonly weekdayFactors: readonly number[];
  readonly residual: number;
  /** Month-start charges of the latest first of the month, in the metric's units. */
  readonly monthStart: number;
}

function learnHistory(index: LedgerIndex, metric: CostMetric, mask: Uint8Array | undefined, today: number): History {
  const to = Math.min(today, index.endDay);
  const from = Math.max(index.firstDay, to - HISTORY_DAYS);
  if (from >= to) throw new AwsServiceError("DataUnavailableException", "Insufficient amount of historical data to generate the forecast.", 400);
  const lines = index.dataset.lineItems.length;
  const groupOfLine = Int32Array.from({ length: lines }, (_, line) => index.monthStart[line] ?? 0);
  const periods = periodsOf("DAILY", from, to);
  const result = aggregate({ index, granularity: "DAILY", periods, metrics: [metric], mask, groupOfLine, groupCount: 2 });
  const days = periods.map((period) => period.start);
  const daily = periods.map((_, p) => Number(result.sums.get(p * 2)));
  const seen = periods.some((_, p) => result.seen[p * 2] === 1 || result.seen[p * 2 + 1] === 1);
  if (!seen) throw new AwsServiceError("DataUnavailableException", "Insufficient amount of historical data to generate the forecast.", 400);

  const mean = daily.reduce((sum, value) => sum + value, 0) / daily.length;
  const weekdayFactors = Array.from({ length: 7 }, (_, dow) => {
    const values = daily.filter((_, i) => weekday(days[i] ?? 0) === dow);
    const average = values.length === 0 ? mean : values.reduce((sum, value) => sum + value, 0) / values.length;
    return mean === 0 ? 1 : average / mean;
  });
  const adjusted = daily.map((value, i) => value / (weekdayFactors[weekday(days[i] ?? 0)] || 1));
  const meanDay = days.reduce((sum, day) => sum + day, 0) / days.length;
  const meanValue = adjusted.reduce((sum, value) => sum + value, 0) / adjusted.length;
  let covariance = 0;
  let variance = 0;
  days.forEach((day, i) => {
    covariance += (day - meanDay) * ((adjusted[i] ?? 0) - meanValue);
    variance += (day - meanDay) ** 2;
  });
  const slope = variance === 0 ? 0 : covariance / variance;
  const intercept = meanValue - slope * meanDay;
  const residuals = days.map((day, i) => (daily[i] ?? 0) - (intercept + slope * day) * (weekdayFactors[weekday(day)] ?? 1));
  const residual = Math.sqrt(residuals.reduce((sum, value) => sum + value * value, 0) / Math.max(1, residuals.length - 2));

  let monthStart = 0;
  for (let p = periods.length - 1; p >= 0; p--) {
    if (partsOf(days[p] ?? 0).day === 1) {
      monthStart = Number(result.sums.get(p * 2 + 1));
      break;
    }
  }
  return { intercept, slope, weekdayFactors, residual, monthStart };
}

/**
 * The GetCostForecast handler.
 *
 * @example
 * getCostForecast({ TimePeriod: { Start: "2026-03-15", End: "2026-05-01" }, Metric: "UNBLENDED_COST", Granularity: "MONTHLY" }, { now }, index);
 */
export function getCostForecast(body: Record<string, unknown>, ctx: RequestContext, index: LedgerIndex): unknown {
  const metricName = requireString(body, "Metric");
  const metric = FORECAST_METRICS[metricName];
  if (!metric) {
    throw invalid(
      `1 validation error detected: Value '${metricName}' at 'metric' failed to satisfy constraint: Member must satisfy enum value set: [${Object.keys(FORECAST_METRICS).join(", ")}]`,
    );
  }
  const granularity = readGranularity(body, ["DAILY", "MONTHLY"]);
  const level = optionalInteger(body, "PredictionIntervalLevel", 51, 99) ?? 80;
  const mask = compileFilter(body.Filter, index);
  const period = requireRecord(body, "TimePeriod");
  const startText = requireString(period, "Start");
  const endText = requireString(period, "End");
  const start = parseDay(startText);
  const end = parseDay(endText);
  if (start === undefined) throw invalid(`Start date ${startText} is invalid: the expected format is yyyy-MM-dd`);
  if (end === undefined) throw invalid(`End date ${endText} is invalid: the expected format is yyyy-MM-dd`);
  const today = dayOf(ctx.now);
  if (start < today) throw invalid(`Start date must be equal to or later than the current date: ${formatDay(today)}`);
  if (start >= end) throw invalid("Start date should be before end date");
  const horizonMonths = granularity === "DAILY" ? 3 : 18;
  if (end > addMonthsClamped(start, horizonMonths)) {
    throw invalid(`A ${granularity} forecast can cover at most ${horizonMonths} months: end date ${endText} is too far from ${startText}`);
  }

  const history = learnHistory(index, metric, mask, today);
  const decimals = METRIC_DECIMALS[metric];
  const z = normalQuantile(0.5 + level / 200);
  const dayUnits = (day: number): number => {
    const trend = Math.max(0, history.intercept + history.slope * day) * (history.weekdayFactors[weekday(day)] ?? 1);
    const fee = partsOf(day).day === 1 ? history.monthStart : 0;
    // History is in whole metric units already: round each day so that periods and the total add up exactly.
    return Math.round(trend + fee);
  };
  let total = 0n;
  const results = periodsOf(granularity, start, end).map((chunk) => {
    let mean = 0n;
    for (let day = chunk.start; day < chunk.end; day++) mean += BigInt(dayUnits(day));
    total += mean;
    const days = chunk.end - chunk.start;
    const ahead = chunk.end - today;
    // Daily errors are far from independent (a trend error persists), so widths grow with the days
    // themselves, and further with the distance ahead.
    const halfWidth = BigInt(Math.round(z * history.residual * days * (1 + ahead / 90)));
    const lower = mean - halfWidth;
    return {
      TimePeriod: { Start: formatDay(chunk.start), End: formatDay(chunk.end) },
      MeanValue: formatUnits(mean, decimals),
      PredictionIntervalLowerBound: formatUnits(mean >= 0n && lower < 0n ? 0n : lower, decimals),
      PredictionIntervalUpperBound: formatUnits(mean + halfWidth, decimals),
    };
  });
  const unit = metric === "UsageQuantity" || metric === "NormalizedUsageAmount" ? "N/A" : "USD";
  return { Total: { Amount: formatUnits(total, decimals), Unit: unit }, ForecastResultsByTime: results };
}
