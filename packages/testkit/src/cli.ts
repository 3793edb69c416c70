import { parseTestkitArgs, TESTKIT_USAGE } from "./cli-args.js";
import { mergeFaults, defaultFaults } from "./faults.js";
import { startAwsServer } from "./server.js";

/** `aws-atlas-testkit`: serve until SIGINT/SIGTERM, then print the counters to stderr. */
async function main(): Promise<void> {
  let command;
  try {
    command = parseTestkitArgs(process.argv.slice(2));
    if (command.kind === "serve" && command.options.faults) mergeFaults(defaultFaults(), command.options.faults);
  } catch (error) {
    console.error(`aws-atlas-testkit: ${error instanceof Error ? error.message : String(error)}`);
    console.error("Run aws-atlas-testkit --help for the options.");
    process.exitCode = 2;
    return;
  }
  if (command.kind === "help") {
    process.stdout.write(TESTKIT_USAGE);
    return;
  }

  const server = await startAwsServer({
    ...command.options,
    onError: (error) => console.error("aws-atlas-testkit: handler failed:", error),
  });
  console.log(server.url);
  console.error(`aws-atlas-testkit: SSM and Cost Explorer on ${server.url} (Ctrl-C to stop)`);

  const shutdown = (): void => {
    process.off("SIGINT", shutdown);
    process.off("SIGTERM", shutdown);
    void server.stop().then(() => {
      console.error(`aws-atlas-testkit: stopped; ${JSON.stringify(server.stats().totals)}`);
    });
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error("aws-atlas-testkit:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
