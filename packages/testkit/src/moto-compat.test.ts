// Compares the testkit's SSM answers with moto_server's (moto ships AWS's real
// global-infrastructure data). Skipped when moto_server is missing, unless CI=true.
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  paginateGetParametersByPath,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsServer, hasMotoServer, type MotoServer, startAwsServer, startMotoServer } from "./index.js";

const ROOT = "/aws/service/global-infrastructure";
const CI = process.env.CI === "true";

const available = hasMotoServer();
if (!available && CI) {
  describe("moto comparison", () => {
    it("needs moto_server on CI", () => {
      throw new Error("moto_server is not installed; install it (pip install 'moto[server]') or run without CI=true to skip");
    });
  });
}

describe.skipIf(!available)("SSM answers match moto_server", () => {
  let moto: MotoServer | undefined;
  let server: AwsServer;
  let ours: SSMClient;
  let theirs: SSMClient;

  const client = (endpoint: string) =>
    new SSMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 });

  beforeAll(async () => {
    moto = await startMotoServer();
    const url = moto.url;
    server = await startAwsServer({ faults: { throttle: { ssm: false } } });
    ours = client(server.url);
    theirs = client(url);
  });

  afterAll(async () => {
    ours?.destroy();
    theirs?.destroy();
    await server?.stop();
    await moto?.stop();
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
