import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { AtlasError } from "../errors.js";

/** Static AWS credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A function that resolves credentials (what `@aws-sdk/credential-providers` returns). */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** A role to assume with STS before calling the service (multi-account setups). */
export interface AssumeRoleOptions {
  roleArn: string;
  externalId?: string;
  /** Defaults to `aws-atlas`. */
  sessionName?: string;
  durationSeconds?: number;
}

/** The AWS services whose endpoints aws-atlas resolves. */
export type AwsServiceId = "ssm" | "cost-explorer" | "sts" | "bedrock-runtime";

/** Options shared by every AWS port factory ({@link createSsmPort}, ...). */
export interface AwsClientOptions {
  /** The API region (`--region`). Cost Explorer always signs for its own endpoint region. */
  region: string;
  /** Explicit endpoint URL (`--endpoint-url`); wins over the environment. */
  endpoint?: string;
  /** Environment variables to read endpoint overrides and static keys from (`AWS_ENDPOINT_URL_SSM`, ...). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Named profile from ~/.aws/config and ~/.aws/credentials. */
  profile?: string;
  /** Static credentials or a provider; wins over `profile` and the environment. */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  /** Assume this role with the base credentials first. */
  assumeRole?: AssumeRoleOptions;
  /** SDK attempts per call. Defaults to 1: retries belong to the resilience policy, not the SDK. */
  maxAttempts?: number;
  /** Time limit of one HTTP request in ms (default 10,000). */
  requestTimeoutMs?: number;
  /** Time limit to open a connection in ms (default 3,000). */
  connectTimeoutMs?: number;
  /** Reuse connections (default true). */
  keepAlive?: boolean;
  /** Sockets per host (default 50). */
  maxSockets?: number;
}

const ENDPOINT_VARIABLES: Record<AwsServiceId, string> = {
  ssm: "AWS_ENDPOINT_URL_SSM",
  "cost-explorer": "AWS_ENDPOINT_URL_COST_EXPLORER",
  sts: "AWS_ENDPOINT_URL_STS",
  "bedrock-runtime": "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
};

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The endpoint URL for a service: the explicit endpoint, else the service's `AWS_ENDPOINT_URL_<SERVICE>`,
 * else `AWS_ENDPOINT_URL`, else undefined (the SDK's regional endpoint). The URL is validated.
 *
 * @example
 * resolveEndpoint("ssm", { env: { AWS_ENDPOINT_URL: "http://localhost:4566" } }); // "http://localhost:4566"
 */
export function resolveEndpoint(
  service: AwsServiceId,
  options: Pick<AwsClientOptions, "endpoint" | "env">,
): string | undefined {
  const env = options.env ?? {};
  const chosen = nonEmpty(options.endpoint) ?? nonEmpty(env[ENDPOINT_VARIABLES[service]]) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  if (chosen === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(chosen);
  } catch (cause) {
    throw new AtlasError("INVALID_ARGUMENT", `Endpoint URL "${chosen}" is not a valid URL`, {
      cause,
      hint: "Use a full URL such as http://localhost:4566",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AtlasError("INVALID_ARGUMENT", `Endpoint URL "${chosen}" must use http or https`, {
      hint: "Use a full URL such as https://ssm.us-east-1.amazonaws.com",
    });
  }
  return chosen;
}

/**
 * The region Cost Explorer's endpoint lives in for the partition of `region`.
 *
 * @example
 * costExplorerRegion("eu-west-1"); // "us-east-1"
 */
export function costExplorerRegion(region: string): string {
  return region.startsWith("cn-") ? "cn-northwest-1" : "us-east-1";
}

/** What every SDK client constructor receives from {@link buildClientConfig}. */
export interface BuiltClientConfig {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  credentials?: AwsCredentials | AwsCredentialsProvider;
  requestHandler: NodeHttpHandler;
}

/** A client configuration plus the function that releases its sockets. */
export interface ClientConfigHandle {
  config: BuiltClientConfig;
  destroy: () => void;
}

function resolveCredentials(options: AwsClientOptions): AwsCredentials | AwsCredentialsProvider | undefined {
  const env = options.env ?? {};
  let base: AwsCredentials | AwsCredentialsProvider | undefined = options.credentials;
  if (base === undefined) {
    // Same order as the AWS CLI: --profile, then static keys, then AWS_PROFILE, then the SDK's default chain.
    const explicitProfile = nonEmpty(options.profile);
    const keyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
    const secret = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
    const envProfile = nonEmpty(env.AWS_PROFILE);
    if (explicitProfile !== undefined) base = fromIni({ profile: explicitProfile });
    else if (keyId !== undefined && secret !== undefined) {
      const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
      base = { accessKeyId: keyId, secretAccessKey: secret, ...(sessionToken === undefined ? {} : { sessionToken }) };
    } else if (envProfile !== undefined) base = fromIni({ profile: envProfile });
  }
  const role = options.assumeRole;
  if (role === undefined) return base;
  const stsEndpoint = resolveEndpoint("sts", options);
  return fromTemporaryCredentials({
    ...(base === undefined ? {} : { masterCredentials: base }),
    params: {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName ?? "aws-atlas",
      ...(role.externalId === undefined ? {} : { ExternalId: role.externalId }),
      ...(role.durationSeconds === undefined ? {} : { DurationSeconds: role.durationSeconds }),
    },
    clientConfig: { region: options.region, ...(stsEndpoint === undefined ? {} : { endpoint: stsEndpoint }) },
  });
}

/**
 * Build the configuration of one SDK client: endpoint precedence, credentials, SDK retries off by default,
 * request timeout, and keep-alive agents owned by this client (call `destroy()` to close them).
 *
 * @example
 * const { config, destroy } = buildClientConfig("ssm", { region: "us-east-1" });
 */
export function buildClientConfig(
  service: AwsServiceId,
  options: AwsClientOptions,
  signingRegion: string = options.region,
): ClientConfigHandle {
  const endpoint = resolveEndpoint(service, options);
  const keepAlive = options.keepAlive ?? true;
  const maxSockets = options.maxSockets ?? 50;
  const httpAgent = new HttpAgent({ keepAlive, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive, maxSockets });
  const requestHandler = new NodeHttpHandler({
    httpAgent,
    httpsAgent,
    connectionTimeout: options.connectTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    throwOnRequestTimeout: true,
  });
  const credentials = resolveCredentials(options);
  const config: BuiltClientConfig = {
    region: signingRegion,
    maxAttempts: options.maxAttempts ?? 1,
    requestHandler,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
  };
  return {
    config,
    destroy() {
      requestHandler.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
