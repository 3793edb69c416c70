import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RequestContext } from "../protocol.js";
import { globalInfrastructureParameters, loadGlobalInfrastructure } from "./global-infrastructure.js";
import { createSsmHandlers } from "./handlers.js";
import { createParameterIndex } from "./parameter-index.js";

const ROOT = "/aws/service/global-infrastructure";
const ctx: RequestContext = { now: new Date("2026-03-01T00:00:00Z"), region: "us-east-1" };
const index = createParameterIndex(globalInfrastructureParameters(loadGlobalInfrastructure()));

interface Page {
  Parameters: { Name: string }[];
  NextToken?: string;
}

function collect(shortPages: boolean, path: string, recursive: boolean, maxResults: number): { names: string[]; pages: number } {
  const handlers = createSsmHandlers({ getIndex: () => index, shortPages });
  const names: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = handlers.GetParametersByPath?.({ Path: path, Recursive: recursive, MaxResults: maxResults, NextToken: token }, ctx) as Page;
    pages++;
    names.push(...page.Parameters.map((p) => p.Name));
    token = page.NextToken;
  } while (token !== undefined);
  return { names, pages };
}

describe("GetParametersByPath paging", () => {
  const paths = fc.constantFrom(
    `${ROOT}/regions`,
    `${ROOT}/regions/us-east-1`,
    `${ROOT}/regions/eu-west-1/services`,
    `${ROOT}/regions/us-east-1/availability-zones`,
    `${ROOT}/services/ec2/regions`,
    `${ROOT}/services/lambda`,
    `${ROOT}/services/s3/regions/`,
    "/nothing/here",
  );

  it("collects exactly what one listing holds, for any MaxResults 1..10 and page shape", () => {
    fc.assert(
      fc.property(paths, fc.boolean(), fc.integer({ min: 1, max: 10 }), fc.boolean(), (path, recursive, max, shortPages) => {
        const list = index.list(path, recursive);
        const expected = list.slice(0, list.length).map((p) => p.name);
        const { names, pages } = collect(shortPages, path, recursive, max);
        expect(names).toEqual(expected);
        expect(new Set(names).size).toBe(names.length);
        if (!shortPages) expect(pages).toBe(Math.max(1, Math.ceil(expected.length / max)));
      }),
      { numRuns: 40 },
    );
  });

  it("short pages never exceed MaxResults and are never empty twice in a row", () => {
    const handlers = createSsmHandlers({ getIndex: () => index, shortPages: true });
    let token: string | undefined;
    let previousEmpty = false;
    let sawEmpty = false;
    do {
      const page = handlers.GetParametersByPath?.({ Path: `${ROOT}/regions/us-east-1/services`, MaxResults: 4, NextToken: token }, ctx) as Page;
      expect(page.Parameters.length).toBeLessThanOrEqual(4);
      const empty = page.Parameters.length === 0;
      expect(empty && previousEmpty).toBe(false);
      sawEmpty ||= empty;
      previousEmpty = empty;
      token = page.NextToken;
    } while (token !== undefined);
    expect(sawEmpty).toBe(true);
  });
});

describe("ParameterFilters", () => {
  const handlers = createSsmHandlers({ getIndex: () => index });
  const list = (filters: unknown) =>
    handlers.GetParametersByPath?.({ Path: `${ROOT}/regions`, ParameterFilters: filters }, ctx) as Page;

  it("keeps everything for Type=String, nothing for Type=SecureString, and rejects other keys", () => {
    expect(list([{ Key: "Type", Values: ["String"] }]).Parameters).toHaveLength(10);
    expect(list([{ Key: "Type", Values: ["SecureString"] }]).Parameters).toHaveLength(0);
    expect(() => list([{ Key: "Label", Values: ["x"] }])).toThrow(expect.objectContaining({ type: "InvalidFilterKey" }));
  });
});
