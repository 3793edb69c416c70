// GetAnomalies and GetAnomalyMonitors, answered from the dataset's labelled anomalies: an anomaly is
// reported once it has started, up to the last day with data, with its impact measured on the ledger.
import { AwsServiceError, type RequestContext } from "../protocol.js";
import type { CostAnomalyMonitor, LabelledAnomaly } from "./dataset.js";
import { dayOf, formatDay, parseDay } from "./dates.js";
import type { LedgerIndex } from "./ledger-index.js";
import { uuidOf } from "./random.js";
import {
  decodePageToken,
  encodePageToken,
  fingerprintOf,
  invalid,
  optionalInteger,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalStringArray,
  requireRecord,
  requireString,
} from "./request.js";

/**
 * Settings of the anomaly listings.
 *
 * @example
 * const settings: AnomalySettings = { anomaliesPageSize: 100 };
 */
export interface AnomalySettings {
  /** Anomalies or monitors per page when the request has no MaxResults. */
  readonly anomaliesPageSize: number;
}

const FEEDBACK = ["YES", "NO", "PLANNED_ACTIVITY"] as const;
const OPERATORS = ["EQUAL", "GREATER_THAN_OR_EQUAL", "LESS_THAN_OR_EQUAL", "GREATER_THAN", "LESS_THAN", "BETWEEN"] as const;

const round2 = (value: number): number => Math.round(value * 100) / 100;

function unknownMonitor(arn: string): AwsServiceError {
  return new AwsServiceError("UnknownMonitorException", `Cost anomaly monitor does not exist for the account: ${arn}`, 400);
}

interface ReportedAnomaly {
  readonly Anomaly: Record<string, unknown>;
  readonly endDay: number;
  readonly totalImpact: number;
}

/** Measures a labelled anomaly on the ledger up to `lastDay` (inclusive). */
function measure(index: LedgerIndex, label: LabelledAnomaly, from: number, lastDay: number): { actual: number; expected: number; max: number } {
  const line = index.dataset.lineItems.findIndex((item) => item.key === label.lineKey);
  const { rows } = index.dataset;
  const column = rows.metrics.UnblendedCost;
  let actual = 0;
  let expected = 0;
  let max = 0;
  for (let day = Math.max(from, index.firstDay); day <= Math.min(lastDay, index.endDay - 1); day++) {
    for (let row = rows.dayOffsets[day - index.firstDay] ?? 0; row < (rows.dayOffsets[day - index.firstDay + 1] ?? 0); row++) {
      if (rows.line[row] !== line) continue;
      const spent = (column[row] ?? 0) / 1e10;
      const normal = spent / label.factor;
      actual += spent;
      expected += normal;
      max = Math.max(max, spent - normal);
    }
  }
  return { actual, expected, max };
}

function reportAll(index: LedgerIndex, now: Date): ReportedAnomaly[] {
  const { dataset } = index;
  const lastDay = Math.min(dayOf(now), index.endDay) - 1;
  const reported: ReportedAnomaly[] = [];
  for (const label of dataset.anomalies) {
    const start = parseDay(label.start) ?? 0;
    const end = parseDay(label.end) ?? 0;
    if (start > lastDay) continue;
    const endDay = Math.min(end, lastDay);
    const ongoing = end > lastDay;
    const { actual, expected, max } = measure(index, label, start, endDay);
    const maxScore = round2(Math.min(0.99, 0.35 + 0.3 * Math.log2(label.factor)));
    const totalImpact = round2(actual - expected);
    const monitors = dataset.monitors.filter((monitor) => monitor.type === "DIMENSIONAL" || monitor.accountIds.includes(label.accountId));
    monitors.forEach((monitor) => {
      reported.push({
        endDay,
        totalImpact,
        Anomaly: {
          AnomalyId: monitor.type === "DIMENSIONAL" ? label.id : uuidOf(dataset.seed, "anomaly-custom", label.id, monitor.arn),
          AnomalyStartDate: formatDay(start),
          AnomalyEndDate: formatDay(endDay),
          DimensionValue: label.service,
          RootCauses: [
            {
              Service: label.service,
              Region: label.region,
              LinkedAccount: label.accountId,
              LinkedAccountName: label.accountName,
              UsageType: label.usageType,
              Impact: { Contribution: totalImpact },
            },
          ],
          AnomalyScore: { MaxScore: maxScore, CurrentScore: ongoing ? maxScore : round2(maxScore * 0.25) },
          Impact: {
            MaxImpact: round2(max),
            TotalImpact: totalImpact,
            TotalActualSpend: round2(actual),
            TotalExpectedSpend: round2(expected),
            ...(expected > 0 ? { TotalImpactPercentage: round2((100 * (actual - expected)) / expected) } : {}),
          },
          MonitorArn: monitor.arn,
          ...(label.feedback ? { Feedback: label.feedback } : {}),
        },
      });
    });
  }
  return reported.sort((a, b) => b.endDay - a.endDay || String(a.Anomaly.AnomalyId).localeCompare(String(b.Anomaly.AnomalyId)));
}

