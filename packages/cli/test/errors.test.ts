import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "@aws-atlas/sdk";
import { createCli, lines, scratchDir, stackFrames, type CliRun } from "./helpers.js";

interface JsonError {
  error: { code: string; message: string };
}

/** One error line on stderr, nothing else there, and no stack frames anywhere. */
function expectOneErrorLine(run: CliRun): string {
  const stderr = lines(run.stderr);
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(/^error: /);
  expect(stackFrames(run.stdout + run.stderr)).toEqual([]);
  return stderr[0] ?? "";
}

describe("bad input and unavailable dependencies", () => {
  let scratch: ReturnType<typeof scratchDir>;
  let cli: ReturnType<typeof createCli>;

  beforeAll(() => {
    scratch = scratchDir();
    // nothing listens on port 1: every AWS call is refused
    cli = createCli({ endpointUrl: "http://127.0.0.1:1", db: `sqlite:${join(scratch.dir, "errors.db")}`, dir: scratch.dir });
  });

  afterAll(() => scratch.cleanup());

  it("an unknown command exits 2 with one line and a suggestion", async () => {
    const run = await cli(["scna"]);
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run)).toContain('Unknown command "scna". Did you mean "scan"?');
    expect(run.stdout).toBe("");
  });

  it("an unknown subcommand exits 2 with a suggestion", async () => {
    const run = await cli(["db", "stauts"]);
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run)).toContain('Did you mean "status"?');
  });

  it("an unknown option exits 2 with one line and a suggestion", async () => {
    const run = await cli(["scan", "--concurency", "4"]);
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run)).toContain('Unknown option --concurency for "scan". Did you mean --concurrency?');
  });

  it("names the whole command path in option errors", async () => {
    const run = await cli(["config", "init", "--formt", "toml"]);
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run)).toContain('Unknown option --formt for "config init". Did you mean --format?');
  });

  it("a JSON error goes to stdout as {error:{code,message}} and the line to stderr", async () => {
    const run = await cli(["scna", "--json"]);
    expect(run.code).toBe(2);
    expect(run.json()).toEqual({ error: { code: "INVALID_ARGUMENT", message: expect.stringContaining('Did you mean "scan"?') } });
    expectOneErrorLine(run);
  });

  it("a database URL with an unknown scheme exits 2 with one line", async () => {
    const run = await cli(["--db", "ftp://x", "regions"]);
    expect(run.code).toBe(2);
    const line = expectOneErrorLine(run);
    expect(line).toContain("database.url");
    expect(line).toContain("ftp://x");
    const json = await cli(["--db", "ftp://x", "regions", "--json"]);
    expect(json.json<JsonError>().error.code).toBe("INVALID_CONFIG");
  });

  it("an unreachable PostgreSQL exits 4 with one line and no stack trace", async () => {
    const run = await cli(["--db", "postgres://postgres:hunter2@127.0.0.1:1/x", "regions"]);
    expect(run.code).toBe(4);
    const line = expectOneErrorLine(run);
    expect(line).toContain("Cannot connect to PostgreSQL at 127.0.0.1:1");
    expect(line).not.toContain("hunter2");
    const json = await cli(["--db", "postgres://postgres@127.0.0.1:1/x", "where", "bedrock", "--json"]);
    expect(json.code).toBe(4);
    expect(json.json<JsonError>().error.code).toBe("DATABASE_UNAVAILABLE");
  });

  it("an unreachable MySQL exits 4 with one line", async () => {
    const run = await cli(["--db", "mysql://root@127.0.0.1:1/x", "services"]);
    expect(run.code).toBe(4);
    expectOneErrorLine(run);
  });

  it("prints the stack only with --log-level debug", async () => {
    const run = await cli(["--db", "postgres://postgres@127.0.0.1:1/x", "regions", "--log-level", "debug"]);
    expect(run.code).toBe(4);
    expect(stackFrames(run.stderr).length).toBeGreaterThan(0);
  });

  it("an unreachable endpoint makes scan exit 4 with one line", async () => {
    const run = await cli(["scan"], { env: { AWS_ATLAS_PERFORMANCE__MAX_RETRIES: "1" } });
    expect(run.code).toBe(4);
    expect(expectOneErrorLine(run)).toContain("ECONNREFUSED");
    const json = await cli(["where", "bedrock", "--json"], { env: { AWS_ATLAS_PERFORMANCE__MAX_RETRIES: "0" } });
    expect(json.code).toBe(4);
    expect(Object.keys(json.json<JsonError>().error).sort()).toEqual(["code", "message"]);
  });

  it("a non-numeric --min-services exits 2", async () => {
    const run = await cli(["regions", "--min-services", "abc"]);
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run)).toContain('--min-services "abc" is not a whole number');
  });

  it("other malformed values exit 2", async () => {
    for (const argv of [
      ["diff", "--from", "abc"],
      ["scan", "--max-rps", "0"],
      ["db", "prune", "--keep-days", "soon"],
      ["where"],
      ["regions", "extra"],
      ["--log-level", "loud", "regions"],
    ]) {
      const run = await cli(argv);
      expect(run.code, argv.join(" ")).toBe(2);
      expectOneErrorLine(run);
    }
    const now = await cli(["regions"], { env: { AWS_ATLAS_NOW: "yesterday-ish" } });
    expect(now.code).toBe(2);
    expect(expectOneErrorLine(now)).toContain("AWS_ATLAS_NOW");
  });

  it("asking for stored data before any scan exits 2 and says to scan", async () => {
    const run = await cli(["region", "eu-west-1"]);
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run)).toContain('Run "aws-atlas scan" first');
  });

  it("a database whose schema is newer than this aws-atlas exits 2 and is left untouched", async () => {
    const file = join(scratch.dir, "future.db");
    const storage = await openStorage({ url: `sqlite:${file}` });
    const db = storage.db as unknown as { insertInto(table: string): { values(row: object): { execute(): Promise<unknown> } } };
    await db.insertInto("atlas_migration").values({ name: "0999_from_the_future", timestamp: "2030-01-01T00:00:00.000Z" }).execute();
    await storage.close();
    const run = await cli(["--db", `sqlite:${file}`, "db", "status"]);
    expect(run.code).toBe(2);
    expect(expectOneErrorLine(run)).toContain("Upgrade aws-atlas");
  });
});
