import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { type AwsClientOptions, buildClientConfig } from "./aws-client-options.js";
import { mapAwsError } from "./map-aws-error.js";
import type { CallOptions, Destroyable } from "./ssm-port.js";

/** Who the configured credentials belong to. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** The STS calls aws-atlas makes (connection tests, multi-account checks). */
export interface StsPort {
  getCallerIdentity(options?: CallOptions): Promise<CallerIdentity>;
}

/**
 * An {@link StsPort} backed by the AWS SDK. With `assumeRole` in the options, it answers for the assumed role.
 *
 * @example
 * const sts = createStsPort({ region: "us-east-1", profile: "prod" });
 * const { account } = await sts.getCallerIdentity();
 */
export function createStsPort(options: AwsClientOptions): StsPort & Destroyable {
  const { config, destroy } = buildClientConfig("sts", options);
  const client = new STSClient(config);
  return {
    async getCallerIdentity(callOptions = {}) {
      const out = await client
        .send(new GetCallerIdentityCommand({}), { abortSignal: callOptions.signal })
        .catch((err: unknown) => {
          throw mapAwsError(err, { service: "STS", operation: "GetCallerIdentity" });
        });
      return { account: out.Account ?? "", arn: out.Arn ?? "", userId: out.UserId ?? "" };
    },
    destroy() {
      client.destroy();
      destroy();
    },
  };
}
