import {
  COST_INTENTS,
  COST_METRICS,
  DIMENSION_KEYS,
  GRANULARITIES,
  GROUPABLE_DIMENSION_KEYS,
  costQuerySchema,
  dayOfWeek,
  toIsoDate,
  type CostQuery,
} from "../../costs/cost-query.js";
import { SERVICE_NAME_ENTRIES } from "../../costs/service-names.js";
import { isAtlasError, toAtlasError } from "../../errors.js";
import { describeCostQuery } from "../describe-query.js";
import { parseQuestion, type ParseQuestionOptions, type ParsedQuestion } from "../parse-question.js";
import type { LlmProvider, LlmRequest } from "./llm-provider.js";

/**
 * Options for {@link parseQuestionWithLlm}.
 *
 * @example
 * const options: ParseQuestionWithLlmOptions = { now: new Date(), provider };
 */
export interface ParseQuestionWithLlmOptions extends ParseQuestionOptions {
  provider: LlmProvider;
  signal?: AbortSignal;
  /** More SERVICE values to offer the model (e.g. from GetDimensionValues). */
  serviceValues?: readonly string[];
}

/**
 * A parsed question and who parsed it.
 *
 * @example
 * const result: LlmParsedQuestion = await parseQuestionWithLlm("EC2 last month", { now, provider });
 * result.source; // "llm" or "parser" (fallback)
 */
export interface LlmParsedQuestion extends ParsedQuestion {
  source: "llm" | "parser";
  provider: string;
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/**
 * The prompt that asks a model for the query object. Today's date comes from `now` (never a fixed date);
 * the allowed values are listed; the example answer is computed by the deterministic parser for today.
 *
 * @example
 * const { system, user } = buildCostQueryPrompt("EC2 last month", { now: new Date() });
 */
export function buildCostQueryPrompt(question: string, options: ParseQuestionOptions & { serviceValues?: readonly string[] }): LlmRequest {
  const today = toIsoDate(options.now);
  const fiscalStart = options.fiscalYearStartMonth ?? 1;
  const services = [...new Set([...SERVICE_NAME_ENTRIES.map((e) => e.ceService), ...(options.serviceValues ?? [])])];
  const aliases = SERVICE_NAME_ENTRIES.filter((e) => e.aliases.length > 0)
    .slice(0, 40)
    .map((e) => `${e.aliases.slice(0, 3).join("/")} -> "${e.ceService}"`);
  const exampleQuestion = "How much did I spend on EC2 last month, by region?";
  const example = parseQuestion(exampleQuestion, options).query;
  const system = [
    "You translate a question about AWS costs into one JSON object for the AWS Cost Explorer API.",
    "Answer with that JSON object only: no prose, no code fences.",
    `Today is ${WEEKDAYS[dayOfWeek(today)] ?? ""} ${today} (UTC). Compute every relative date from today.`,
    'Answer shape: {"query": QUERY, "explanation": "one sentence", "confidence": 0..1, "unrecognised": ["words you could not map"]}',
    "QUERY fields:",
    '- "start", "end": dates "YYYY-MM-DD", both inclusive.',
    `- "granularity": one of ${GRANULARITIES.join(", ")} (HOURLY only within the last 14 days).`,
    `- "metrics": array of ${COST_METRICS.join(", ")}; default ["UnblendedCost"].`,
    `- "groupBy": at most 2 of {"type":"DIMENSION","key":K} with K in ${GROUPABLE_DIMENSION_KEYS.join(", ")}; {"type":"TAG","key":"tag key"}; {"type":"COST_CATEGORY","key":"name"}. Default [].`,
    '- "filter": null or a Cost Explorer Expression with exactly one operator per node: {"Dimensions":{"Key":K,"Values":[...]}}, {"Tags":{"Key":"k","Values":[...]}}, {"Tags":{"Key":"k","MatchOptions":["ABSENT"]}}, {"CostCategories":{"Key":"k","Values":[...]}}, {"And":[two or more]}, {"Or":[two or more]}, {"Not":expression}.',
    `  Dimension keys: ${DIMENSION_KEYS.join(", ")}. Accounts are 12-digit LINKED_ACCOUNT values; regions are codes such as us-east-1.`,
    `- "intent": one of ${COST_INTENTS.join(", ")} (forecast: future spend, starts today or later; trend: comparison over time).`,
    "Date rules: weeks start on Monday; last/previous month, quarter or year = the previous complete calendar period;",
    'this month/quarter/year = from its first day to today; "last N days" = the N complete days before today;',
    "a month named without a year = the most recent such month that has started; a quarter without a year = the most recent complete one;",
    `fiscal years start in ${MONTHS[fiscalStart - 1] ?? "January"} and are named by the calendar year in which they end; end must not be after today unless intent is forecast.`,
    `SERVICE values (use these exact strings): ${services.map((s) => JSON.stringify(s)).join(", ")}.`,
    `Common names: ${aliases.join("; ")}; EBS, NAT gateway, Elastic IP -> "EC2 - Other".`,
    `Example: ${JSON.stringify(exampleQuestion)} -> ${JSON.stringify({ query: example, explanation: "EC2 compute cost last month by region", confidence: 0.95, unrecognised: [] })}`,
  ].join("\n");
  return { system, user: question };
}

/**
 * The first JSON object in a model's answer (code fences and prose around it are ignored).
 *
 * @example
 * extractJsonObject('Sure! ```json\n{"a": 1}\n```'); // { a: 1 }
 */
export function extractJsonObject(text: string): unknown {
  for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start + 1)) {
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) {
        try {
          return JSON.parse(text.slice(start, i + 1)) as unknown;
        } catch {
          break;
        }
      }
    }
  }
  return undefined;
}

