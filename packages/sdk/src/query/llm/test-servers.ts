// Small local HTTP servers that speak the request/response shapes of the three LLM APIs (test helper).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One request the server received.
 *
 * @example
 * server.requests[0]?.headers.authorization;
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

/**
 * What a handler answers.
 *
 * @example
 * const answer: CannedResponse = { status: 500, body: { error: { message: "down" } } };
 */
export interface CannedResponse {
  status?: number;
  body?: unknown;
  /** Raw text instead of JSON. */
  raw?: string;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

/**
 * A running test server.
 *
 * @example
 * await server.close();
 */
export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Start a server on 127.0.0.1 with an ephemeral port.
 *
 * @example
 * const server = await startTestServer(() => ({ body: { ok: true } }));
 */
export async function startTestServer(handle: (request: RecordedRequest) => CannedResponse): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        // keep the text
      }
      const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
      requests.push(recorded);
      const answer = handle(recorded);
      if (answer.hang) return;
      res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
      res.end(answer.raw ?? JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An OpenAI chat completions answer carrying `content`.
 *
 * @example
 * chatCompletion("hello").choices[0].message.content; // "hello"
 */
export function chatCompletion(content: string): { id: string; object: string; choices: Array<{ index: number; message: { role: string; content: string }; finish_reason: string }> } {
  return { id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] };
}

/**
 * An Anthropic Messages answer carrying `text` (split over two text blocks).
 *
 * @example
 * anthropicMessage("hi").content.length; // 2
 */
export function anthropicMessage(text: string): { id: string; type: string; role: string; content: Array<{ type: string; text: string }>; stop_reason: string } {
  const middle = Math.floor(text.length / 2);
  return {
    id: "msg_1",
    type: "message",
    role: "assistant",
    content: [
      { type: "text", text: text.slice(0, middle) },
      { type: "text", text: text.slice(middle) },
    ],
    stop_reason: "end_turn",
  };
}

/**
 * A Bedrock Converse answer carrying `text`.
 *
 * @example
 * converseOutput("hi").output.message.content[0].text; // "hi"
 */
export function converseOutput(text: string): { output: { message: { role: string; content: Array<{ text: string }> } }; stopReason: string; usage: Record<string, number> } {
  return { output: { message: { role: "assistant", content: [{ text }] } }, stopReason: "end_turn", usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 } };
}
