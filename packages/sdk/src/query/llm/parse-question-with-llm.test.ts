import { afterEach, describe, expect, it } from "vitest";
import { isAtlasError } from "../../errors.js";
import { parseQuestion } from "../parse-question.js";
import { createAnthropicProvider } from "./anthropic-provider.js";
import { createBedrockProvider } from "./bedrock-provider.js";
import type { LlmProvider, LlmRequest } from "./llm-provider.js";
import { createOpenAiCompatibleProvider } from "./openai-compatible-provider.js";
import { buildCostQueryPrompt, extractJsonObject, parseQuestionWithLlm } from "./parse-question-with-llm.js";
import { anthropicMessage, chatCompletion, startTestServer, type CannedResponse, type RecordedRequest, type TestServer } from "./test-servers.js";

const NOW = new Date("2026-03-15T10:00:00Z");
const KEY = "sk-ant-test-abcdef123456";
const EC2 = "Amazon Elastic Compute Cloud - Compute";
const servers: TestServer[] = [];

async function serve(handle: (request: RecordedRequest) => CannedResponse): Promise<TestServer> {
  const server = await startTestServer(handle);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const modelQuery = {
  start: "2026-02-01",
  end: "2026-02-28",
  granularity: "MONTHLY",
  metrics: ["UnblendedCost"],
  groupBy: [{ type: "TAG", key: "team" }],
  filter: { Dimensions: { Key: "SERVICE", Values: [EC2] } },
  intent: "cost",
};

function systemOf(server: TestServer): string {
  const body = server.requests[0]?.body as { messages: Array<{ role: string; content: string }> };
  return body.messages.find((m) => m.role === "system")?.content ?? "";
}

describe("buildCostQueryPrompt", () => {
  it("puts today's date from now into the prompt, never a fixed date", () => {
    const march = buildCostQueryPrompt("EC2 last month", { now: NOW });
    expect(march.system).toContain("Today is Sunday 2026-03-15 (UTC)");
    expect(march.user).toBe("EC2 last month");
    // The worked example is computed for today as well.
    expect(march.system).toContain('"start":"2026-02-01","end":"2026-02-28"');
    const leap = buildCostQueryPrompt("EC2 last month", { now: new Date("2028-02-29T12:00:00Z") });
    expect(leap.system).toContain("Today is Tuesday 2028-02-29 (UTC)");
    expect(leap.system).toContain('"start":"2028-01-01","end":"2028-01-31"');
    expect(leap.system).not.toContain("2026-03-15");
  });

  it("lists the allowed values and the conventions", () => {
    const { system } = buildCostQueryPrompt("x", { now: NOW, fiscalYearStartMonth: 4, serviceValues: ["Amazon Timestream Special"] });
    for (const expected of ["AmortizedCost", "NormalizedUsageAmount", "HOURLY", "LINKED_ACCOUNT", "USAGE_TYPE", "COST_CATEGORY", "forecast", JSON.stringify(EC2), '"EC2 - Other"', '"Amazon Timestream Special"', "start in April", "weeks start on Monday"]) {
      expect(system).toContain(expected);
    }
  });
});

describe("extractJsonObject", () => {
  it("finds the first JSON object around prose and code fences", () => {
    expect(extractJsonObject('Sure!\n```json\n{"a": {"b": "}"}}\n```\nDone.')).toEqual({ a: { b: "}" } });
    expect(extractJsonObject('{"a": "\\"{"}')).toEqual({ a: '"{' });
    expect(extractJsonObject("{not json} then {\"ok\": 1}")).toEqual({ ok: 1 });
    expect(extractJsonObject("no object here")).toBeUndefined();
    expect(extractJsonObject('{"unterminated": ')).toBeUndefined();
  });
});

describe("parseQuestionWithLlm", () => {
  it("uses a valid answer from an OpenAI-compatible server", async () => {
    const server = await serve(() => ({
      body: chatCompletion(`Here you go:\n\`\`\`json\n${JSON.stringify({ query: modelQuery, explanation: "EC2 last month by team", confidence: 0.9, unrecognised: [] })}\n\`\`\``),
    }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: server.url, model: "m", apiKeyEnv: "OPENAI_API_KEY", env: { OPENAI_API_KEY: KEY } });
    const result = await parseQuestionWithLlm("What did each team spend on EC2 last month?", { now: NOW, provider });
    expect(result.source).toBe("llm");
    expect(result.provider).toBe("openai-compatible");
    expect(result.query).toEqual(modelQuery);
    expect(result.confidence).toBe(0.9);
    expect(result.explanation).toContain("The model read it as: EC2 last month by team");
    expect(result.explanation).toContain("(Parsed by the LLM provider openai-compatible.)");
    expect(systemOf(server)).toContain("Today is Sunday 2026-03-15");
    expect(result.explanation).not.toContain(KEY);
  });

  it("accepts a bare query object and fills the defaults", async () => {
    const server = await serve(() => ({ body: anthropicMessage(JSON.stringify({ start: "2026-03-01", end: "2026-03-15", explanation: "month to date" })) }));
    const provider = createAnthropicProvider({ baseUrl: server.url, model: "m", env: { ANTHROPIC_API_KEY: KEY } });
    const result = await parseQuestionWithLlm("spend so far", { now: NOW, provider });
    expect(result.source).toBe("llm");
    expect(result.query).toEqual({ start: "2026-03-01", end: "2026-03-15", granularity: "DAILY", metrics: ["UnblendedCost"], groupBy: [], filter: null, intent: "cost" });
    expect(result.confidence).toBe(0.8);
  });

  it("works through Bedrock Converse", async () => {
    const requests: unknown[] = [];
    const provider = createBedrockProvider({
      modelId: "amazon.nova-lite-v1:0",
      converse: (req) => {
        requests.push(req);
        return Promise.resolve({ output: { message: { content: [{ text: JSON.stringify({ query: { ...modelQuery, intent: "trend" } }) }] } } });
      },
    });
    const result = await parseQuestionWithLlm("EC2 trend", { now: NOW, provider });
    expect(result).toMatchObject({ source: "llm", provider: "bedrock", query: { intent: "trend" } });
    expect(JSON.stringify(requests[0])).toContain("Today is Sunday 2026-03-15");
  });

  it.each([
    ["not JSON at all", "I think you spent a lot.", /holds no JSON object/],
    ["an invalid granularity", JSON.stringify({ query: { ...modelQuery, granularity: "WEEKLY" } }), /not a valid query \(granularity/],
    ["an unknown dimension", JSON.stringify({ query: { ...modelQuery, filter: { Dimensions: { Key: "COLOUR", Values: ["red"] } } } }), /not a valid query \(filter/],
    ["two operators in one node", JSON.stringify({ query: { ...modelQuery, filter: { Dimensions: { Key: "SERVICE", Values: ["x"] }, Tags: { Key: "a", Values: ["b"] } } } }), /exactly one of/],
    ["a reversed range", JSON.stringify({ query: { ...modelQuery, start: "2026-03-01", end: "2026-02-01" } }), /start 2026-03-01 is after its end/],
    ["a misspelt field", JSON.stringify({ query: { ...modelQuery, filters: null } }), /not a valid query/],
  ])("falls back to the parser on %s", async (_label, content, note) => {
    const server = await serve(() => ({ body: chatCompletion(content) }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: server.url, model: "m" });
    const question = "How much did I spend on EC2 last month?";
    const result = await parseQuestionWithLlm(question, { now: NOW, provider });
    const expected = parseQuestion(question, { now: NOW });
    expect(result.source).toBe("parser");
    expect(result.query).toEqual(expected.query);
    expect(result.notes[0]).toMatch(note);
    expect(result.explanation.startsWith("The LLM provider openai-compatible was not used: ")).toBe(true);
    expect(result.explanation).toContain(expected.explanation);
  });

  it("falls back when the provider fails, without showing the key", async () => {
    const server = await serve((req) => ({ status: 500, body: { error: { message: `upstream broke for ${String(req.headers.authorization)}` } } }));
    const provider = createOpenAiCompatibleProvider({ baseUrl: server.url, model: "m", apiKeyEnv: "OPENAI_API_KEY", env: { OPENAI_API_KEY: KEY } });
    const result = await parseQuestionWithLlm("S3 last week", { now: NOW, provider });
    expect(result.source).toBe("parser");
    expect(result.explanation).toContain("HTTP 500");
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(result.query.filter).toEqual({ Dimensions: { Key: "SERVICE", Values: ["Amazon Simple Storage Service"] } });
  });

  it("falls back when the key is missing", async () => {
    const provider = createAnthropicProvider({ model: "m", env: {} });
    const result = await parseQuestionWithLlm("S3 last week", { now: NOW, provider });
    expect(result.source).toBe("parser");
    expect(result.explanation).toContain("ANTHROPIC_API_KEY is not set");
  });

  it("rejects with ABORTED when the caller cancels", async () => {
    const controller = new AbortController();
    const provider: LlmProvider = {
      name: "slow",
      complete: (req: LlmRequest) =>
        new Promise<string>((_resolve, reject) => {
          req.signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
        }),
    };
    const pending = parseQuestionWithLlm("S3 last week", { now: NOW, provider, signal: controller.signal });
    controller.abort();
    const error: unknown = await pending.catch((e: unknown) => e);
    expect(isAtlasError(error) && error.code).toBe("ABORTED");
  });
});
