import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  paginateGetParametersByPath,
  type Parameter,
  SSMClient,
} from "@aws-sdk/client-ssm";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AwsServer, startAwsServer } from "./index.js";

const ROOT = "/aws/service/global-infrastructure";

function ssmClient(server: AwsServer, region = "us-east-1"): SSMClient {
  return new SSMClient({
    endpoint: server.url,
    region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

async function listAll(client: SSMClient, path: string, options: { recursive?: boolean; pageSize?: number } = {}): Promise<Parameter[]> {
  const out: Parameter[] = [];
  const pages = paginateGetParametersByPath(
    { client, pageSize: options.pageSize ?? 10 },
    { Path: path, Recursive: options.recursive ?? false },
  );
  for await (const page of pages) out.push(...(page.Parameters ?? []));
  return out;
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

async function post(server: AwsServer, target: string | undefined, body: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.1" };
  if (target !== undefined) headers["x-amz-target"] = target;
  return fetch(server.url, { method: "POST", headers, body });
}

describe("SSM against the bundled global-infrastructure tree", () => {
  let server: AwsServer;
  let ssm: SSMClient;

  beforeAll(async () => {
    server = await startAwsServer({ faults: { throttle: { ssm: false } } });
    ssm = ssmClient(server);
  });
  afterAll(async () => {
    ssm.destroy();
    await server.stop();
  });
  afterEach(() => server.reset());

  it("lists the 39 regions non-recursively, paging to the end", async () => {
    const regions = await listAll(ssm, `${ROOT}/regions`);
    expect(regions).toHaveLength(39);
    expect(regions.map((p) => p.Value)).toContain("us-east-1");
    expect(regions.every((p) => p.Name === `${ROOT}/regions/${p.Value}`)).toBe(true);
    expect(server.stats().operations["ssm.GetParametersByPath"]).toMatchObject({ requests: 4, ok: 4 });
  });

  it("collects the same set through the SDK paginator for any MaxResults 1..10", async () => {
    const paths = [`${ROOT}/regions`, `${ROOT}/services/ec2/regions`, `${ROOT}/regions/ap-south-1`];
    const reference = new Map<string, string[]>();
    for (const path of paths) reference.set(path, (await listAll(ssm, path)).map((p) => p.Name ?? "").sort());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.integer({ min: 1, max: 10 }), async (path, pageSize) => {
        const names = (await listAll(ssm, path, { pageSize })).map((p) => p.Name ?? "");
        expect(names.sort()).toEqual(reference.get(path));
      }),
      { numRuns: 8 },
    );
  });

  it("returns parameters with AWS's fields", async () => {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: `${ROOT}/regions`, MaxResults: 1 }));
    const [param] = page.Parameters ?? [];
    expect(param).toMatchObject({ Type: "String", Version: 1, DataType: "text" });
    expect(param?.LastModifiedDate).toBeInstanceOf(Date);
    expect(param?.ARN).toBe(`arn:aws:ssm:us-east-1::parameter${param?.Name ?? ""}`);
    expect(page.NextToken).toEqual(expect.any(String));
  });

  it("puts the signing region into the ARN", async () => {
    const client = ssmClient(server, "cn-north-1");
    const out = await client.send(new GetParameterCommand({ Name: `${ROOT}/regions/us-east-1` }));
    expect(out.Parameter?.ARN).toBe(`arn:aws-cn:ssm:cn-north-1::parameter${ROOT}/regions/us-east-1`);
    client.destroy();
  });

  it("lists a region's metadata without its sub-trees", async () => {
    const params = await listAll(ssm, `${ROOT}/regions/us-east-1`);
    expect(Object.fromEntries(params.map((p) => [p.Name?.split("/").pop(), p.Value]))).toEqual({
      domain: "amazonaws.com",
      geolocationCountry: "US",
      geolocationRegion: "US-VA",
      longName: "US East (N. Virginia)",
      partition: "aws",
    });
  });

  it("lists a region's services with the service code as value", async () => {
    const services = await listAll(ssm, `${ROOT}/regions/us-east-1/services/`);
    expect(services.length).toBeGreaterThan(300);
    expect(services.map((p) => p.Value)).toEqual(expect.arrayContaining(["ec2", "s3", "lambda"]));
    expect(services.every((p) => p.Name === `${ROOT}/regions/us-east-1/services/${p.Value}`)).toBe(true);
  });

  it("lists a service's regions, availability zones and local zones", async () => {
    const regions = await listAll(ssm, `${ROOT}/services/ec2/regions`);
    expect(regions.map((p) => p.Value)).toContain("eu-west-1");
    const azs = await listAll(ssm, `${ROOT}/regions/us-east-1/availability-zones`);
    expect(azs.map((p) => p.Value)).toEqual(["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"]);
    const local = await listAll(ssm, `${ROOT}/regions/us-east-1/local-zones`);
    expect(local.map((p) => p.Value)).toContain("use1-bos1-az1");
  });

  it("lists recursively: endpoints and protocols come with each region", async () => {
    const all = await listAll(ssm, `${ROOT}/services/ec2/regions`, { recursive: true });
    const names = all.map((p) => p.Name);
    expect(names).toContain(`${ROOT}/services/ec2/regions/us-east-1/endpoint`);
    expect(all.find((p) => p.Name === `${ROOT}/services/ec2/regions/us-east-1/endpoint`)?.Value).toBe("ec2.us-east-1.amazonaws.com");
    expect(all.find((p) => p.Name === `${ROOT}/services/ec2/regions/us-east-1/protocols`)?.Value).toBe("HTTPS, HTTP");
  });

  it("answers an unknown path with an empty list", async () => {
    const out = await ssm.send(new GetParametersByPathCommand({ Path: "/no/such/path" }));
    expect(out.Parameters).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it("rejects MaxResults outside 1..10 with ValidationException", async () => {
    for (const max of [11, 0]) {
      const error = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: `${ROOT}/regions`, MaxResults: max })));
      expect(error.name).toBe("ValidationException");
      expect(error.message).toMatch(/maxResults/);
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });

  it("rejects a path without a leading slash and a forged NextToken", async () => {
    const bad = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: "aws/service" })));
    expect(bad.name).toBe("ValidationException");
    const forged = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: `${ROOT}/regions`, NextToken: "nope" })));
    expect(forged.name).toBe("InvalidNextToken");
    const first = await ssm.send(new GetParametersByPathCommand({ Path: `${ROOT}/regions` }));
    const other = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: `${ROOT}/services`, NextToken: first.NextToken })));
    expect(other.name).toBe("InvalidNextToken");
  });

  it("gets one parameter, and ParameterNotFound for a node without a value", async () => {
    const out = await ssm.send(new GetParameterCommand({ Name: `${ROOT}/services/ec2/longName` }));
    expect(out.Parameter?.Value).toBe("Amazon Elastic Compute Cloud (EC2)");
    const error = await errorOf(ssm.send(new GetParameterCommand({ Name: `${ROOT}/regions` })));
    expect(error.name).toBe("ParameterNotFound");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it("supports version selectors and ARNs as names", async () => {
    const v1 = await ssm.send(new GetParameterCommand({ Name: `${ROOT}/regions/us-east-1/longName:1` }));
    expect(v1.Parameter).toMatchObject({ Name: `${ROOT}/regions/us-east-1/longName`, Selector: ":1" });
    const v2 = await errorOf(ssm.send(new GetParameterCommand({ Name: `${ROOT}/regions/us-east-1/longName:2` })));
    expect(v2.name).toBe("ParameterVersionNotFound");
    const byArn = await ssm.send(new GetParameterCommand({ Name: `arn:aws:ssm:us-east-1::parameter${ROOT}/regions/us-east-1/partition` }));
    expect(byArn.Parameter?.Value).toBe("aws");
  });

  it("gets several parameters and lists the unknown ones in InvalidParameters", async () => {
    const out = await ssm.send(
      new GetParametersCommand({
        Names: [`${ROOT}/regions/eu-west-1/longName`, "/does/not/exist", `${ROOT}/services/s3/longName`, `${ROOT}/regions`],
      }),
    );
    expect(out.Parameters?.map((p) => p.Value)).toEqual(["Europe (Ireland)", "Amazon Simple Storage Service (S3)"]);
    expect(out.InvalidParameters).toEqual(["/does/not/exist", `${ROOT}/regions`]);
  });

  it("rejects more than 10 names, or none, with ValidationException", async () => {
    const names = Array.from({ length: 11 }, (_, i) => `/p/${i}`);
    const tooMany = await errorOf(ssm.send(new GetParametersCommand({ Names: names })));
    expect(tooMany.name).toBe("ValidationException");
    expect(tooMany.message).toMatch(/less than or equal to 10/);
    const none = await errorOf(ssm.send(new GetParametersCommand({ Names: [] })));
    expect(none.name).toBe("ValidationException");
  });

  it("counts requests and outcomes per operation, and reset() clears them", async () => {
    await ssm.send(new GetParameterCommand({ Name: `${ROOT}/regions/us-east-1` }));
    await errorOf(ssm.send(new GetParameterCommand({ Name: "/missing" })));
    const stats = server.stats();
    expect(stats.operations["ssm.GetParameter"]).toEqual({ requests: 2, ok: 1, throttled: 0, errors: 1, resets: 0, stalls: 0 });
    expect(stats.services.ssm?.requests).toBe(2);
    expect(stats.totals.requests).toBe(2);
    expect(stats.costExplorer).toEqual({ paidRequests: 0, priceUsd: "0.00" });
    server.reset();
    expect(server.stats().totals.requests).toBe(0);
  });
});

