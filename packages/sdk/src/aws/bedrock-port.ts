import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import type { BedrockConverse } from "../query/llm/bedrock-provider.js";
import { type AwsClientOptions, buildClientConfig } from "./aws-client-options.js";
import type { Destroyable } from "./ssm-port.js";

/**
 * Bedrock's Converse API through the AWS SDK (SigV4, the usual credential chain), as the
 * `converse` function {@link createBedrockProvider} takes. Errors are passed on as the SDK throws
 * them; the provider turns them into one-line AtlasErrors.
 *
 * @example
 * const converse = createBedrockConverse({ region: "us-east-1" });
 * const provider = createBedrockProvider({ modelId: "amazon.nova-lite-v1:0", converse });
 */
export function createBedrockConverse(options: AwsClientOptions): BedrockConverse & Destroyable {
  const { config, destroy } = buildClientConfig("bedrock-runtime", options);
  const client = new BedrockRuntimeClient(config);
  const converse: BedrockConverse = (request, callOptions) =>
    client.send(new ConverseCommand(request), callOptions.signal === undefined ? {} : { abortSignal: callOptions.signal });
  return Object.assign(converse, {
    destroy() {
      client.destroy();
      destroy();
    },
  });
}
