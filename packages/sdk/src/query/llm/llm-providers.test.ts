import { afterEach, describe, expect, it } from "vitest";
import { isAtlasError, type AtlasError } from "../../errors.js";
import { createAnthropicProvider } from "./anthropic-provider.js";
import { createBedrockProvider, type BedrockConverse, type BedrockConverseResponse } from "./bedrock-provider.js";
import { createOpenAiCompatibleProvider } from "./openai-compatible-provider.js";
import { anthropicMessage, chatCompletion, converseOutput, startTestServer, type CannedResponse, type RecordedRequest, type TestServer } from "./test-servers.js";

const KEY = "sk-test-very-secret-123456";
const servers: TestServer[] = [];

async function serve(handle: (request: RecordedRequest) => CannedResponse): Promise<TestServer> {
  const server = await startTestServer(handle);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function failure(promise: Promise<unknown>): Promise<AtlasError> {
  try {
    await promise;
  } catch (error) {
    if (isAtlasError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

const request = { system: "Answer with JSON only.", user: "EC2 last month" };

describe("OpenAI-compatible provider", () => {
  it("posts a chat completion with a Bearer key and returns the message", async () => {
    const server = await serve(() => ({ body: chatCompletion('{"ok":true}') }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: `${server.url}/v1/`, model: "gpt-test", apiKeyEnv: "OPENAI_API_KEY", env: { OPENAI_API_KEY: KEY }, jsonMode: true });
    expect(await provider.complete(request)).toBe('{"ok":true}');
    const [received] = server.requests;
    expect(received?.method).toBe("POST");
    expect(received?.path).toBe("/v1/chat/completions");
    expect(received?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.body).toEqual({
      model: "gpt-test",
      messages: [
        { role: "system", content: request.system },
        { role: "user", content: request.user },
      ],
      temperature: 0,
      max_tokens: 1024,
      response_format: { type: "json_object" },
    });
    expect(provider.name).toBe("openai-compatible");
  });

  it("sends no Authorization header to keyless servers (Ollama, vLLM)", async () => {
    const server = await serve(() => ({ body: chatCompletion("hi") }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: `${server.url}/v1`, model: "llama3.1", name: "ollama" });
    expect(await provider.complete(request)).toBe("hi");
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.body).not.toHaveProperty("response_format");
  });

  it("names the missing variable without calling the server", async () => {
    const server = await serve(() => ({ body: chatCompletion("hi") }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: server.url, model: "m", apiKeyEnv: "MY_LLM_KEY", env: {} });
    const error = await failure(provider.complete(request));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.message).toContain("MY_LLM_KEY is not set");
    expect(server.requests).toHaveLength(0);
  });

  it("maps a rejected key to INVALID_CONFIG without ever showing the key", async () => {
    const server = await serve((req) => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${String(req.headers.authorization)}`, type: "invalid_request_error" } } }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: server.url, model: "m", apiKeyEnv: "OPENAI_API_KEY", env: { OPENAI_API_KEY: KEY } });
    const error = await failure(provider.complete(request));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.message).toContain("HTTP 401");
    expect(error.hint).toContain("OPENAI_API_KEY");
    expect(`${error.message} ${error.hint ?? ""} ${JSON.stringify(error.details)}`).not.toContain(KEY);
    expect(error.message).toContain("***");
  });

  it.each([
    [429, "THROTTLED"],
    [404, "INVALID_CONFIG"],
    [500, "AWS_UNAVAILABLE"],
    [503, "AWS_UNAVAILABLE"],
  ])("maps HTTP %i to %s", async (status, code) => {
    const server = await serve(() => ({ status, body: { error: { message: "nope" } } }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: server.url, model: "m" });
    const error = await failure(provider.complete(request));
    expect(error.code).toBe(code);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.details).toEqual({ provider: "openai-compatible", status });
  });

  it("rejects answers that are not JSON or carry no message", async () => {
    const notJson = await serve(() => ({ raw: "<html>gateway</html>" }));
    expect((await failure(createOpenAiCompatibleProvider({ baseUrl: notJson.url, model: "m" }).complete(request))).message).toMatch(/not JSON/);
    const empty = await serve(() => ({ body: { choices: [] } }));
    expect((await failure(createOpenAiCompatibleProvider({ baseUrl: empty.url, model: "m" }).complete(request))).message).toMatch(/without a message/);
  });

  it("times out, reports unreachable servers, and honours cancellation", async () => {
    const hanging = await serve(() => ({ hang: true }));
    const slow = await failure(createOpenAiCompatibleProvider({ baseUrl: hanging.url, model: "m", timeoutMs: 50 }).complete(request));
    expect(slow.code).toBe("AWS_UNAVAILABLE");
    expect(slow.message).toContain("did not answer within 50 ms");

    const closed = await serve(() => ({ body: {} }));
    const url = closed.url;
    await closed.close();
    servers.splice(servers.indexOf(closed), 1);
    const unreachable = await failure(createOpenAiCompatibleProvider({ baseUrl: url, model: "m" }).complete(request));
    expect(unreachable.code).toBe("AWS_UNAVAILABLE");
    expect(unreachable.message).toContain("could not be reached");

    const controller = new AbortController();
    controller.abort();
    const cancelled = await failure(createOpenAiCompatibleProvider({ baseUrl: hanging.url, model: "m" }).complete({ ...request, signal: controller.signal }));
    expect(cancelled.code).toBe("ABORTED");
  });
});

describe("Anthropic provider", () => {
  it("posts to /v1/messages with x-api-key and anthropic-version and joins the text blocks", async () => {
    const server = await serve(() => ({ body: anthropicMessage('{"query":{}}') }));
    const provider = createAnthropicProvider({ baseUrl: server.url, model: "claude-test", env: { ANTHROPIC_API_KEY: KEY }, maxTokens: 512 });
    expect(await provider.complete(request)).toBe('{"query":{}}');
    const [received] = server.requests;
    expect(received?.path).toBe("/v1/messages");
    expect(received?.headers["x-api-key"]).toBe(KEY);
    expect(received?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(received?.headers.authorization).toBeUndefined();
    expect(received?.body).toEqual({
      model: "claude-test",
      max_tokens: 512,
      temperature: 0,
      system: request.system,
      messages: [{ role: "user", content: request.user }],
    });
  });

  it("reads the key from the configured variable and maps Anthropic errors", async () => {
    const server = await serve((req) => ({ status: 401, body: { type: "error", error: { type: "authentication_error", message: `invalid x-api-key ${String(req.headers["x-api-key"])}` } } }));
    const provider = createAnthropicProvider({ baseUrl: server.url, model: "claude-test", apiKeyEnv: "CLAUDE_KEY", env: { CLAUDE_KEY: KEY } });
    const error = await failure(provider.complete(request));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.message).toContain("invalid x-api-key ***");
    expect(error.message).not.toContain(KEY);
    expect(error.hint).toContain("CLAUDE_KEY");
    const missing = await failure(createAnthropicProvider({ baseUrl: server.url, model: "m", env: {} }).complete(request));
    expect(missing.message).toContain("ANTHROPIC_API_KEY is not set");
  });

  it("rejects an answer without text", async () => {
    const server = await serve(() => ({ body: { type: "message", content: [{ type: "tool_use", id: "x" }] } }));
    const error = await failure(createAnthropicProvider({ baseUrl: server.url, model: "m", env: { ANTHROPIC_API_KEY: KEY } }).complete(request));
    expect(error.message).toMatch(/without text/);
  });
});

describe("Bedrock provider", () => {
  // A Converse client without SigV4: it speaks the REST shape (POST /model/{modelId}/converse) to a local server.
  function httpConverse(url: string): BedrockConverse {
    return async (req, { signal }) => {
      const { modelId, ...body } = req;
      const response = await fetch(`${url}/model/${encodeURIComponent(modelId)}/converse`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
      if (!response.ok) throw new Error(`ValidationException: HTTP ${response.status}`);
      return (await response.json()) as BedrockConverseResponse;
    };
  }

  it("maps the request to Converse and the answer back to text", async () => {
    const server = await serve(() => ({ body: converseOutput('{"query":{}}') }));
    const provider = createBedrockProvider({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", converse: httpConverse(server.url), maxTokens: 300 });
    expect(await provider.complete(request)).toBe('{"query":{}}');
    const [received] = server.requests;
    expect(received?.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    expect(received?.body).toEqual({
      system: [{ text: request.system }],
      messages: [{ role: "user", content: [{ text: request.user }] }],
      inferenceConfig: { maxTokens: 300, temperature: 0 },
    });
    expect(provider.name).toBe("bedrock");
  });

  it("wraps failures of the injected function and passes AtlasErrors through", async () => {
    const server = await serve(() => ({ status: 400, body: { message: "bad model" } }));
    const error = await failure(createBedrockProvider({ modelId: "x", converse: httpConverse(server.url) }).complete(request));
    expect(error.code).toBe("AWS_UNAVAILABLE");
    expect(error.message).toContain("ValidationException");
    const empty = await failure(createBedrockProvider({ modelId: "x", converse: () => Promise.resolve({ output: { message: { content: [] } }, stopReason: "max_tokens" }) }).complete(request));
    expect(empty.message).toContain("stop reason max_tokens");
    const controller = new AbortController();
    controller.abort();
    const aborted = await failure(createBedrockProvider({ modelId: "x", converse: () => Promise.reject(new Error("stopped")) }).complete({ ...request, signal: controller.signal }));
    expect(aborted.code).toBe("ABORTED");
  });
});
