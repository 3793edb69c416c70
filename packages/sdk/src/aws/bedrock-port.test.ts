import { afterEach, describe, expect, it } from "vitest";
import { createAtlas } from "../atlas.js";
import type { AtlasConfig } from "../config/schema.js";
import { defaultConfig } from "../config/validate.js";
import { parseQuestion } from "../query/parse-question.js";
import { converseOutput, startTestServer, type CannedResponse, type RecordedRequest, type TestServer } from "../query/llm/test-servers.js";

// The real @aws-sdk/client-bedrock-runtime (SigV4, REST-JSON) against a local stand-in for Bedrock's
// Converse endpoint, reached the way users configure it: llm.provider bedrock, llm.base_url.
const NOW = new Date("2026-03-15T10:00:00Z");
const ENV = { AWS_ACCESS_KEY_ID: "AKIDTESTBEDROCK", AWS_SECRET_ACCESS_KEY: "secret-test-key" };
const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function bedrockAtlas(handle: (request: RecordedRequest) => CannedResponse, model?: string) {
  const server = await startTestServer(handle);
  servers.push(server);
  const base = defaultConfig();
  const config: AtlasConfig = { ...base, llm: { ...base.llm, provider: "bedrock", base_url: server.url, ...(model ? { model } : {}) } };
  return { server, atlas: createAtlas({ config, env: ENV, clock: { now: () => NOW } }) };
}

describe("cost ask through Amazon Bedrock (llm.provider: bedrock)", () => {
  it("sends a signed Converse request for the configured model and uses a valid answer", async () => {
    const query = { start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY", metrics: ["UnblendedCost"], groupBy: [], filter: null, intent: "cost" };
    const { server, atlas } = await bedrockAtlas(() => ({ body: converseOutput(JSON.stringify({ query, explanation: "last month", confidence: 0.9 })) }));
    try {
      const result = await atlas.parseQuestionWithLlm("what did February cost");
      expect(result).toMatchObject({ source: "llm", provider: "bedrock", query });
      const request = server.requests[0];
      expect(request?.method).toBe("POST");
      expect(decodeURIComponent(request?.path ?? "")).toBe("/model/amazon.nova-lite-v1:0/converse");
      expect(String(request?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTESTBEDROCK\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
      const body = request?.body as { system: { text: string }[]; messages: { role: string; content: { text: string }[] }[]; inferenceConfig: { temperature: number } };
      expect(body.system[0]?.text).toContain("Today is Sunday 2026-03-15");
      expect(body.messages[0]?.content[0]?.text).toContain("what did February cost");
      expect(body.inferenceConfig.temperature).toBe(0);
    } finally {
      await atlas.close();
    }
  });

  it("falls back to the built-in parser, saying why in one line, when Bedrock refuses", async () => {
    const { server, atlas } = await bedrockAtlas(
      () => ({ status: 403, body: { __type: "AccessDeniedException", message: "You don't have access to the model with the specified model ID." } }),
      "anthropic.claude-3-haiku-20240307-v1:0",
    );
    try {
      const question = "How much did I spend on EC2 last month?";
      const result = await atlas.parseQuestionWithLlm(question);
      expect(decodeURIComponent(server.requests[0]?.path ?? "")).toBe("/model/anthropic.claude-3-haiku-20240307-v1:0/converse");
      expect(result.source).toBe("parser");
      expect(result.query).toEqual(parseQuestion(question, { now: NOW }).query);
      expect(result.explanation.startsWith("The LLM provider bedrock was not used: ")).toBe(true);
      expect(result.explanation).toContain("access");
      expect(result.explanation).not.toContain("secret-test-key");
    } finally {
      await atlas.close();
    }
  });
});
