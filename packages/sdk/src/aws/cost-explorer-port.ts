import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetAnomalyMonitorsCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetDimensionValuesCommand,
  GetTagsCommand,
  type Dimension,
  type Expression,
  type Metric,
} from "@aws-sdk/client-cost-explorer";
import { type AwsClientOptions, buildClientConfig, costExplorerRegion } from "./aws-client-options.js";
import { mapAwsError } from "./map-aws-error.js";
import type { CallOptions, Destroyable } from "./ssm-port.js";

/** A date range as Cost Explorer takes it: `start` inclusive, `end` exclusive, `YYYY-MM-DD`. */
export interface CeDateInterval {
  start: string;
  end: string;
}

/** Match options of a Cost Explorer filter leaf. */
export type CeMatchOption =
  | "EQUALS"
  | "ABSENT"
  | "STARTS_WITH"
  | "ENDS_WITH"
  | "CONTAINS"
  | "CASE_SENSITIVE"
  | "CASE_INSENSITIVE"
  | "GREATER_THAN_OR_EQUAL";

/** A filter leaf (`Dimensions`, `Tags` or `CostCategories`), in Cost Explorer's own vocabulary. */
export interface CeFilterValues {
  Key?: string;
  Values?: string[];
  MatchOptions?: CeMatchOption[];
}

/**
 * A Cost Explorer filter expression, with the same keys as the API and the AWS CLI (CONTRACTS.md "Cost"),
 * so a user's `--filter` JSON passes through unchanged.
 */
export interface CeExpression {
  And?: CeExpression[];
  Or?: CeExpression[];
  Not?: CeExpression;
  Dimensions?: CeFilterValues;
  Tags?: CeFilterValues;
  CostCategories?: CeFilterValues;
}

/** Granularity of Cost Explorer answers. */
export type CeGranularity = "DAILY" | "MONTHLY" | "HOURLY";

/** One group-by key. */
export interface CeGroupDefinition {
  type: "DIMENSION" | "TAG" | "COST_CATEGORY";
  key: string;
}

/** An amount as Cost Explorer returns it: a decimal string and its unit (`USD`). */
export interface CeMetricValue {
  amount: string;
  unit: string;
}

/** Input of {@link CostExplorerPort.getCostAndUsage}. */
export interface GetCostAndUsageInput {
  timePeriod: CeDateInterval;
  granularity: CeGranularity;
  metrics: string[];
  groupBy?: CeGroupDefinition[];
  filter?: CeExpression;
  nextPageToken?: string;
}

/** One group of a time bucket. */
export interface CeGroup {
  keys: string[];
  metrics: Record<string, CeMetricValue>;
}

/** One time bucket of a cost answer. `total` is empty when the query groups, as AWS does. */
export interface CeResultByTime {
  timePeriod: CeDateInterval;
  total: Record<string, CeMetricValue>;
  groups: CeGroup[];
  estimated: boolean;
}

/** One page of {@link CostExplorerPort.getCostAndUsage}. */
export interface GetCostAndUsageOutput {
  resultsByTime: CeResultByTime[];
  groupDefinitions: CeGroupDefinition[];
  dimensionValueAttributes: Array<{ value: string; attributes: Record<string, string> }>;
  nextPageToken?: string;
}

/** Input of {@link CostExplorerPort.getCostForecast}. */
export interface GetCostForecastInput {
  timePeriod: CeDateInterval;
  /** One metric, e.g. `UNBLENDED_COST` (the forecast API's spelling). */
  metric: string;
  granularity: CeGranularity;
  filter?: CeExpression;
  /** 51-99. */
  predictionIntervalLevel?: number;
}

/** One forecast bucket. */
export interface CeForecastResult {
  timePeriod: CeDateInterval;
  meanValue: string;
  lowerBound?: string;
  upperBound?: string;
}

/** Output of {@link CostExplorerPort.getCostForecast}. */
export interface GetCostForecastOutput {
  total: CeMetricValue;
  forecastResultsByTime: CeForecastResult[];
}

