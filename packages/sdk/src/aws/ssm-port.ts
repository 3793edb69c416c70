import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import type { AtlasError } from "../errors.js";
import { type AwsClientOptions, buildClientConfig, resolveEndpoint } from "./aws-client-options.js";
import { assertGlobalInfrastructureRegion } from "./global-infrastructure-regions.js";
import { mapAwsError } from "./map-aws-error.js";

/** Per-call options of every port method. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** One SSM parameter: its full name and its value. */
export interface SsmParameter {
  name: string;
  value: string;
}

/** Input of {@link SsmPort.getParametersByPath}. */
export interface GetParametersByPathInput {
  path: string;
  recursive?: boolean;
  /** 1-10. */
  maxResults?: number;
  nextToken?: string;
}

/** One page of {@link SsmPort.getParametersByPath}. */
export interface GetParametersByPathOutput {
  parameters: SsmParameter[];
  /** Present when another page follows. */
  nextToken?: string;
}

/** Input of {@link SsmPort.getParameters}. */
export interface GetParametersInput {
  /** Up to 10 names. */
  names: string[];
}

/** Output of {@link SsmPort.getParameters}. */
export interface GetParametersOutput {
  parameters: SsmParameter[];
  /** Names that do not exist. */
  invalidParameters: string[];
}

/** Input of {@link SsmPort.getParameter}. */
export interface GetParameterInput {
  name: string;
}

/** Output of {@link SsmPort.getParameter}. */
export interface GetParameterOutput {
  parameter: SsmParameter;
}

/**
 * The SSM Parameter Store calls aws-atlas makes. Methods throw {@link AtlasError} (see {@link mapAwsError}).
 * Any object with these methods works, which is how tests and other transports plug in.
 */
export interface SsmPort {
  getParametersByPath(input: GetParametersByPathInput, options?: CallOptions): Promise<GetParametersByPathOutput>;
  getParameters(input: GetParametersInput, options?: CallOptions): Promise<GetParametersOutput>;
  /** Throws NOT_FOUND when the parameter does not exist. */
  getParameter(input: GetParameterInput, options?: CallOptions): Promise<GetParameterOutput>;
}

/** A port that owns network resources: call `destroy()` when done. */
export interface Destroyable {
  destroy(): void;
}

/** Options for {@link createSsmPort}. */
export interface SsmPortOptions extends AwsClientOptions {
  /**
   * Check that the region serves `/aws/service/global-infrastructure` (default true). The check is
   * skipped when an endpoint is set (explicitly or through the environment).
   */
  validateRegion?: boolean;
}

function toParameter(p: { Name?: string | undefined; Value?: string | undefined }): SsmParameter {
  return { name: p.Name ?? "", value: p.Value ?? "" };
}

/**
 * An {@link SsmPort} backed by the AWS SDK's SSMClient. Region validation happens on the first call, so a
 * misconfigured region never breaks commands that answer from stored data.
 *
 * @example
 * const ssm = createSsmPort({ region: "us-east-1", env: process.env });
 * const page = await ssm.getParametersByPath({ path: "/aws/service/global-infrastructure/regions", maxResults: 10 });
 * ssm.destroy();
 */
export function createSsmPort(options: SsmPortOptions): SsmPort & Destroyable {
  const endpoint = resolveEndpoint("ssm", options);
  let regionError: AtlasError | undefined;
  if (options.validateRegion !== false) {
    try {
      assertGlobalInfrastructureRegion(options.region, endpoint === undefined ? {} : { endpoint });
    } catch (err) {
      regionError = err as AtlasError;
    }
  }
  const { config, destroy } = buildClientConfig("ssm", options);
  const client = new SSMClient(config);
  const guard = (): void => {
    if (regionError) throw regionError;
  };
  const fail = (operation: string) => (err: unknown) => {
    throw mapAwsError(err, { service: "SSM", operation });
  };

  return {
    async getParametersByPath(input, callOptions = {}) {
      guard();
      const out = await client
        .send(
          new GetParametersByPathCommand({
            Path: input.path,
            Recursive: input.recursive ?? false,
            ...(input.maxResults === undefined ? {} : { MaxResults: input.maxResults }),
            ...(input.nextToken === undefined ? {} : { NextToken: input.nextToken }),
          }),
          { abortSignal: callOptions.signal },
        )
        .catch(fail("GetParametersByPath"));
      const result: GetParametersByPathOutput = { parameters: (out.Parameters ?? []).map(toParameter) };
      if (out.NextToken) result.nextToken = out.NextToken;
      return result;
    },
    async getParameters(input, callOptions = {}) {
      guard();
      const out = await client
        .send(new GetParametersCommand({ Names: input.names }), { abortSignal: callOptions.signal })
        .catch(fail("GetParameters"));
      return { parameters: (out.Parameters ?? []).map(toParameter), invalidParameters: out.InvalidParameters ?? [] };
    },
    async getParameter(input, callOptions = {}) {
      guard();
      const out = await client
        .send(new GetParameterCommand({ Name: input.name }), { abortSignal: callOptions.signal })
        .catch(fail("GetParameter"));
      return { parameter: toParameter(out.Parameter ?? { Name: input.name }) };
    },
    destroy() {
      client.destroy();
      destroy();
    },
  };
}
