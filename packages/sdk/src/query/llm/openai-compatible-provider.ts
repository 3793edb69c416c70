import * as z from "zod";
import { AtlasError } from "../../errors.js";
import { defaultFetch, postJson, readApiKey, type EnvironmentLike, type FetchLike, type LlmProvider } from "./llm-provider.js";

/**
 * Options for {@link createOpenAiCompatibleProvider}.
 *
 * @example
 * const options: OpenAiCompatibleProviderOptions = { baseUrl: "http://localhost:11434/v1", model: "llama3.1" };
 */
export interface OpenAiCompatibleProviderOptions {
  /** Base URL up to the API version, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1` (Ollama). */
  baseUrl: string;
  model: string;
  /** Name of the environment variable that holds the key; leave out for servers without keys (Ollama, vLLM). */
  apiKeyEnv?: string;
  /** Where `apiKeyEnv` is looked up. */
  env?: EnvironmentLike;
  fetch?: FetchLike;
  /** Extra headers (e.g. an organisation id); never the key. */
  headers?: Record<string, string>;
  /** Default 0 (deterministic answers). */
  temperature?: number;
  /** Default 1024. */
  maxTokens?: number;
  /** Ask for `response_format: { type: "json_object" }` (OpenAI and most compatible servers). Default false. */
  jsonMode?: boolean;
  /** Default 30 000. */
  timeoutMs?: number;
  /** Default "openai-compatible". */
  name?: string;
}

const chatCompletionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable().optional() }) }))
    .min(1),
});

/**
 * A provider for any OpenAI-compatible chat completions endpoint (`POST {baseUrl}/chat/completions` with
 * a Bearer key): OpenAI, Azure-compatible gateways, Ollama, vLLM, LM Studio, ...
 *
 * @example
 * const provider = createOpenAiCompatibleProvider({
 *   baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini", apiKeyEnv: "OPENAI_API_KEY", env: process.env,
 * });
 */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleProviderOptions): LlmProvider {
  const name = options.name ?? "openai-compatible";
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    name,
    async complete(request) {
      const key = options.apiKeyEnv === undefined ? undefined : readApiKey(name, options.apiKeyEnv, options.env);
      const body: Record<string, unknown> = {
        model: options.model,
        messages: [
          { role: "system", content: request.system },
          { role: "user", content: request.user },
        ],
        temperature: options.temperature ?? 0,
        max_tokens: options.maxTokens ?? 1024,
      };
      if (options.jsonMode) body.response_format = { type: "json_object" };
      const answer = await postJson({
        provider: name,
        url,
        headers: { ...options.headers, ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
        body,
        fetch: options.fetch ?? defaultFetch(),
        timeoutMs: options.timeoutMs ?? 30_000,
        signal: request.signal,
        secrets: key === undefined ? [] : [key],
        keyEnv: options.apiKeyEnv,
      });
      const parsed = chatCompletionSchema.safeParse(answer);
      const content = parsed.success ? parsed.data.choices[0]?.message.content : undefined;
      if (typeof content !== "string") {
        throw new AtlasError("AWS_UNAVAILABLE", `LLM provider ${name} answered without a message`, { hint: "Check that the endpoint speaks the chat completions API." });
      }
      return content;
    },
  };
}
