export * from "./errors.js";
export * from "./clock.js";
export * from "./logger.js";
export type * from "./infrastructure/snapshot.js";
export * from "./export/index.js";
export * from "./config/index.js";
