import { AtlasError, toAtlasError } from "../errors.js";

/**
 * Where a Cost Explorer call failed, to explain the failure in plain words.
 *
 * @example
 * const context: CostErrorContext = { operation: "GetCostAndUsage", start: "2026-01-01", end: "2026-01-31" };
 */
export interface CostErrorContext {
  /** API operation, e.g. `GetCostAndUsage`. */
  operation: string;
  /** First day asked for (inclusive). */
  start?: string;
  /** Last day asked for (inclusive). */
  end?: string;
  /** Months of history the service assumes (13, or 37 with multi-year data). */
  historyMonths?: number;
}

/**
 * Rewrite a Cost Explorer failure as one clear line that says what failed, why, and what to do,
 * keeping its code (so exit codes stay those of CONTRACTS.md) and the original error as `cause`.
 * DATA_UNAVAILABLE, AWS_AUTH and THROTTLED get Cost Explorer specific explanations; other errors
 * pass through unchanged.
 *
 * @example
 * try { await ce.getCostAndUsage(input); } catch (err) { throw explainCostError(err, { operation: "GetCostAndUsage", start, end }); }
 */
export function explainCostError(error: unknown, context: CostErrorContext): AtlasError {
  const err = toAtlasError(error);
  const { operation } = context;
  const period = context.start !== undefined && context.end !== undefined ? ` for ${context.start}..${context.end}` : "";
  const details = { ...err.details, operation, ...(context.start === undefined ? {} : { start: context.start }), ...(context.end === undefined ? {} : { end: context.end }) };
  const rewrite = (message: string, hint: string) => new AtlasError(err.code, message, { hint, cause: err, details });
  switch (err.code) {
    case "DATA_UNAVAILABLE":
      if (operation === "GetCostForecast") {
        return rewrite(
          `Cost Explorer cannot forecast${period}: there is not enough cost history yet (a new account, Cost Explorer enabled only recently, or a filter that matches too little spend)`,
          "Try again once the account has a few weeks of billed usage, or forecast without a filter",
        );
      }
      return rewrite(
        `Cost Explorer has no data${period}: AWS keeps 13 months of cost history plus the current month (38 months with multi-year data enabled), starting when Cost Explorer was enabled, and new usage takes up to 24 hours to appear`,
        "Ask for a later start date, or enable multi-year data at monthly granularity in the Cost Explorer preferences",
      );
    case "AWS_AUTH":
      return rewrite(
        `Cost Explorer denied ${operation}: ${err.message}`,
        `Give the caller the ce:${operation} IAM permission (and enable Cost Explorer for the account; in an organization, the management account may restrict member accounts), or use other credentials (--profile, AWS_PROFILE)`,
      );
    case "THROTTLED":
      return rewrite(
        `Cost Explorer kept throttling ${operation} (LimitExceededException) after every retry`,
        "Cost Explorer allows only a few requests per second per account: lower the Cost Explorer rate (maxRps, default 5), wait a minute and try again",
      );
    default:
      return err;
  }
}
