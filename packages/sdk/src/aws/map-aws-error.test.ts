import { describe, expect, it } from "vitest";
import { AtlasError } from "../errors.js";
import { isRetryable, mapAwsError } from "./map-aws-error.js";

/** An error shaped like the AWS SDK's service exceptions. */
function serviceError(name: string, status: number, message = `${name} happened`) {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status, requestId: "req-1" } });
}

describe("mapAwsError", () => {
  it.each([
    ["ThrottlingException", 400, "THROTTLED", true],
    ["LimitExceededException", 400, "THROTTLED", true],
    ["TooManyRequestsException", 429, "THROTTLED", true],
    ["RequestLimitExceeded", 503, "THROTTLED", true],
    ["InternalServerError", 500, "AWS_UNAVAILABLE", true],
    ["ServiceUnavailable", 503, "AWS_UNAVAILABLE", true],
    ["Unknown", 502, "AWS_UNAVAILABLE", true],
    ["AccessDeniedException", 400, "AWS_AUTH", false],
    ["UnrecognizedClientException", 400, "AWS_AUTH", false],
    ["InvalidClientTokenId", 403, "AWS_AUTH", false],
    ["ExpiredTokenException", 400, "AWS_AUTH", false],
    ["ValidationException", 400, "INVALID_ARGUMENT", false],
    ["ParameterNotFound", 400, "NOT_FOUND", false],
    ["DataUnavailableException", 400, "DATA_UNAVAILABLE", false],
  ] as const)("maps %s (%i) to %s", (name, status, code, retryable) => {
    const err = mapAwsError(serviceError(name, status), { service: "SSM", operation: "GetParameters" });
    expect(err).toBeInstanceOf(AtlasError);
    expect(err.code).toBe(code);
    expect(err.details).toMatchObject({ awsError: name, retryable, httpStatus: status, requestId: "req-1", operation: "GetParameters" });
    expect(isRetryable(err)).toBe(retryable);
    expect(err.message).toContain("SSM GetParameters failed");
  });

  it.each([
    [Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), "ECONNRESET"],
    [Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "ECONNRESET"],
    [new AggregateError([Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })], ""), "ECONNREFUSED"],
    [Object.assign(new Error("Request timed out"), { name: "TimeoutError" }), undefined],
  ])("treats network errors and timeouts as retryable AWS_UNAVAILABLE (%s)", (raw, networkCode) => {
    const err = mapAwsError(raw);
    expect(err.code).toBe("AWS_UNAVAILABLE");
    expect(isRetryable(err)).toBe(true);
    if (networkCode) expect(err.details?.networkCode).toBe(networkCode);
  });

  it("maps credential provider failures to AWS_AUTH and aborts to ABORTED", () => {
    const noCreds = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    expect(mapAwsError(noCreds).code).toBe("AWS_AUTH");
    expect(mapAwsError(Object.assign(new Error("Request aborted"), { name: "AbortError" })).code).toBe("ABORTED");
  });

  it("passes AtlasErrors through and marks unknown errors INTERNAL", () => {
    const atlas = new AtlasError("NOT_FOUND", "x");
    expect(mapAwsError(atlas)).toBe(atlas);
    expect(mapAwsError(new TypeError("bug")).code).toBe("INTERNAL");
    expect(isRetryable(new Error("plain"))).toBe(false);
    expect(isRetryable(new AtlasError("THROTTLED", "x"))).toBe(true);
  });
});
