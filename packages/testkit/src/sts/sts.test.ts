// As bin.ts does: the SDK warns on every Node 20 run that future releases need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AwsServer, startAwsServer, TESTKIT_ACCOUNT_ID } from "../index.js";

// The real STS client speaks AWS's Query protocol (form-encoded requests, XML answers).
describe("STS through the real @aws-sdk/client-sts", () => {
  let server: AwsServer;
  let sts: STSClient;

  beforeAll(async () => {
    server = await startAwsServer();
    sts = new STSClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 });
  });

  afterAll(async () => {
    sts.destroy();
    await server.stop();
  });

  beforeEach(() => {
    server.setFaults({ down: false, errorRate: 0 });
    server.reset();
  });

  it("answers GetCallerIdentity for the testkit's account and counts it", async () => {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(TESTKIT_ACCOUNT_ID);
    expect(identity.Arn).toBe(`arn:aws:iam::${TESTKIT_ACCOUNT_ID}:user/testkit`);
    expect(identity.UserId).toMatch(/^AIDA/);
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.stats().operations["sts.GetCallerIdentity"]).toMatchObject({ requests: 1, ok: 1 });
    expect(server.stats().costExplorer.paidRequests).toBe(0);
  });

  it("answers an operation it does not serve with InvalidAction, in XML the client parses", async () => {
    const error = (await sts.send(new GetSessionTokenCommand({})).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode?: number } };
    expect(error.name).toBe("InvalidAction");
    expect(error.message).toContain("GetSessionToken");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("applies injected server errors and the endpoint being down, like the other services", async () => {
    server.setFaults({ errorRate: 1, seed: 3 });
    const failed = (await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)) as Error & { $fault?: string; $metadata: { httpStatusCode?: number } };
    expect(["InternalFailure", "ServiceUnavailable"]).toContain(failed.name);
    expect(failed.$fault).toBe("server");
    expect([500, 503]).toContain(failed.$metadata.httpStatusCode);
    server.setFaults({ errorRate: 0, down: true });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow();
    expect(server.stats().operations["sts.GetCallerIdentity"]).toMatchObject({ requests: 2, errors: 1, resets: 1 });
  });
});
