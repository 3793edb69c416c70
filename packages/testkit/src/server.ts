import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type CostDataset, createCostExplorerHandlers, generateCostDataset } from "./cost-explorer/index.js";
import { createFaultInjector, type FaultOptions, type FaultOptionsInput } from "./faults.js";
import { AwsServiceError, QUERY_VERSIONS, type RequestContext, type ServiceHandlers, type ServiceName, TARGET_PREFIXES } from "./protocol.js";
import {
  type GlobalInfrastructureData,
  globalInfrastructureParameters,
  loadGlobalInfrastructure,
  type SsmParameterInput,
} from "./ssm/global-infrastructure.js";
import { createSsmHandlers } from "./ssm/handlers.js";
import { createParameterIndex, type ParameterIndex } from "./ssm/parameter-index.js";
import { type AwsServerStats, createStatsCollector } from "./stats.js";
import { createStsHandlers } from "./sts/handlers.js";

/** SSM data: the compact global-infrastructure tree, or any plain list of parameters. */
export type SsmData = GlobalInfrastructureData | readonly SsmParameterInput[];

/** Options for {@link startAwsServer}. */
export interface StartAwsServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** The server's "now" for Cost Explorer (estimated days, forecast limits, default data); default the real clock. */
  now?: Date;
  /** Initial faults; default {@link defaultFaults} (throttling on, nothing else). */
  faults?: FaultOptionsInput;
  /** SSM parameters; default the bundled copy of AWS's global-infrastructure tree. */
  ssm?: SsmData;
  /** Cost Explorer data; default `generateCostDataset({ now })`, generated on first use. */
  costs?: CostDataset;
  /** Answer GetParametersByPath with deterministic short, sometimes empty, pages (AWS may). Default false. */
  shortPages?: boolean;
  /** Rows per GetCostAndUsage page, passed to the Cost Explorer handlers. */
  costPageSize?: number;
  /** Stops the server when aborted. */
  signal?: AbortSignal;
  /**
   * Extra or replacement operation handlers per service, merged over the built-in ones (e.g. to
   * serve an operation the testkit does not implement).
   */
  handlers?: Partial<Record<ServiceName, ServiceHandlers>>;
  /** Called with unexpected handler errors (answered as 500 InternalServerError). */
  onError?: (error: unknown) => void;
}

/** Data that {@link AwsServer.setData} replaces. */
export interface AwsServerData {
  ssm?: SsmData;
  costs?: CostDataset;
}

/** A running testkit server. */
export interface AwsServer {
  /** Base URL to pass as `endpoint` to AWS SDK clients, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  readonly port: number;
  /** Closes the server and every open connection, stalled ones included. Idempotent. */
  stop(): Promise<void>;
  /** Counters per operation and the Cost Explorer bill. */
  stats(): AwsServerStats;
  /** Clears the counters, refills the token buckets and restarts the fault PRNG; faults and data stay. */
  reset(): void;
  /** Changes faults at runtime; unspecified fields keep their values. */
  setFaults(faults: FaultOptionsInput): void;
  /** The current faults. */
  faults(): FaultOptions;
  /** Replaces the SSM parameters and/or the Cost Explorer dataset. */
  setData(data: AwsServerData): void;
}

const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
const MAX_BODY_BYTES = 1024 * 1024;

function indexFor(data: SsmData | undefined): ParameterIndex {
  const source = data ?? loadGlobalInfrastructure();
  return createParameterIndex(Array.isArray(source) ? (source as readonly SsmParameterInput[]) : globalInfrastructureParameters(source as GlobalInfrastructureData));
}

/** The region of the SigV4 credential scope: `Credential=AKID/20250101/us-east-1/ssm/aws4_request`. */
function signedRegion(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth ? /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\//.exec(auth)?.[1] : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AwsServiceError("SerializationException", "Request body too large", 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, payload: unknown, errorType?: string): void {
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    "content-type": JSON_CONTENT_TYPE,
    "content-length": Buffer.byteLength(body),
    "x-amzn-RequestId": randomUUID(),
  };
  if (errorType !== undefined) headers["x-amzn-ErrorType"] = errorType;
  res.writeHead(status, headers);
  res.end(body);
}

function sendError(res: ServerResponse, error: AwsServiceError): void {
  send(res, error.status, { __type: error.type, message: error.message }, error.type);
}

/** One request, as far as routing needs it: its protocol, service and operation. */
interface Call {
  protocol: "json" | "query";
  service: ServiceName | undefined;
  operation: string;
  /** How an unknown operation is named in the error. */
  label: string;
  /** The request's fields: the JSON body is parsed later, the Query form here. */
  form?: Record<string, string>;
  /** The XML namespace of a Query service's answers, from its name and API version. */
  namespace?: string;
}

