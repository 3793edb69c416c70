import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

function capture() {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s), text: () => chunks.join("") };
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli({ argv, env, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe("runCli", () => {
  it("prints help with global options and examples", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("GLOBAL OPTIONS");
    expect(r.stdout).toContain("--endpoint-url URL");
    expect(r.stdout).toContain("EXAMPLES");
  });

  it("prints the version", async () => {
    const r = await run(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("rejects an unknown command with exit 2 and one line", async () => {
    const r = await run(["nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain('Unknown command "nope"');
  });

  it("prints a JSON error on stdout with --json", async () => {
    const r = await run(["nope", "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: "INVALID_ARGUMENT", message: expect.stringContaining("nope") } });
  });

  it("rejects a global flag without its value", async () => {
    const r = await run(["--db"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--db needs a value");
  });

  it("rejects an invalid log level", async () => {
    const r = await run(["--log-level", "loud"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not a log level");
  });
});
