/**
 * The AWS JSON 1.1 protocol as the testkit speaks it: every request is a POST with
 * `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; errors carry `__type` and `message`
 * and the `x-amzn-ErrorType` header.
 */

/** An error answered with AWS's error shape. */
export class AwsServiceError extends Error {
  override readonly name = "AwsServiceError";
  constructor(
    /** AWS's error type, e.g. `ValidationException`. */
    readonly type: string,
    message: string,
    /** HTTP status: 400 for client errors, 5xx for server faults. */
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The services the testkit serves, keyed by their X-Amz-Target prefix. */
export const TARGET_PREFIXES = {
  AmazonSSM: "ssm",
  AWSInsightsIndexService: "ce",
} as const;

export type ServiceName = (typeof TARGET_PREFIXES)[keyof typeof TARGET_PREFIXES];

/** What a handler learns about the request beyond its body. */
export interface RequestContext {
  /** The "now" of the server: used by Cost Explorer for estimated days and forecast limits. */
  now: Date;
  /** The region the client signed the request for (from the SigV4 credential scope); `us-east-1` when unsigned. */
  region?: string;
}

/** Handles one operation: returns the JSON response body or throws {@link AwsServiceError}. */
export type OperationHandler = (body: Record<string, unknown>, ctx: RequestContext) => unknown;

/** The handlers of one service, keyed by operation name (`GetParametersByPath`, ...). */
export type ServiceHandlers = Record<string, OperationHandler>;