function identify(req: IncomingMessage, rawBody: string): Call {
  const target = req.headers["x-amz-target"];
  const contentType = req.headers["content-type"] ?? "";
  if (typeof target !== "string" && contentType.startsWith("application/x-www-form-urlencoded")) {
    const form = Object.fromEntries(new URLSearchParams(rawBody));
    const version = form.Version ?? "";
    const operation = form.Action ?? "";
    const service = Object.hasOwn(QUERY_VERSIONS, version) ? QUERY_VERSIONS[version as keyof typeof QUERY_VERSIONS] : undefined;
    const label = `${operation || "(no Action)"} of API version ${version || "(none)"}`;
    return { protocol: "query", service, operation, label, form, namespace: service && `https://${service}.amazonaws.com/doc/${version}/` };
  }
  const [prefix = "", operation = ""] = typeof target === "string" ? target.split(".", 2) : [];
  const service = Object.hasOwn(TARGET_PREFIXES, prefix) ? TARGET_PREFIXES[prefix as keyof typeof TARGET_PREFIXES] : undefined;
  return { protocol: "json", service, operation, label: typeof target === "string" ? target : "(no X-Amz-Target)" };
}

const xmlEscape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

/** Sends a Query-protocol XML body, built around the request id it is sent with. */
function sendXml(res: ServerResponse, status: number, body: (requestId: string) => string): void {
  if (res.destroyed || res.headersSent) return;
  const requestId = randomUUID();
  const text = body(requestId);
  res.writeHead(status, { "content-type": "text/xml", "content-length": Buffer.byteLength(text), "x-amzn-RequestId": requestId });
  res.end(text);
}

/** A Query answer: `<OpResponse><OpResult>` with one element per field of the handler's result. */
function sendQueryResult(res: ServerResponse, call: Call, result: unknown): void {
  const fields = Object.entries((result ?? {}) as Record<string, unknown>)
    .map(([key, value]) => `<${key}>${xmlEscape(String(value))}</${key}>`)
    .join("");
  const op = call.operation;
  sendXml(
    res,
    200,
    (id) => `<${op}Response xmlns="${call.namespace ?? ""}"><${op}Result>${fields}</${op}Result><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${op}Response>`,
  );
}

/** A Query error: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
function sendQueryError(res: ServerResponse, call: Call, error: AwsServiceError): void {
  const type = error.status >= 500 ? "Receiver" : "Sender";
  const detail = `<Error><Type>${type}</Type><Code>${xmlEscape(error.type)}</Code><Message>${xmlEscape(error.message)}</Message></Error>`;
  sendXml(res, error.status, (id) => `<ErrorResponse xmlns="${call.namespace ?? ""}">${detail}<RequestId>${id}</RequestId></ErrorResponse>`);
}

/** AWS's name of an error in each protocol (Query services spell some of them differently). */
function errorFor(call: Call, error: AwsServiceError): AwsServiceError {
  if (call.protocol !== "query") return error;
  const renamed: Record<string, string> = {
    UnknownOperationException: "InvalidAction",
    InternalServerError: "InternalFailure",
    ThrottlingException: "Throttling",
  };
  const type = renamed[error.type];
  return type ? new AwsServiceError(type, error.message, error.status) : error;
}

/** An error in the protocol of the request, under that protocol's name. */
function sendCallError(res: ServerResponse, call: Call, error: AwsServiceError): void {
  const named = errorFor(call, error);
  if (call.protocol === "query") sendQueryError(res, call, named);
  else sendError(res, named);
}

/**
 * Starts an AWS-compatible server for SSM Parameter Store (`AmazonSSM.*`) and Cost Explorer
 * (`AWSInsightsIndexService.*`) speaking AWS JSON 1.1, and STS `GetCallerIdentity` (AWS Query), with
 * fault injection. Point the real AWS SDK clients at `url`; signatures are not checked.
 *
 * @example
 * ```ts
 * const server = await startAwsServer({ faults: { latency: { fixedMs: 20 } } });
 * const ssm = new SSMClient({ endpoint: server.url, region: "us-east-1",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" } });
 * await ssm.send(new GetParameterCommand({ Name: "/aws/service/global-infrastructure/regions/us-east-1/longName" }));
 * await server.stop();
 * ```
 */
