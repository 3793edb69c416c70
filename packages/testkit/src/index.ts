/**
 * @aws-atlas/testkit: an AWS-compatible local server (SSM Parameter Store and Cost Explorer) with
 * fault injection and realistic data, for tests, benchmarks and `aws-atlas demo`.
 *
 * @example
 * ```ts
 * import { startAwsServer } from "@aws-atlas/testkit";
 * const server = await startAwsServer();
 * // new SSMClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } })
 * await server.stop();
 * ```
 */
export {
  startAwsServer,
  type AwsServer,
  type AwsServerData,
  type SsmData,
  type StartAwsServerOptions,
} from "./server.js";
export {
  createFaultInjector,
  createRandom,
  createTokenBucket,
  defaultFaults,
  mergeFaults,
  type FaultDecision,
  type FaultInjector,
  type FaultOptions,
  type FaultOptionsInput,
  type LatencyOptions,
  type ServiceThrottle,
  type ThrottleRule,
  type TokenBucket,
} from "./faults.js";
export { createStsHandlers, TESTKIT_ACCOUNT_ID } from "./sts/index.js";
export { createStatsCollector, formatCents, type AwsServerStats, type OperationStats, type RequestOutcome, type StatsCollector } from "./stats.js";
export {
  AwsServiceError,
  QUERY_VERSIONS,
  TARGET_PREFIXES,
  type OperationHandler,
  type RequestContext,
  type ServiceHandlers,
  type ServiceName,
} from "./protocol.js";
export * from "./ssm/index.js";
export * from "./cost-explorer/index.js";
export { hasMotoServer, startMotoServer, type MotoServer } from "./moto-server.js";