/** Input of {@link CostExplorerPort.getDimensionValues}. */
export interface GetDimensionValuesInput {
  timePeriod: CeDateInterval;
  /** E.g. `SERVICE`, `LINKED_ACCOUNT`, `REGION`, `USAGE_TYPE`. */
  dimension: string;
  searchString?: string;
  context?: "COST_AND_USAGE" | "RESERVATIONS" | "SAVINGS_PLANS";
  filter?: CeExpression;
  maxResults?: number;
  nextPageToken?: string;
}

/** One page of {@link CostExplorerPort.getDimensionValues}. */
export interface GetDimensionValuesOutput {
  values: Array<{ value: string; attributes: Record<string, string> }>;
  returnSize: number;
  totalSize: number;
  nextPageToken?: string;
}

/** Input of {@link CostExplorerPort.getTags}. */
export interface GetTagsInput {
  timePeriod: CeDateInterval;
  /** Without a key, the answer lists tag keys; with one, that key's values. */
  tagKey?: string;
  searchString?: string;
  filter?: CeExpression;
  maxResults?: number;
  nextPageToken?: string;
}

/** One page of {@link CostExplorerPort.getTags}. */
export interface GetTagsOutput {
  tags: string[];
  returnSize: number;
  totalSize: number;
  nextPageToken?: string;
}

/** Input of {@link CostExplorerPort.getAnomalies}: the end date is inclusive in this API. */
export interface GetAnomaliesInput {
  dateInterval: { startDate: string; endDate?: string };
  monitorArn?: string;
  feedback?: "YES" | "NO" | "PLANNED_ACTIVITY";
  totalImpact?: { numericOperator: "EQUAL" | "GREATER_THAN_OR_EQUAL" | "LESS_THAN_OR_EQUAL" | "GREATER_THAN" | "LESS_THAN" | "BETWEEN"; startValue: number; endValue?: number };
  maxResults?: number;
  nextPageToken?: string;
}

/** One root cause of an anomaly. */
export interface CeRootCause {
  service?: string;
  region?: string;
  linkedAccount?: string;
  linkedAccountName?: string;
  usageType?: string;
  contribution?: number;
}

/** One anomaly reported by Cost Anomaly Detection. */
export interface CeAnomaly {
  anomalyId: string;
  startDate?: string;
  endDate?: string;
  dimensionValue?: string;
  rootCauses: CeRootCause[];
  score: { max: number; current: number };
  impact: { max: number; total?: number; totalActualSpend?: number; totalExpectedSpend?: number; totalImpactPercentage?: number };
  monitorArn: string;
  feedback?: string;
}

/** One page of {@link CostExplorerPort.getAnomalies}. */
export interface GetAnomaliesOutput {
  anomalies: CeAnomaly[];
  nextPageToken?: string;
}

/** Input of {@link CostExplorerPort.getAnomalyMonitors}. */
export interface GetAnomalyMonitorsInput {
  monitorArns?: string[];
  maxResults?: number;
  nextPageToken?: string;
}

/** One anomaly monitor. */
export interface CeAnomalyMonitor {
  monitorArn: string;
  name: string;
  type: string;
  dimension?: string;
  specification?: CeExpression;
  creationDate?: string;
  lastUpdatedDate?: string;
  lastEvaluatedDate?: string;
}

/** One page of {@link CostExplorerPort.getAnomalyMonitors}. */
export interface GetAnomalyMonitorsOutput {
  monitors: CeAnomalyMonitor[];
  nextPageToken?: string;
}

/**
 * The Cost Explorer calls aws-atlas makes. One call is one billed request ($0.01). Methods throw
 * {@link AtlasError}; Cost Explorer's throttle error (LimitExceededException) maps to THROTTLED.
 */