const ANSWER_EXTRAS = new Set(["explanation", "confidence", "unrecognised", "unrecognized", "notes"]);

function interpret(answer: unknown): { query: CostQuery; explanation?: string; confidence?: number; unrecognised: string[] } | string {
  if (!answer || typeof answer !== "object" || Array.isArray(answer)) return "the answer holds no JSON object";
  const record = answer as Record<string, unknown>;
  const candidate = "query" in record ? record.query : record;
  let queryInput: unknown = candidate;
  if (!("query" in record)) {
    // A bare query object, possibly with our extra fields next to it.
    queryInput = Object.fromEntries(Object.entries(record).filter(([key]) => !ANSWER_EXTRAS.has(key)));
  }
  const parsed = costQuerySchema.safeParse(queryInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `the answer is not a valid query (${issue ? `${issue.path.join(".") || "query"}: ${issue.message}` : "invalid"})`;
  }
  if (parsed.data.start > parsed.data.end) return `the answer's start ${parsed.data.start} is after its end ${parsed.data.end}`;
  const unrecognisedRaw = record.unrecognised ?? record.unrecognized;
  const unrecognised = Array.isArray(unrecognisedRaw) ? unrecognisedRaw.filter((w): w is string => typeof w === "string") : [];
  const result: { query: CostQuery; explanation?: string; confidence?: number; unrecognised: string[] } = { query: parsed.data, unrecognised };
  if (typeof record.explanation === "string") result.explanation = record.explanation.slice(0, 500);
  if (typeof record.confidence === "number" && Number.isFinite(record.confidence)) result.confidence = Math.min(1, Math.max(0, record.confidence));
  return result;
}

/**
 * Ask an LLM for the query object, validate its answer with {@link costQuerySchema}, and fall back to
 * {@link parseQuestion} (with a note in the explanation) when the provider fails or the answer is not a
 * valid query. Cancelling `signal` rejects with ABORTED instead of falling back.
 *
 * @example
 * const result = await parseQuestionWithLlm("What did the data team spend on Glue in Q3?", {
 *   now: new Date(), provider: createAnthropicProvider({ model: "claude-3-5-haiku-latest", env: process.env }),
 * });
 */
export async function parseQuestionWithLlm(text: string, options: ParseQuestionWithLlmOptions): Promise<LlmParsedQuestion> {
  const fallback = parseQuestion(text, options);
  const { provider } = options;
  const fallBack = (reason: string): LlmParsedQuestion => {
    const note = `The LLM provider ${provider.name} was not used: ${reason}; answered by the built-in parser.`;
    return { ...fallback, explanation: `${note} ${fallback.explanation}`, notes: [note, ...fallback.notes], source: "parser", provider: provider.name };
  };

  let answer: string;
  try {
    const request = buildCostQueryPrompt(text, options);
    answer = await provider.complete(options.signal === undefined ? request : { ...request, signal: options.signal });
  } catch (error) {
    const atlasError = toAtlasError(error);
    if (options.signal?.aborted || (isAtlasError(error) && error.code === "ABORTED")) throw atlasError;
    return fallBack(atlasError.message);
  }

  const interpreted = interpret(extractJsonObject(answer));
  if (typeof interpreted === "string") return fallBack(interpreted);
  const { query } = interpreted;
  const explanation = [
    describeCostQuery(query),
    interpreted.explanation ? `The model read it as: ${interpreted.explanation}` : "",
    `(Parsed by the LLM provider ${provider.name}.)`,
  ]
    .filter(Boolean)
    .join(" ");
  return {
    query,
    explanation,
    confidence: Math.round((interpreted.confidence ?? 0.8) * 100) / 100,
    unrecognised: interpreted.unrecognised,
    notes: [],
    source: "llm",
    provider: provider.name,
  };
}
