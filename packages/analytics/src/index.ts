// @aws-atlas/analytics: pure functions over arrays. No I/O, no AWS, no database.

export {
  forecastSeries,
  type Forecast,
  type ForecastMethod,
  type ForecastOptions,
  type PredictionLevel,
  type SmoothingParameters,
} from "./forecast-series.js";
export { linearTrend, type LinearTrend } from "./linear-trend.js";
export {
  anomalyScores,
  detectAnomalies,
  replaceAnomalies,
  type Anomaly,
  type AnomalyDirection,
  type AnomalyKind,
  type AnomalyOptions,
} from "./detect-anomalies.js";
export { comparePeriods, compareTotals, type PeriodComparison } from "./compare-periods.js";
export {
  alignPeriods,
  periodOverPeriod,
  periodTotals,
  type AlignedPeriods,
  type AlignPeriodsOptions,
  type DatedValue,
  type PeriodChange,
  type PeriodTotal,
  type PeriodTotalsOptions,
  type PeriodWindow,
} from "./align-periods.js";
export {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  eachDay,
  endOfPeriod,
  formatIsoDate,
  fromEpochDay,
  isLeapYear,
  isoWeekday,
  parseIsoDate,
  periodLabel,
  shiftPeriods,
  startOfPeriod,
  toEpochDay,
  utcDateOf,
  type PeriodUnit,
} from "./iso-date.js";
export {
  rolloutTimeline,
  type AvailabilityEvent,
  type CoveragePoint,
  type RegionRollout,
  type RolloutTimeline,
} from "./rollout-timeline.js";
export { coverageStats, type CoverageStats, type RegionCoverage, type ServiceCoverage } from "./coverage-stats.js";
export { scoreDetections, type DetectionScore, type ScoreDetectionsOptions } from "./score-detections.js";
export { mean, meanAbsoluteDeviation, median, medianAbsoluteDeviation, sum } from "./robust-stats.js";
