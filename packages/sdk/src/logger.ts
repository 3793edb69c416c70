/** Log levels, most verbose first. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The logging port: the subset of a logger the SDK calls. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger that drops everything.
 *
 * @example
 * createAtlas({ logger: noopLogger });
 */
export const noopLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Options for {@link createStreamLogger}. */
export interface StreamLoggerOptions {
  write: (line: string) => void;
  level?: LogLevel;
  format?: "text" | "json";
  clock?: { now(): Date };
}

/**
 * A logger writing one line per entry to a sink (stderr in the CLI).
 *
 * @example
 * const logger = createStreamLogger({ write: (l) => process.stderr.write(l), level: "info" });
 */
export function createStreamLogger(options: StreamLoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? "info");
  const now = () => (options.clock ? options.clock.now() : new Date());
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    if (options.format === "json") {
      options.write(JSON.stringify({ time: now().toISOString(), level, message, ...fields }) + "\n");
      return;
    }
    const extra = fields && Object.keys(fields).length > 0 ? " " + JSON.stringify(fields) : "";
    options.write(`${level}: ${message}${extra}\n`);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
