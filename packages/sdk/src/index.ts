export * from "./errors.js";
export * from "./clock.js";
export * from "./logger.js";

export * from "./export/index.js";
export * from "./config/index.js";
export * from "./atlas.js";
export * from "./infrastructure/index.js";
export * from "./storage/index.js";
export * from "./resilience/index.js";
export type * from "./aws/index.js";
export * from "./costs/index.js";
export * from "./query/index.js";
