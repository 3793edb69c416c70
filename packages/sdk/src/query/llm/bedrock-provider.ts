import { AtlasError } from "../../errors.js";
import { asProviderError, type LlmProvider } from "./llm-provider.js";

/**
 * The Bedrock Converse request this provider sends (the subset of `ConverseCommandInput` it uses).
 *
 * @example
 * const request: BedrockConverseRequest = {
 *   modelId: "anthropic.claude-3-haiku-20240307-v1:0", system: [{ text: "JSON only" }],
 *   messages: [{ role: "user", content: [{ text: "EC2 last month" }] }], inferenceConfig: { maxTokens: 1024, temperature: 0 },
 * };
 */
export interface BedrockConverseRequest {
  modelId: string;
  system: Array<{ text: string }>;
  messages: Array<{ role: "user"; content: Array<{ text: string }> }>;
  inferenceConfig: { maxTokens: number; temperature: number };
}

/**
 * The part of a Converse answer this provider reads (structurally compatible with `ConverseCommandOutput`).
 *
 * @example
 * const response: BedrockConverseResponse = { output: { message: { role: "assistant", content: [{ text: "{}" }] } } };
 */
export interface BedrockConverseResponse {
  output?: { message?: { role?: string; content?: Array<{ text?: string | undefined }> | undefined } | undefined } | undefined;
  stopReason?: string | undefined;
}

/**
 * Sends one Converse request. SigV4 signing lives with the AWS clients (`sdk/src/aws/`), so the caller
 * injects this, e.g. `(req, { signal }) => client.send(new ConverseCommand(req), { abortSignal: signal })`.
 *
 * @example
 * const converse: BedrockConverse = async () => ({ output: { message: { content: [{ text: "{}" }] } } });
 */
export type BedrockConverse = (request: BedrockConverseRequest, options: { signal?: AbortSignal }) => Promise<BedrockConverseResponse>;

/**
 * Options for {@link createBedrockProvider}.
 *
 * @example
 * const options: BedrockProviderOptions = { modelId: "amazon.nova-lite-v1:0", converse };
 */
export interface BedrockProviderOptions {
  modelId: string;
  converse: BedrockConverse;
  /** Default 1024. */
  maxTokens?: number;
  /** Default 0. */
  temperature?: number;
  /** Default "bedrock". */
  name?: string;
}

/**
 * A provider for Amazon Bedrock's Converse API through an injected, signed `converse` function.
 *
 * @example
 * const provider = createBedrockProvider({ modelId: "amazon.nova-lite-v1:0", converse });
 */
export function createBedrockProvider(options: BedrockProviderOptions): LlmProvider {
  const name = options.name ?? "bedrock";
  return {
    name,
    async complete(request) {
      const converseRequest: BedrockConverseRequest = {
        modelId: options.modelId,
        system: [{ text: request.system }],
        messages: [{ role: "user", content: [{ text: request.user }] }],
        inferenceConfig: { maxTokens: options.maxTokens ?? 1024, temperature: options.temperature ?? 0 },
      };
      let response: BedrockConverseResponse;
      try {
        response = await options.converse(converseRequest, request.signal === undefined ? {} : { signal: request.signal });
      } catch (error) {
        throw asProviderError(name, error, request.signal);
      }
      const text = (response.output?.message?.content ?? [])
        .map((block) => block.text)
        .filter((part): part is string => typeof part === "string")
        .join("");
      if (text === "") {
        throw new AtlasError("AWS_UNAVAILABLE", `LLM provider ${name} answered without text${response.stopReason ? ` (stop reason ${response.stopReason})` : ""}`, {
          hint: "Check the model id and that it supports the Converse API.",
        });
      }
      return text;
    },
  };
}
