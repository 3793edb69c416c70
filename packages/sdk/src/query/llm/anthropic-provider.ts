import * as z from "zod";
import { AtlasError } from "../../errors.js";
import { defaultFetch, postJson, readApiKey, type EnvironmentLike, type FetchLike, type LlmProvider } from "./llm-provider.js";

/**
 * Options for {@link createAnthropicProvider}.
 *
 * @example
 * const options: AnthropicProviderOptions = { model: "claude-3-5-haiku-latest", apiKeyEnv: "ANTHROPIC_API_KEY", env: process.env };
 */
export interface AnthropicProviderOptions {
  model: string;
  /** Name of the environment variable that holds the key (default ANTHROPIC_API_KEY). */
  apiKeyEnv?: string;
  /** Where `apiKeyEnv` is looked up. */
  env?: EnvironmentLike;
  /** Default `https://api.anthropic.com`. */
  baseUrl?: string;
  /** The `anthropic-version` header (default 2023-06-01). */
  anthropicVersion?: string;
  fetch?: FetchLike;
  /** Default 1024. */
  maxTokens?: number;
  /** Default 0. */
  temperature?: number;
  /** Default 30 000. */
  timeoutMs?: number;
  /** Default "anthropic". */
  name?: string;
}

const messagesSchema = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
});

/**
 * A provider for Anthropic's Messages API (`POST /v1/messages` with `x-api-key` and `anthropic-version`).
 *
 * @example
 * const provider = createAnthropicProvider({ model: "claude-3-5-haiku-latest", env: process.env });
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const name = options.name ?? "anthropic";
  const keyEnv = options.apiKeyEnv ?? "ANTHROPIC_API_KEY";
  const url = `${(options.baseUrl ?? "https://api.anthropic.com").replace(/\/+$/, "")}/v1/messages`;
  return {
    name,
    async complete(request) {
      const key = readApiKey(name, keyEnv, options.env);
      const answer = await postJson({
        provider: name,
        url,
        headers: { "x-api-key": key, "anthropic-version": options.anthropicVersion ?? "2023-06-01" },
        body: {
          model: options.model,
          max_tokens: options.maxTokens ?? 1024,
          temperature: options.temperature ?? 0,
          system: request.system,
          messages: [{ role: "user", content: request.user }],
        },
        fetch: options.fetch ?? defaultFetch(),
        timeoutMs: options.timeoutMs ?? 30_000,
        signal: request.signal,
        secrets: [key],
        keyEnv,
      });
      const parsed = messagesSchema.safeParse(answer);
      const text = parsed.success
        ? parsed.data.content.filter((block) => block.type === "text" && typeof block.text === "string").map((block) => block.text ?? "").join("")
        : "";
      if (!parsed.success || text === "") {
        throw new AtlasError("AWS_UNAVAILABLE", `LLM provider ${name} answered without text`, { hint: "Check the model name and the Messages API URL." });
      }
      return text;
    },
  };
}