export async function startAwsServer(options: StartAwsServerOptions = {}): Promise<AwsServer> {
  const host = options.host ?? "127.0.0.1";
  const faults = createFaultInjector(options.faults);
  const stats = createStatsCollector();
  const onError = options.onError ?? (() => undefined);

  let ssmData = options.ssm;
  let ssmIndex: ParameterIndex | undefined;
  let costs = options.costs;

  const handlers: Record<ServiceName, ServiceHandlers> = {
    ssm: createSsmHandlers({ getIndex: () => (ssmIndex ??= indexFor(ssmData)), shortPages: options.shortPages === true }),
    ce: createCostExplorerHandlers({
      getData: () => (costs ??= generateCostDataset({ now: options.now })),
      ...(options.costPageSize !== undefined ? { pageSize: options.costPageSize } : {}),
    }),
    sts: createStsHandlers(),
  };
  for (const [service, extra] of Object.entries(options.handlers ?? {}) as [ServiceName, ServiceHandlers | undefined][]) {
    handlers[service] = { ...handlers[service], ...extra };
  }

  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      if (error instanceof AwsServiceError) sendError(res, error);
      else req.socket.destroy();
      return;
    }

    const call = identify(req, rawBody);
    const { service, operation } = call;
    const serviceHandlers = service ? handlers[service] : undefined;
    const handler = serviceHandlers && Object.hasOwn(serviceHandlers, operation) ? serviceHandlers[operation] : undefined;

    if (req.method !== "POST" || !service || !handler) {
      stats.request(service ?? "unknown", operation || "-");
      stats.outcome(service ?? "unknown", operation || "-", "error");
      sendCallError(res, call, new AwsServiceError("UnknownOperationException", `Unknown operation ${call.label}`));
      return;
    }

    stats.request(service, operation);
    const decision = faults.decide(service, operation, performance.now());
    switch (decision.kind) {
      case "down":
        stats.outcome(service, operation, "reset");
        req.socket.destroy();
        return;
      case "stall":
        // Never answered; stop() or the client's timeout closes the socket.
        stats.outcome(service, operation, "stall");
        return;
      default:
        break;
    }
    // Even when the client gives up meanwhile, the request still gets its outcome counted.
    if (decision.delayMs > 0) await delay(decision.delayMs);

    switch (decision.kind) {
      case "reset":
        stats.outcome(service, operation, "reset");
        req.socket.destroy();
        return;
      case "throttle":
        stats.outcome(service, operation, "throttled");
        sendCallError(
          res,
          call,
          service !== "ce"
            ? new AwsServiceError("ThrottlingException", "Rate exceeded")
            : new AwsServiceError("LimitExceededException", "You have exceeded the rate limit. Try again later."),
        );
        return;
      case "error":
        stats.outcome(service, operation, "error");
        sendCallError(
          res,
          call,
          new AwsServiceError(
            decision.type,
            decision.status === 500 ? "An internal error occurred. Try again later." : "The service is unavailable. Try again later.",
            decision.status,
          ),
        );
        return;
      case "ok":
        break;
    }

    try {
      let body: unknown = call.form ?? {};
      if (call.protocol === "json" && rawBody.trim() !== "") {
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw new AwsServiceError("SerializationException", "Start of structure or map found where not expected.");
        }
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        throw new AwsServiceError("SerializationException", "The request body must be a JSON object.");
      }
      const ctx: RequestContext = { now: options.now ?? new Date(), region: signedRegion(req) ?? "us-east-1" };
      const result = handler(body as Record<string, unknown>, ctx);
      stats.outcome(service, operation, "ok");
      if (call.protocol === "query") sendQueryResult(res, call, result);
      else send(res, 200, result ?? {});
    } catch (error) {
      stats.outcome(service, operation, "error");
      if (error instanceof AwsServiceError) {
        sendCallError(res, call, error);
      } else {
        onError(error);
        sendCallError(res, call, new AwsServiceError("InternalServerError", "An internal error occurred.", 500));
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) sendError(res, new AwsServiceError("InternalServerError", "An internal error occurred.", 500));
    });
  });
  // Longer than the SDK's idle keep-alive use, so the server does not close a socket the client is reusing.
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    }));

  if (options.signal) {
    if (options.signal.aborted) await stop();
    else options.signal.addEventListener("abort", () => void stop(), { once: true });
  }

  return {
    url,
    port,
    stop,
    stats: () => stats.snapshot(),
    reset() {
      stats.reset();
      faults.reset();
    },
    setFaults: (input) => faults.set(input),
    faults: () => faults.get(),
    setData(data) {
      if (data.ssm !== undefined) {
        ssmData = data.ssm;
        ssmIndex = undefined;
      }
      if (data.costs !== undefined) costs = data.costs;
    },
  };
}