export interface CostExplorerPort {
  getCostAndUsage(input: GetCostAndUsageInput, options?: CallOptions): Promise<GetCostAndUsageOutput>;
  getCostForecast(input: GetCostForecastInput, options?: CallOptions): Promise<GetCostForecastOutput>;
  getDimensionValues(input: GetDimensionValuesInput, options?: CallOptions): Promise<GetDimensionValuesOutput>;
  getTags(input: GetTagsInput, options?: CallOptions): Promise<GetTagsOutput>;
  getAnomalies(input: GetAnomaliesInput, options?: CallOptions): Promise<GetAnomaliesOutput>;
  getAnomalyMonitors(input: GetAnomalyMonitorsInput, options?: CallOptions): Promise<GetAnomalyMonitorsOutput>;
}

type SdkMetric = Record<string, { Amount?: string | undefined; Unit?: string | undefined }> | undefined;
type SdkInterval = { Start?: string | undefined; End?: string | undefined } | undefined;

function metrics(value: SdkMetric): Record<string, CeMetricValue> {
  const out: Record<string, CeMetricValue> = {};
  for (const [key, v] of Object.entries(value ?? {})) out[key] = { amount: v.Amount ?? "0", unit: v.Unit ?? "" };
  return out;
}

function interval(value: SdkInterval): CeDateInterval {
  return { start: value?.Start ?? "", end: value?.End ?? "" };
}

function sdkInterval(value: CeDateInterval): { Start: string; End: string } {
  return { Start: value.start, End: value.end };
}

// Our CeExpression is structurally the SDK's Expression with string keys; the SDK narrows Key to an enum.
function sdkFilter(filter: CeExpression | undefined): { Filter?: Expression } {
  return filter === undefined ? {} : { Filter: filter as Expression };
}

function attributes(list: Array<{ Value?: string | undefined; Attributes?: Record<string, string> | undefined }> | undefined) {
  return (list ?? []).map((v) => ({ value: v.Value ?? "", attributes: { ...(v.Attributes ?? {}) } }));
}

function withToken<T extends object>(value: T, token: string | undefined): T & { nextPageToken?: string } {
  return token ? { ...value, nextPageToken: token } : value;
}

/**
 * A {@link CostExplorerPort} backed by the AWS SDK. Cost Explorer has one endpoint per partition (us-east-1
 * for the commercial partition), whatever `region` says.
 *
 * @example
 * const ce = createCostExplorerPort({ region: "eu-west-1", env: process.env });
 * const page = await ce.getCostAndUsage({ timePeriod: { start: "2026-01-01", end: "2026-02-01" }, granularity: "MONTHLY", metrics: ["UnblendedCost"] });
 */
