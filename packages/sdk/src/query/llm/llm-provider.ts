import { AtlasError, isAtlasError } from "../../errors.js";

/**
 * One completion request: a system prompt and the user's text.
 *
 * @example
 * const request: LlmRequest = { system: "Answer with JSON only.", user: "EC2 last month" };
 */
export interface LlmRequest {
  system: string;
  user: string;
  signal?: AbortSignal;
}

/**
 * A language model behind one call. Implementations: {@link createOpenAiCompatibleProvider},
 * {@link createAnthropicProvider}, {@link createBedrockProvider}.
 *
 * @example
 * const text = await provider.complete({ system: "Answer with JSON only.", user: "EC2 last month" });
 */
export interface LlmProvider {
  /** Shown in explanations and errors, e.g. "openai-compatible". */
  readonly name: string;
  /** The model's text answer. Throws AtlasError on failure. */
  complete(request: LlmRequest): Promise<string>;
}

/**
 * The subset of `fetch` the providers use (inject it in tests; defaults to `globalThis.fetch`).
 *
 * @example
 * const fetchLike: FetchLike = (url, init) => globalThis.fetch(url, init);
 */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

/**
 * Environment variables, looked up by name (pass `process.env` at the edge of the program).
 *
 * @example
 * const env: EnvironmentLike = { OPENAI_API_KEY: "sk-..." };
 */
export type EnvironmentLike = Readonly<Record<string, string | undefined>>;

/**
 * Read an API key from the environment variable named in configuration. The key itself is never put
 * into messages.
 *
 * @example
 * const key = readApiKey("anthropic", "ANTHROPIC_API_KEY", process.env);
 */
export function readApiKey(provider: string, envName: string, env: EnvironmentLike | undefined): string {
  const value = env?.[envName];
  if (value === undefined || value.trim() === "") {
    throw new AtlasError("INVALID_CONFIG", `LLM provider ${provider} needs an API key but environment variable ${envName} is not set`, {
      hint: `Set ${envName}, or choose another provider.`,
    });
  }
  return value.trim();
}

/**
 * Replace every secret in a text with "***".
 *
 * @example
 * redact("bad key sk-12345", ["sk-12345"]); // "bad key ***"
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("***");
  return out;
}

/**
 * Options of {@link postJson}.
 *
 * @example
 * const options: PostJsonOptions = { provider: "x", url, headers: {}, body: {}, fetch, timeoutMs: 30_000, secrets: [] };
 */
export interface PostJsonOptions {
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  fetch: FetchLike;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Values to redact from any message (API keys). */
  secrets: readonly string[];
  /** Name of the variable holding the key, for hints. */
  keyEnv?: string | undefined;
}

function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "the configured URL";
  }
}

function errorMessageOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object") {
      const error = (parsed as { error?: unknown; message?: unknown }).error ?? parsed;
      if (typeof error === "string") return error;
      if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
        return (error as { message: string }).message;
      }
    }
  } catch {
    // not JSON: use the text
  }
  return body;
}

/**
 * POST a JSON body and return the parsed JSON answer, mapping failures to AtlasError: missing or
 * rejected keys and other 4xx answers -> INVALID_CONFIG, 429 -> THROTTLED, 5xx, timeouts and network
 * errors -> AWS_UNAVAILABLE (exit 4, "unavailable"), cancellation -> ABORTED. Secrets never appear in
 * messages.
 *
 * @example
 * const answer = await postJson({ provider: "x", url, headers: {}, body: {}, fetch: defaultFetch(), timeoutMs: 30_000, secrets: [] });
 */
export async function postJson(options: PostJsonOptions): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const target = where(options.url);
  let response: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    response = await options.fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers },
      body: JSON.stringify(options.body),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw new AtlasError("ABORTED", `LLM request to ${options.provider} was cancelled`, { cause: error });
    if (timeout.aborted) {
      throw new AtlasError("AWS_UNAVAILABLE", `LLM provider ${options.provider} did not answer within ${options.timeoutMs} ms`, {
        hint: "Try again, raise the timeout, or ask without --llm.",
      });
    }
    const reason = redact(error instanceof Error ? error.message : String(error), options.secrets);
    throw new AtlasError("AWS_UNAVAILABLE", `LLM provider ${options.provider} could not be reached at ${target}: ${reason}`, {
      hint: "Check the provider URL and the network, or ask without --llm.",
    });
  }
  if (!response.ok) {
    const detail = redact(errorMessageOf(text), options.secrets).replace(/\s+/g, " ").slice(0, 200);
    const message = `LLM provider ${options.provider} answered HTTP ${response.status} at ${target}${detail ? `: ${detail}` : ""}`;
    const details = { provider: options.provider, status: response.status };
    if (response.status === 401 || response.status === 403) {
      throw new AtlasError("INVALID_CONFIG", message, { hint: options.keyEnv ? `Check the API key in ${options.keyEnv}.` : "Check the provider's credentials.", details });
    }
    if (response.status === 429) throw new AtlasError("THROTTLED", message, { hint: "Wait and try again, or ask without --llm.", details });
    if (response.status >= 400 && response.status < 500) {
      throw new AtlasError("INVALID_CONFIG", message, { hint: "Check the provider's URL and model name.", details });
    }
    throw new AtlasError("AWS_UNAVAILABLE", message, { hint: "Try again later, or ask without --llm.", details });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AtlasError("AWS_UNAVAILABLE", `LLM provider ${options.provider} answered with something that is not JSON`, { cause: error });
  }
}

/**
 * Rethrow AtlasErrors, wrap anything else (used around injected functions).
 *
 * @example
 * catch (error) { throw asProviderError("bedrock", error, signal); }
 */
export function asProviderError(provider: string, error: unknown, signal?: AbortSignal): AtlasError {
  if (isAtlasError(error)) return error;
  if (signal?.aborted || (error instanceof Error && error.name === "AbortError")) {
    return new AtlasError("ABORTED", `LLM request to ${provider} was cancelled`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AtlasError("AWS_UNAVAILABLE", `LLM provider ${provider} failed: ${reason}`, { cause: error, hint: "Try again later, or ask without --llm." });
}

/**
 * The default `fetch`, resolved when a request is made (not at import).
 *
 * @example
 * const fetch = options.fetch ?? defaultFetch();
 */
export function defaultFetch(): FetchLike {
  return (url, init) => globalThis.fetch(url, init);
}
