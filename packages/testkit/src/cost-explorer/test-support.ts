// Helpers shared by this folder's tests (not exported from the package).
import { AwsServiceError, type RequestContext, type ServiceHandlers } from "../protocol.js";
import { parseUnits } from "./fixed-point.js";

/** A metric value as answered. */
export interface Amount {
  Amount: string;
  Unit: string;
}

/** One entry of ResultsByTime as answered. */
export interface ResultByTime {
  TimePeriod: { Start: string; End: string };
  Total: Record<string, Amount>;
  Groups: { Keys: string[]; Metrics: Record<string, Amount> }[];
  Estimated: boolean;
}

/** A GetCostAndUsage answer. */
export interface CostAndUsageAnswer {
  GroupDefinitions?: { Type: string; Key: string }[];
  ResultsByTime: ResultByTime[];
  DimensionValueAttributes: { Value: string; Attributes: Record<string, string> }[];
  NextPageToken?: string;
}

/** Calls an operation and returns its answer typed as `T`. */
export function call<T>(handlers: ServiceHandlers, operation: string, body: Record<string, unknown>, ctx: RequestContext): T {
  const handler = handlers[operation];
  if (!handler) throw new Error(`no handler for ${operation}`);
  return handler(body, ctx) as T;
}

/** The AwsServiceError a call throws (fails when it does not throw one). */
export function errorOf(run: () => unknown): AwsServiceError {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error("expected an AwsServiceError");
}

/** Follows NextPageToken to the end; returns the pages. */
export function allPages(handlers: ServiceHandlers, body: Record<string, unknown>, ctx: RequestContext): CostAndUsageAnswer[] {
  const pages: CostAndUsageAnswer[] = [];
  let token: string | undefined;
  do {
    const page = call<CostAndUsageAnswer>(handlers, "GetCostAndUsage", token ? { ...body, NextPageToken: token } : body, ctx);
    pages.push(page);
    token = page.NextPageToken;
    if (pages.length > 10_000) throw new Error("pagination does not end");
  } while (token);
  return pages;
}

/** Merges pages into one list of periods, joining a period's groups split across pages. */
export function mergePages(pages: readonly CostAndUsageAnswer[]): ResultByTime[] {
  const merged: ResultByTime[] = [];
  for (const page of pages) {
    for (const result of page.ResultsByTime) {
      const last = merged[merged.length - 1];
      if (last && last.TimePeriod.Start === result.TimePeriod.Start) last.Groups.push(...result.Groups);
      else merged.push({ ...result, Groups: [...result.Groups] });
    }
  }
  return merged;
}

/** Exact sum of decimal amounts (10 decimal places). */
export function sum(amounts: readonly string[]): bigint {
  return amounts.reduce((total, amount) => total + parseUnits(amount, 10), 0n);
}
