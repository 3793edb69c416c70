// Compares the testkit's SSM answers with moto_server's (moto ships AWS's real
// global-infrastructure data). Skipped when moto_server is missing, unless CI=true.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  paginateGetParametersByPath,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsServer, startAwsServer } from "./index.js";

const ROOT = "/aws/service/global-infrastructure";
const CI = process.env.CI === "true";

function hasMotoServer(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v moto_server"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`moto_server did not listen on ${url} within ${timeoutMs} ms`);
}

const available = hasMotoServer();
if (!available && CI) {
  describe("moto comparison", () => {
    it("needs moto_server on CI", () => {
      throw new Error("moto_server is not installed; install it (pip install 'moto[server]') or run without CI=true to skip");
    });
  });
}

describe.skipIf(!available)("SSM answers match moto_server", () => {
  let moto: ChildProcess | undefined;
  let server: AwsServer;
  let ours: SSMClient;
  let theirs: SSMClient;

  const client = (endpoint: string) =>
    new SSMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 });

  beforeAll(async () => {
    const port = await freePort();
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(url, moto, 30_000);
    server = await startAwsServer({ faults: { throttle: { ssm: false } } });
    ours = client(server.url);
    theirs = client(url);
  });

  afterAll(async () => {
    ours?.destroy();
    theirs?.destroy();
    await server?.stop();
    if (moto && moto.exitCode === null) {
      const exited = new Promise((r) => moto?.once("exit", r));
      moto.kill("SIGTERM");
      const force = setTimeout(() => moto?.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(force);
    }
  });

  /** Name -> value of every parameter under the path, through the SDK paginator. */
  async function list(c: SSMClient, path: string, recursive = false): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for await (const page of paginateGetParametersByPath({ client: c, pageSize: 10 }, { Path: path, Recursive: recursive })) {
      for (const p of page.Parameters ?? []) {
        expect(p).toMatchObject({ Type: "String", Version: 1, DataType: "text" });
        out[p.Name ?? ""] = p.Value ?? "";
      }
    }
    return out;
  }

  it.each([
    ["the region list", `${ROOT}/regions`, false],
    ["a region's metadata", `${ROOT}/regions/us-east-1`, false],
    ["a region's services", `${ROOT}/regions/us-east-1/services`, false],
    ["another region's services", `${ROOT}/regions/ap-southeast-2/services`, false],
    ["availability zones", `${ROOT}/regions/us-east-1/availability-zones`, false],
    ["local zones", `${ROOT}/regions/us-west-2/local-zones`, false],
    ["a service's regions", `${ROOT}/services/ec2/regions`, false],
    ["a service's metadata", `${ROOT}/services/lambda`, false],
    ["a service's regions with endpoints", `${ROOT}/services/s3/regions`, true],
    ["a service recursively", `${ROOT}/services/ec2`, true],
    ["a path with a trailing slash", `${ROOT}/regions/eu-west-3/availability-zones/`, false],
  ])("%s (%s, recursive=%s)", async (_label, path, recursive) => {
    const [a, b] = await Promise.all([list(ours, path, recursive), list(theirs, path, recursive)]);
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  it("the service list (services tree, all 402)", async () => {
    const [a, b] = await Promise.all([list(ours, `${ROOT}/services`), list(theirs, `${ROOT}/services`)]);
    expect(a).toEqual(b);
  });

  it("GetParameter: long names, and ParameterNotFound", async () => {
    for (const name of [`${ROOT}/services/ec2/longName`, `${ROOT}/regions/eu-central-1/longName`, `${ROOT}/regions/us-east-1/partition`]) {
      const [a, b] = await Promise.all([ours.send(new GetParameterCommand({ Name: name })), theirs.send(new GetParameterCommand({ Name: name }))]);
      expect(a.Parameter?.Value).toBe(b.Parameter?.Value);
    }
    const errors = await Promise.all(
      [ours, theirs].map((c) => c.send(new GetParameterCommand({ Name: `${ROOT}/regions/xx-nowhere-1` })).catch((e: Error) => e.name)),
    );
    expect(errors).toEqual(["ParameterNotFound", "ParameterNotFound"]);
  });

  it("GetParameters: values and InvalidParameters", async () => {
    const names = [`${ROOT}/services/s3/longName`, `${ROOT}/regions/us-east-2/geolocationRegion`, `${ROOT}/nope`, `${ROOT}/regions`];
    const [a, b] = await Promise.all([ours, theirs].map((c) => c.send(new GetParametersCommand({ Names: names }))));
    const values = (r: typeof a): Record<string, string> =>
      Object.fromEntries((r?.Parameters ?? []).map((p) => [p.Name ?? "", p.Value ?? ""]));
    expect(values(a)).toEqual(values(b));
    expect([...(a?.InvalidParameters ?? [])].sort()).toEqual([...(b?.InvalidParameters ?? [])].sort());
  });

  it("validation errors have the same type", async () => {
    const tooMany = Array.from({ length: 11 }, (_, i) => `/p${i}`);
    const names = await Promise.all(
      [ours, theirs].flatMap((c) => [
        c.send(new GetParametersCommand({ Names: tooMany })).catch((e: Error) => e.name),
        c.send(new GetParametersByPathCommand({ Path: `${ROOT}/regions`, MaxResults: 11 })).catch((e: Error) => e.name),
      ]),
    );
    expect(names).toEqual(["ValidationException", "ValidationException", "ValidationException", "ValidationException"]);
  });
});
