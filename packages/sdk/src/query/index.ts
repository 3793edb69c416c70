export { parseQuestion, type ParseQuestionOptions, type ParsedQuestion } from "./parse-question.js";
export { describeCostQuery, describeExpression, describeGroupBy } from "./describe-query.js";
export type { FetchLike, EnvironmentLike, LlmProvider, LlmRequest } from "./llm/llm-provider.js";
export { createOpenAiCompatibleProvider, type OpenAiCompatibleProviderOptions } from "./llm/openai-compatible-provider.js";
export { createAnthropicProvider, type AnthropicProviderOptions } from "./llm/anthropic-provider.js";
export {
  createBedrockProvider,
  type BedrockConverse,
  type BedrockConverseRequest,
  type BedrockConverseResponse,
  type BedrockProviderOptions,
} from "./llm/bedrock-provider.js";
export {
  buildCostQueryPrompt,
  extractJsonObject,
  parseQuestionWithLlm,
  type LlmParsedQuestion,
  type ParseQuestionWithLlmOptions,
} from "./llm/parse-question-with-llm.js";
