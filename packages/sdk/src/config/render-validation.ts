import { formatConfigIssue, type ConfigIssue } from "./types.js";

/** What {@link renderValidation} reads: the outcome of `validateConfig`. */
export interface RenderValidationOptions {
  ok: boolean;
  errors: readonly ConfigIssue[];
  warnings: readonly ConfigIssue[];
  files: readonly string[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Render the outcome of `config validate` as text: every error and warning on its own line,
 * then a summary naming the files read.
 *
 * @example
 * const result = validateConfig(options);
 * stdout.write(renderValidation(result));
 * return result.ok ? 0 : 2;
 */
export function renderValidation(result: RenderValidationOptions): string {
  const lines = [
    ...result.errors.map((issue) => `error: ${formatConfigIssue(issue)}`),
    ...result.warnings.map((issue) => `warning: ${formatConfigIssue(issue)}`),
  ];
  const files = result.files.length > 0 ? `files: ${result.files.join(", ")}` : "no configuration file; defaults and environment only";
  const summary = result.ok
    ? `Configuration is valid${result.warnings.length > 0 ? ` with ${plural(result.warnings.length, "warning")}` : ""} (${files}).`
    : `Configuration is invalid: ${plural(result.errors.length, "error")}${result.warnings.length > 0 ? `, ${plural(result.warnings.length, "warning")}` : ""} (${files}).`;
  return [...lines, summary].join("\n") + "\n";
}