function matchesImpact(filter: Record<string, unknown> | undefined, impact: number): boolean {
  if (!filter) return true;
  const operator = requireString(filter, "NumericOperator");
  if (!(OPERATORS as readonly string[]).includes(operator)) throw invalid(`NumericOperator '${operator}' is invalid. Valid values are ${OPERATORS.join(", ")}`);
  const start = optionalNumber(filter, "StartValue");
  if (start === undefined) throw invalid("TotalImpact.StartValue is required");
  const end = optionalNumber(filter, "EndValue");
  switch (operator) {
    case "EQUAL":
      return impact === start;
    case "GREATER_THAN_OR_EQUAL":
      return impact >= start;
    case "LESS_THAN_OR_EQUAL":
      return impact <= start;
    case "GREATER_THAN":
      return impact > start;
    case "LESS_THAN":
      return impact < start;
    default:
      if (end === undefined) throw invalid("TotalImpact.EndValue is required for BETWEEN");
      return impact >= start && impact <= end;
  }
}

/**
 * The GetAnomalies handler: anomalies whose AnomalyEndDate is within DateInterval (both ends inclusive).
 *
 * @example
 * getAnomalies({ DateInterval: { StartDate: "2026-03-01", EndDate: "2026-03-14" } }, { now }, index, settings);
 */
export function getAnomalies(body: Record<string, unknown>, ctx: RequestContext, index: LedgerIndex, settings: AnomalySettings): unknown {
  const interval = requireRecord(body, "DateInterval");
  const startText = requireString(interval, "StartDate");
  const endText = optionalString(interval, "EndDate");
  const from = parseDay(startText);
  if (from === undefined) throw invalid(`StartDate ${startText} is invalid: the expected format is yyyy-MM-dd`);
  const to = endText === undefined ? dayOf(ctx.now) : parseDay(endText);
  if (to === undefined) throw invalid(`EndDate ${String(endText)} is invalid: the expected format is yyyy-MM-dd`);
  if (from > to) throw invalid("StartDate must be on or before EndDate");
  const monitorArn = optionalString(body, "MonitorArn");
  if (monitorArn !== undefined && !index.dataset.monitors.some((monitor) => monitor.arn === monitorArn)) throw unknownMonitor(monitorArn);
  const feedback = optionalString(body, "Feedback");
  if (feedback !== undefined && !(FEEDBACK as readonly string[]).includes(feedback)) throw invalid(`Feedback '${feedback}' is invalid. Valid values are ${FEEDBACK.join(", ")}`);
  const impactFilter = optionalRecord(body, "TotalImpact");
  const maxResults = optionalInteger(body, "MaxResults", 1, 1000) ?? settings.anomaliesPageSize;
  matchesImpact(impactFilter, 0); // validates the filter even when nothing matches

  const matching = reportAll(index, ctx.now).filter(
    (entry) =>
      entry.endDay >= from &&
      entry.endDay <= to &&
      (monitorArn === undefined || entry.Anomaly.MonitorArn === monitorArn) &&
      (feedback === undefined || entry.Anomaly.Feedback === feedback) &&
      matchesImpact(impactFilter, entry.totalImpact),
  );
  const fingerprint = fingerprintOf(body);
  const offset = decodePageToken(optionalString(body, "NextPageToken"), fingerprint, matching.length);
  const next = offset + maxResults < matching.length ? encodePageToken(offset + maxResults, fingerprint) : undefined;
  return {
    Anomalies: matching.slice(offset, offset + maxResults).map((entry) => entry.Anomaly),
    ...(next ? { NextPageToken: next } : {}),
  };
}

function monitorOf(monitor: CostAnomalyMonitor, index: LedgerIndex, now: Date): Record<string, unknown> {
  const evaluated = formatDay(Math.min(dayOf(now), index.endDay) - 1);
  const services = new Set(index.dataset.lineItems.map((line) => line.service)).size;
  return {
    MonitorArn: monitor.arn,
    MonitorName: monitor.name,
    CreationDate: monitor.createdOn,
    LastUpdatedDate: monitor.createdOn,
    LastEvaluatedDate: evaluated,
    MonitorType: monitor.type,
    ...(monitor.type === "DIMENSIONAL"
      ? { MonitorDimension: monitor.dimension ?? "SERVICE", DimensionalValueCount: services }
      : { MonitorSpecification: { Dimensions: { Key: "LINKED_ACCOUNT", Values: [...monitor.accountIds] } } }),
  };
}

/**
 * The GetAnomalyMonitors handler.
 *
 * @example
 * getAnomalyMonitors({}, { now }, index, settings);
 */
export function getAnomalyMonitors(body: Record<string, unknown>, ctx: RequestContext, index: LedgerIndex, settings: AnomalySettings): unknown {
  const arns = optionalStringArray(body, "MonitorArnList");
  const maxResults = optionalInteger(body, "MaxResults", 1, 1000) ?? settings.anomaliesPageSize;
  const monitors = index.dataset.monitors;
  for (const arn of arns ?? []) if (!monitors.some((monitor) => monitor.arn === arn)) throw unknownMonitor(arn);
  const selected = arns && arns.length > 0 ? monitors.filter((monitor) => arns.includes(monitor.arn)) : [...monitors];
  const fingerprint = fingerprintOf(body);
  const offset = decodePageToken(optionalString(body, "NextPageToken"), fingerprint, selected.length);
  const next = offset + maxResults < selected.length ? encodePageToken(offset + maxResults, fingerprint) : undefined;
  return {
    AnomalyMonitors: selected.slice(offset, offset + maxResults).map((monitor) => monitorOf(monitor, index, ctx.now)),
    ...(next ? { NextPageToken: next } : {}),
  };
}
