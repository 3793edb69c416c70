export { runCli, type RunCliOptions } from "./run-cli.js";
export { defineAtlasCommand, type AtlasCommand, type CliContext } from "./command.js";
export { EXIT, EXIT_CODE_BY_ERROR } from "./exit-codes.js";
