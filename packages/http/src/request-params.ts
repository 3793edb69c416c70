import { AtlasError, type AtlasConfig, type SnapshotFilters } from "@aws-atlas/sdk";

/** The part of a Hono request these readers use (any route's `c.req` fits). */
export interface QueryReader {
  query(name: string): string | undefined;
  queries(name: string): string[] | undefined;
}

/**
 * The values of a repeatable query parameter, comma lists split: `?service=a,b&service=c` -> `["a","b","c"]`.
 * Undefined when the parameter is absent or empty.
 *
 * @example
 * listParam(c.req, "service"); // ["bedrock", "ec2"]
 */
export function listParam(req: QueryReader, name: string): string[] | undefined {
  const values = (req.queries(name) ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? values : undefined;
}

/**
 * A whole-number query parameter (`min`: smallest accepted), or undefined when absent. Throws INVALID_ARGUMENT.
 *
 * @example
 * intParam(c.req, "from", 1); // 12 for ?from=12
 */
export function intParam(req: QueryReader, name: string, min: number): number | undefined {
  const raw = req.query(name);
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new AtlasError("INVALID_ARGUMENT", `Query parameter ${name}=${JSON.stringify(raw)} is not a whole number >= ${min}`, {
      hint: `Use ${name}=N with N >= ${min}.`,
    });
  }
  return value;
}

/**
 * The filter parameters of CONTRACTS.md ("Filters") as {@link SnapshotFilters}: `include-services`,
 * `exclude-services`, `include-regions`, `exclude-regions` (repeatable, comma lists) and `min-services`.
 * Each one the request leaves out falls back to the configuration's `filters`, as on the command line.
 *
 * @example
 * const filters = readFilters(c.req, atlas.config.filters);
 */
export function readFilters(req: QueryReader, configured: AtlasConfig["filters"]): SnapshotFilters {
  const orConfigured = (values: readonly string[]) => (values.length > 0 ? [...values] : undefined);
  const minServices = intParam(req, "min-services", 0);
  return {
    includeServices: listParam(req, "include-services") ?? orConfigured(configured.services.include),
    excludeServices: listParam(req, "exclude-services") ?? orConfigured(configured.services.exclude),
    includeRegions: listParam(req, "include-regions") ?? orConfigured(configured.regions.include),
    excludeRegions: listParam(req, "exclude-regions") ?? orConfigured(configured.regions.exclude),
    minServices: minServices ?? (configured.capacity.min_services > 0 ? configured.capacity.min_services : undefined),
  };
}

/**
 * The request body parsed as JSON; INVALID_ARGUMENT when it is not JSON.
 *
 * @example
 * const body = await readJsonBody(c.req);
 */
export async function readJsonBody(req: { text(): Promise<string> }): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") {
    throw new AtlasError("INVALID_ARGUMENT", "The request body is empty", { hint: "Send a JSON object with Content-Type: application/json." });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AtlasError("INVALID_ARGUMENT", "The request body is not valid JSON", {
      hint: "Send a JSON object with Content-Type: application/json.",
      cause: error,
    });
  }
}

/** The body of `POST /api/cost/ask`. */
export interface AskBody {
  question: string;
  dryRun: boolean;
}

const MAX_QUESTION_LENGTH = 1000;

/**
 * Validate the body of `POST /api/cost/ask`: `{ "question": string, "dryRun"?: boolean }`, nothing else.
 *
 * @example
 * parseAskBody({ question: "EC2 last month", dryRun: true }); // { question: "EC2 last month", dryRun: true }
 */
export function parseAskBody(body: unknown): AskBody {
  const invalid = (message: string) =>
    new AtlasError("INVALID_ARGUMENT", message, { hint: 'Send { "question": "EC2 last month by region", "dryRun": true }.' });
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("The body must be a JSON object");
  const record = body as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => key !== "question" && key !== "dryRun");
  if (unknownKey !== undefined) throw invalid(`Unknown field ${JSON.stringify(unknownKey)} in the body`);
  const { question, dryRun } = record;
  if (typeof question !== "string" || question.trim() === "") throw invalid("question must be a non-empty string");
  if (question.length > MAX_QUESTION_LENGTH) throw invalid(`question is longer than ${MAX_QUESTION_LENGTH} characters`);
  if (dryRun !== undefined && typeof dryRun !== "boolean") throw invalid("dryRun must be true or false");
  return { question: question.trim(), dryRun: dryRun ?? false };
}
