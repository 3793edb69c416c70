import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOfflineSnapshot, noopLogger, openStorage, systemClock } from "@aws-atlas/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../command.js";
import { extractGlobalFlags } from "../globals.js";
import { Output } from "../output.js";
import { serveCommand } from "./serve.js";

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "atlas-serve-"));
  db = `sqlite:${join(dir, "atlas.db")}`;
  const storage = await openStorage({ url: db });
  await storage.scans.commitScan(loadOfflineSnapshot());
  await storage.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Run `serve` in-process with the given flags until `signal` aborts; resolves to the command's outcome. */
function startServe(argv: string[], args: Record<string, unknown>, env: Record<string, string> = {}) {
  const controller = new AbortController();
  const stderr: string[] = [];
  const stdout: string[] = [];
  const cleanups: (() => unknown)[] = [];
  const { globals } = extractGlobalFlags(["--db", db, ...argv], env);
  const ctx: CliContext = {
    env,
    cwd: dir,
    homeDir: dir,
    globals,
    out: new Output({ write: (s: string) => stdout.push(s) }, { write: (s: string) => stderr.push(s) }, globals),
    clock: systemClock,
    logger: noopLogger,
    configureLogging: () => undefined,
    signal: controller.signal,
    exitCode: 0,
    defer: (cleanup) => cleanups.push(cleanup),
  };
  const done = (async () => {
    try {
      await serveCommand.run?.({ _: [], ...args }, ctx);
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  })();
  const url = async (): Promise<string> => {
    for (let i = 0; i < 500; i += 1) {
      const match = /at (http:\/\/\S+?)\/ /.exec(stderr.join(""));
      if (match?.[1]) return match[1];
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no URL printed; stderr: ${stderr.join("")}`);
  };
  return { controller, done, url, stderr, stdout };
}

describe("serve", () => {
  it("prints the URL to stderr, serves the API from the configured database and stops on abort", async () => {
    const run = startServe([], { port: "0" });
    const url = await run.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/api/regions/eu-west-1`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { code: string }).code).toBe("eu-west-1");
    expect((await fetch(`${url}/`)).headers.get("content-type")).toMatch(/text\/html/);
    run.controller.abort();
    await run.done;
    expect(run.stderr.join("")).toContain("Stopped.");
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it("with --json prints { url } on stdout", async () => {
    const run = startServe(["--json"], { port: "0" });
    const url = await run.url();
    expect(JSON.parse(run.stdout.join(""))).toEqual({ url });
    run.controller.abort();
    await run.done;
  });

  it("uses basic authentication from the configuration", async () => {
    const run = startServe([], { port: "0" }, {
      AWS_ATLAS_DASHBOARD__AUTHENTICATION__TYPE: "basic",
      AWS_ATLAS_DASHBOARD__AUTHENTICATION__USERNAME: "ops",
      AWS_ATLAS_DASHBOARD__AUTHENTICATION__PASSWORD: "secret",
    });
    const url = await run.url();
    expect((await fetch(`${url}/api/services`)).status).toBe(401);
    const auth = `Basic ${Buffer.from("ops:secret").toString("base64")}`;
    expect((await fetch(`${url}/api/services`, { headers: { authorization: auth } })).status).toBe(200);
    run.controller.abort();
    await run.done;
  });

  it("refuses a non-loopback host without authentication (INVALID_CONFIG)", async () => {
    const run = startServe([], { port: "0", host: "0.0.0.0" });
    await expect(run.done).rejects.toMatchObject({ code: "INVALID_CONFIG" });
  });

  it("refuses saml and oauth, which are not implemented", async () => {
    const run = startServe([], { port: "0" }, {
      AWS_ATLAS_DASHBOARD__AUTHENTICATION__TYPE: "oauth",
      AWS_ATLAS_DASHBOARD__AUTHENTICATION__ISSUER_URL: "https://id.example.com",
      AWS_ATLAS_DASHBOARD__AUTHENTICATION__CLIENT_ID: "atlas",
    });
    await expect(run.done).rejects.toMatchObject({ code: "INVALID_CONFIG", message: expect.stringMatching(/oauth is not implemented/) });
  });

  it("rejects a bad --port", async () => {
    const run = startServe([], { port: "http" });
    await expect(run.done).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});
