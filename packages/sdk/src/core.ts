// The primitives every adapter needs before it knows what it will do: errors, clocks, loggers and
// "did you mean" suggestions. A separate entry point so that loading them loads nothing else.
export * from "./errors.js";
export * from "./clock.js";
export * from "./logger.js";
export { suggestKey } from "./config/key-path.js";