export function createCostExplorerPort(options: AwsClientOptions): CostExplorerPort & Destroyable {
  const { config, destroy } = buildClientConfig("cost-explorer", options, costExplorerRegion(options.region));
  const client = new CostExplorerClient(config);
  const fail = (operation: string) => (err: unknown) => {
    throw mapAwsError(err, { service: "Cost Explorer", operation });
  };

  return {
    async getCostAndUsage(input, callOptions = {}) {
      const out = await client
        .send(
          new GetCostAndUsageCommand({
            TimePeriod: sdkInterval(input.timePeriod),
            Granularity: input.granularity,
            Metrics: input.metrics,
            ...(input.groupBy === undefined
              ? {}
              : { GroupBy: input.groupBy.map((g) => ({ Type: g.type, Key: g.key })) }),
            ...sdkFilter(input.filter),
            ...(input.nextPageToken === undefined ? {} : { NextPageToken: input.nextPageToken }),
          }),
          { abortSignal: callOptions.signal },
        )
        .catch(fail("GetCostAndUsage"));
      return withToken(
        {
          resultsByTime: (out.ResultsByTime ?? []).map((r) => ({
            timePeriod: interval(r.TimePeriod),
            total: metrics(r.Total),
            groups: (r.Groups ?? []).map((g) => ({ keys: g.Keys ?? [], metrics: metrics(g.Metrics) })),
            estimated: r.Estimated ?? false,
          })),
          groupDefinitions: (out.GroupDefinitions ?? []).map((g) => ({
            type: g.Type ?? "DIMENSION",
            key: g.Key ?? "",
          })),
          dimensionValueAttributes: attributes(out.DimensionValueAttributes),
        },
        out.NextPageToken,
      );
    },
    async getCostForecast(input, callOptions = {}) {
      const out = await client
        .send(
          new GetCostForecastCommand({
            TimePeriod: sdkInterval(input.timePeriod),
            Metric: input.metric as Metric,
            Granularity: input.granularity,
            ...sdkFilter(input.filter),
            ...(input.predictionIntervalLevel === undefined ? {} : { PredictionIntervalLevel: input.predictionIntervalLevel }),
          }),
          { abortSignal: callOptions.signal },
        )
        .catch(fail("GetCostForecast"));
      return {
        total: { amount: out.Total?.Amount ?? "0", unit: out.Total?.Unit ?? "" },
        forecastResultsByTime: (out.ForecastResultsByTime ?? []).map((f) => ({
          timePeriod: interval(f.TimePeriod),
          meanValue: f.MeanValue ?? "0",
          ...(f.PredictionIntervalLowerBound === undefined ? {} : { lowerBound: f.PredictionIntervalLowerBound }),
          ...(f.PredictionIntervalUpperBound === undefined ? {} : { upperBound: f.PredictionIntervalUpperBound }),
        })),
      };
    },
    async getDimensionValues(input, callOptions = {}) {
      const out = await client
        .send(
          new GetDimensionValuesCommand({
            TimePeriod: sdkInterval(input.timePeriod),
            Dimension: input.dimension as Dimension,
            ...(input.searchString === undefined ? {} : { SearchString: input.searchString }),
            ...(input.context === undefined ? {} : { Context: input.context }),
            ...sdkFilter(input.filter),
            ...(input.maxResults === undefined ? {} : { MaxResults: input.maxResults }),
            ...(input.nextPageToken === undefined ? {} : { NextPageToken: input.nextPageToken }),
          }),
          { abortSignal: callOptions.signal },
        )
        .catch(fail("GetDimensionValues"));
      return withToken(
        { values: attributes(out.DimensionValues), returnSize: out.ReturnSize ?? 0, totalSize: out.TotalSize ?? 0 },
        out.NextPageToken,
      );
    },
    async getTags(input, callOptions = {}) {
      const out = await client
        .send(
          new GetTagsCommand({
            TimePeriod: sdkInterval(input.timePeriod),
            ...(input.tagKey === undefined ? {} : { TagKey: input.tagKey }),
            ...(input.searchString === undefined ? {} : { SearchString: input.searchString }),
            ...sdkFilter(input.filter),
            ...(input.maxResults === undefined ? {} : { MaxResults: input.maxResults }),
            ...(input.nextPageToken === undefined ? {} : { NextPageToken: input.nextPageToken }),
          }),
          { abortSignal: callOptions.signal },
        )
        .catch(fail("GetTags"));
      return withToken(
        { tags: out.Tags ?? [], returnSize: out.ReturnSize ?? 0, totalSize: out.TotalSize ?? 0 },
        out.NextPageToken,
      );
    },
    async getAnomalies(input, callOptions = {}) {
      const impact = input.totalImpact;
      const out = await client
        .send(
          new GetAnomaliesCommand({
            DateInterval: {
              StartDate: input.dateInterval.startDate,
              ...(input.dateInterval.endDate === undefined ? {} : { EndDate: input.dateInterval.endDate }),
            },
            ...(input.monitorArn === undefined ? {} : { MonitorArn: input.monitorArn }),
            ...(input.feedback === undefined ? {} : { Feedback: input.feedback }),
            ...(impact === undefined
              ? {}
              : {
                  TotalImpact: {
                    NumericOperator: impact.numericOperator,
                    StartValue: impact.startValue,
                    ...(impact.endValue === undefined ? {} : { EndValue: impact.endValue }),
                  },
                }),
            ...(input.maxResults === undefined ? {} : { MaxResults: input.maxResults }),
            ...(input.nextPageToken === undefined ? {} : { NextPageToken: input.nextPageToken }),
          }),
          { abortSignal: callOptions.signal },
        )
        .catch(fail("GetAnomalies"));
      return withToken(
        {
          anomalies: (out.Anomalies ?? []).map((a) => {
            const anomaly: CeAnomaly = {
              anomalyId: a.AnomalyId ?? "",
              rootCauses: (a.RootCauses ?? []).map((c) => {
                const cause: CeRootCause = {};
                if (c.Service !== undefined) cause.service = c.Service;
                if (c.Region !== undefined) cause.region = c.Region;
                if (c.LinkedAccount !== undefined) cause.linkedAccount = c.LinkedAccount;
                if (c.LinkedAccountName !== undefined) cause.linkedAccountName = c.LinkedAccountName;
                if (c.UsageType !== undefined) cause.usageType = c.UsageType;
                if (c.Impact?.Contribution !== undefined) cause.contribution = c.Impact.Contribution;
                return cause;
              }),
              score: { max: a.AnomalyScore?.MaxScore ?? 0, current: a.AnomalyScore?.CurrentScore ?? 0 },
              impact: { max: a.Impact?.MaxImpact ?? 0 },
              monitorArn: a.MonitorArn ?? "",
            };
            if (a.AnomalyStartDate !== undefined) anomaly.startDate = a.AnomalyStartDate;
            if (a.AnomalyEndDate !== undefined) anomaly.endDate = a.AnomalyEndDate;
            if (a.DimensionValue !== undefined) anomaly.dimensionValue = a.DimensionValue;
            if (a.Feedback !== undefined) anomaly.feedback = a.Feedback;
            if (a.Impact?.TotalImpact !== undefined) anomaly.impact.total = a.Impact.TotalImpact;
            if (a.Impact?.TotalActualSpend !== undefined) anomaly.impact.totalActualSpend = a.Impact.TotalActualSpend;
            if (a.Impact?.TotalExpectedSpend !== undefined) anomaly.impact.totalExpectedSpend = a.Impact.TotalExpectedSpend;
            if (a.Impact?.TotalImpactPercentage !== undefined) {
              anomaly.impact.totalImpactPercentage = a.Impact.TotalImpactPercentage;
            }
            return anomaly;
          }),
        },
        out.NextPageToken,
      );
    },
    async getAnomalyMonitors(input, callOptions = {}) {
      const out = await client
        .send(
          new GetAnomalyMonitorsCommand({
            ...(input.monitorArns === undefined ? {} : { MonitorArnList: input.monitorArns }),
            ...(input.maxResults === undefined ? {} : { MaxResults: input.maxResults }),
            ...(input.nextPageToken === undefined ? {} : { NextPageToken: input.nextPageToken }),
          }),
          { abortSignal: callOptions.signal },
        )
        .catch(fail("GetAnomalyMonitors"));
      return withToken(
        {
          monitors: (out.AnomalyMonitors ?? []).map((m) => {
            const monitor: CeAnomalyMonitor = {
              monitorArn: m.MonitorArn ?? "",
              name: m.MonitorName ?? "",
              type: m.MonitorType ?? "",
            };
            if (m.MonitorDimension !== undefined) monitor.dimension = m.MonitorDimension;
            if (m.MonitorSpecification !== undefined) monitor.specification = m.MonitorSpecification;
            if (m.CreationDate !== undefined) monitor.creationDate = m.CreationDate;
            if (m.LastUpdatedDate !== undefined) monitor.lastUpdatedDate = m.LastUpdatedDate;
            if (m.LastEvaluatedDate !== undefined) monitor.lastEvaluatedDate = m.LastEvaluatedDate;
            return monitor;
          }),
        },
        out.NextPageToken,
      );
    },
    destroy() {
      client.destroy();
      destroy();
    },
  };
}