describe("wire protocol", () => {
  let server: AwsServer;
  beforeAll(async () => {
    server = await startAwsServer({ ssm: [{ name: "/a/b", value: "1" }] });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("answers with AWS JSON 1.1 headers and a request id", async () => {
    const res = await post(server, "AmazonSSM.GetParameter", JSON.stringify({ Name: "/a/b" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toMatchObject({ Parameter: { Name: "/a/b", Value: "1" } });
  });

  it("answers an unknown target with UnknownOperationException", async () => {
    for (const target of ["AmazonSSM.PutParameter", "AmazonEC2.DescribeRegions", undefined]) {
      const res = await post(server, target, "{}");
      expect(res.status).toBe(400);
      expect(res.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
      expect(await res.json()).toMatchObject({ __type: "UnknownOperationException", message: expect.any(String) });
    }
  });

  it("answers a malformed body with SerializationException", async () => {
    const res = await post(server, "AmazonSSM.GetParameter", "{not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: "SerializationException" });
  });
});

describe("data", () => {
  it("serves a plain parameter list and replaces it with setData", async () => {
    const server = await startAwsServer({
      ssm: [
        { name: "/x/one", value: "1" },
        { name: "/x/two", value: "2" },
        { name: "/x/deep/three", value: "3" },
      ],
    });
    const ssm = ssmClient(server);
    try {
      expect((await listAll(ssm, "/x")).map((p) => p.Value)).toEqual(["1", "2"]);
      expect((await listAll(ssm, "/x", { recursive: true })).map((p) => p.Value).sort()).toEqual(["1", "2", "3"]);
      server.setData({ ssm: [{ name: "/x/four", value: "4" }] });
      expect((await listAll(ssm, "/x")).map((p) => p.Value)).toEqual(["4"]);
    } finally {
      ssm.destroy();
      await server.stop();
    }
  });

  it("pages to the end with short and empty pages when shortPages is on", async () => {
    const params = Array.from({ length: 57 }, (_, i) => ({ name: `/s/p${String(i).padStart(2, "0")}`, value: String(i) }));
    const server = await startAwsServer({ ssm: params, shortPages: true, faults: { throttle: { ssm: false } } });
    const ssm = ssmClient(server);
    try {
      const sizes: number[] = [];
      let token: string | undefined;
      const seen: string[] = [];
      do {
        const page = await ssm.send(new GetParametersByPathCommand({ Path: "/s", MaxResults: 5, NextToken: token }));
        sizes.push(page.Parameters?.length ?? 0);
        seen.push(...(page.Parameters ?? []).map((p) => p.Value ?? ""));
        token = page.NextToken;
      } while (token);
      expect(seen.sort()).toEqual(params.map((p) => p.value).sort());
      expect(sizes.slice(0, -1).some((n) => n < 5)).toBe(true);
    } finally {
      ssm.destroy();
      await server.stop();
    }
  });
});
