/**
 * The protocols the testkit speaks. AWS JSON 1.1 (SSM, Cost Explorer): a POST with
 * `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; errors carry `__type` and `message` and the
 * `x-amzn-ErrorType` header. AWS Query (STS): a form-encoded POST with `Action` and `Version`,
 * answered in XML; errors are an `<ErrorResponse>` with `Code` and `Message`.
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

/** The services the testkit serves by their Query-protocol `Version`. */
export const QUERY_VERSIONS = {
  "2011-06-15": "sts",
} as const;

/** A service of the testkit: `ssm`, `ce` (JSON 1.1) or `sts` (Query). */
export type ServiceName = (typeof TARGET_PREFIXES)[keyof typeof TARGET_PREFIXES] | (typeof QUERY_VERSIONS)[keyof typeof QUERY_VERSIONS];

/** What a handler learns about the request beyond its body. */
export interface RequestContext {
  /** The "now" of the server: used by Cost Explorer for estimated days and forecast limits. */
  now: Date;
  /** The region the client signed the request for (from the SigV4 credential scope); `us-east-1` when unsigned. */
  region?: string;
}

/**
 * Handles one operation: returns the response (a JSON body; for Query services, the fields of the
 * `<Operation>Result` element) or throws {@link AwsServiceError}.
 */
export type OperationHandler = (body: Record<string, unknown>, ctx: RequestContext) => unknown;

/** The handlers of one service, keyed by operation name (`GetParametersByPath`, ...). */
export type ServiceHandlers = Record<string, OperationHandler>;
