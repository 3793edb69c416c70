import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  SERVICE_NAME_ENTRIES,
  ceServiceToSsmCode,
  createServiceResolver,
  normalizeServiceName,
  resolveServiceName,
  serviceNameSimilarity,
  ssmCodeToCeServices,
} from "./service-names.js";

const EC2 = "Amazon Elastic Compute Cloud - Compute";

describe("the static mapping", () => {
  it("has at least 60 distinct Cost Explorer SERVICE values", () => {
    const values = SERVICE_NAME_ENTRIES.map((e) => e.ceService);
    expect(new Set(values).size).toBe(values.length);
    expect(values.length).toBeGreaterThanOrEqual(60);
  });

  it("uses only SSM codes that exist in the global-infrastructure data", () => {
    const data = JSON.parse(readFileSync(new URL("../../../testkit/data/global-infrastructure.json", import.meta.url), "utf8")) as {
      services: Record<string, unknown>;
    };
    const known = new Set(Object.keys(data.services));
    const unknown = SERVICE_NAME_ENTRIES.flatMap((e) => e.ssmCodes).filter((code) => !known.has(code));
    expect(unknown).toEqual([]);
  });

  it("never gives one alias two meanings", () => {
    const seen = new Map<string, string>();
    for (const e of SERVICE_NAME_ENTRIES) {
      for (const alias of e.aliases) {
        const key = normalizeServiceName(alias);
        expect(seen.get(key) ?? e.ceService, `alias ${alias}`).toBe(e.ceService);
        seen.set(key, e.ceService);
      }
    }
  });

  it.each([
    ["EC2", EC2, "alias"],
    ["ec2", EC2, "alias"],
    ["  Amazon   Elastic Compute Cloud - Compute ", EC2, "exact"],
    ["amazon elastic compute cloud compute", EC2, "exact"],
    ["EC2 - Other", "EC2 - Other", "exact"],
    ["ec2-other", "EC2 - Other", "exact"],
    ["EBS", "EC2 - Other", "alias"],
    ["NAT gateway", "EC2 - Other", "alias"],
    ["nat gateways", "EC2 - Other", "alias"],
    ["S3", "Amazon Simple Storage Service", "alias"],
    ["Simple Storage Service", "Amazon Simple Storage Service", "alias"],
    ["RDS", "Amazon Relational Database Service", "alias"],
    ["Aurora", "Amazon Relational Database Service", "alias"],
    ["lambda", "AWS Lambda", "alias"],
    ["Lambdas", "AWS Lambda", "alias"],
    ["dynamodb", "Amazon DynamoDB", "alias"],
    ["CloudFront", "Amazon CloudFront", "alias"],
    ["route 53", "Amazon Route 53", "alias"],
    ["Route53", "Amazon Route 53", "alias"],
    ["KMS", "AWS Key Management Service", "alias"],
    ["cloudwatch", "AmazonCloudWatch", "alias"],
    ["AmazonCloudWatch", "AmazonCloudWatch", "exact"],
    ["ECS", "Amazon Elastic Container Service", "alias"],
    ["EKS", "Amazon Elastic Container Service for Kubernetes", "alias"],
    ["k8s", "Amazon Elastic Container Service for Kubernetes", "alias"],
    ["SageMaker", "Amazon SageMaker", "alias"],
    ["Bedrock", "Amazon Bedrock", "alias"],
    ["VPC", "Amazon Virtual Private Cloud", "alias"],
    ["ElastiCache", "Amazon ElastiCache", "alias"],
    ["OpenSearch", "Amazon OpenSearch Service", "alias"],
    ["SQS", "Amazon Simple Queue Service", "alias"],
    ["SNS", "Amazon Simple Notification Service", "alias"],
    ["Glue", "AWS Glue", "alias"],
    ["Athena", "Amazon Athena", "alias"],
    ["Redshift", "Amazon Redshift", "alias"],
    ["Kinesis", "Amazon Kinesis", "alias"],
    ["Step Functions", "AWS Step Functions", "alias"],
    ["API Gateway", "Amazon API Gateway", "alias"],
    ["Secrets Manager", "AWS Secrets Manager", "alias"],
    ["EFS", "Amazon Elastic File System", "alias"],
    ["ECR", "Amazon EC2 Container Registry (ECR)", "alias"],
    ["Amazon EC2 Container Registry (ECR)", "Amazon EC2 Container Registry (ECR)", "exact"],
    ["WAF", "AWS WAF", "alias"],
    ["AWS Backup", "AWS Backup", "exact"],
    ["GuardDuty", "Amazon GuardDuty", "alias"],
    ["AWS Config", "AWS Config", "exact"],
    ["CloudTrail", "AWS CloudTrail", "alias"],
    ["Cognito", "Amazon Cognito", "alias"],
    ["taxes", "Tax", "alias"],
    ["Tax", "Tax", "exact"],
    ["business support", "AWS Support (Business)", "alias"],
    ["AWS Support (Enterprise On-Ramp)", "AWS Support (Enterprise On-Ramp)", "exact"],
    ["elb", "Amazon Elastic Load Balancing", "alias"],
    ["apigateway", "Amazon API Gateway", "alias"],
    ["stepfunctions", "AWS Step Functions", "alias"],
    ["xray", "AWS X-Ray", "alias"],
    ["docdb", "Amazon DocumentDB (with MongoDB compatibility)", "alias"],
    ["kinesisvideo", "Amazon Kinesis Video Streams", "ssmCode"],
    ["secretsmanager", "AWS Secrets Manager", "alias"],
  ])("resolves %j to %j (%s)", (text, value, matchedBy) => {
    const match = resolveServiceName(text);
    expect(match?.value).toBe(value);
    expect(match?.matchedBy).toBe(matchedBy);
  });

  it("resolves group aliases to every value they stand for", () => {
    expect(resolveServiceName("support")).toEqual({
      value: "AWS Support (Business)",
      values: ["AWS Support (Business)", "AWS Support (Developer)", "AWS Support (Enterprise)", "AWS Support (Enterprise On-Ramp)"],
      matchedBy: "group",
    });
    expect(resolveServiceName("fargate")?.values).toEqual(["Amazon Elastic Container Service", "Amazon Elastic Container Service for Kubernetes"]);
    expect(resolveServiceName("all ec2")?.values).toEqual([EC2, "EC2 - Other"]);
  });

  it("does not read everyday words as services", () => {
    for (const word of ["transfer", "data", "events", "connect", "translate", "q", "cost", "last", "month", "", "  "]) {
      expect(resolveServiceName(word), word).toBeUndefined();
    }
  });

  it("maps Cost Explorer values and SSM codes both ways", () => {
    expect(ceServiceToSsmCode(EC2)).toBe("ec2");
    expect(ceServiceToSsmCode("EC2 - Other")).toBe("ebs");
    expect(ceServiceToSsmCode("Amazon Relational Database Service")).toBe("rds");
    expect(ceServiceToSsmCode("Tax")).toBeUndefined();
    expect(ceServiceToSsmCode("Something New")).toBeUndefined();
    expect(ssmCodeToCeServices("ec2")).toEqual([EC2, "EC2 - Other"]);
    expect(ssmCodeToCeServices("EBS")).toEqual(["EC2 - Other"]);
    expect(ssmCodeToCeServices("aurora")).toEqual(["Amazon Relational Database Service"]);
    expect(ssmCodeToCeServices("vpc")).toEqual(["Amazon Virtual Private Cloud", "EC2 - Other"]);
    expect(ssmCodeToCeServices("nope")).toEqual([]);
  });
});

describe("createServiceResolver", () => {
  const known = ["Amazon Timestream", "Amazon Keyspaces", "AWS Elemental MediaConvert", "Claude 3.5 Sonnet (Amazon Bedrock Edition)", EC2];

  it("answers from the static mapping without fetching", async () => {
    let calls = 0;
    const resolver = createServiceResolver({
      knownValues: () => {
        calls++;
        return Promise.resolve(known);
      },
    });
    expect((await resolver.resolve("EC2"))?.value).toBe(EC2);
    expect(calls).toBe(0);
  });

  it("matches Cost Explorer values exactly, then fuzzily, and caches the fetch", async () => {
    let calls = 0;
    const resolver = createServiceResolver({
      knownValues: () => {
        calls++;
        return Promise.resolve(known);
      },
    });
    expect(await resolver.resolve("amazon keyspaces")).toEqual({ value: "Amazon Keyspaces", values: ["Amazon Keyspaces"], matchedBy: "known" });
    expect(await resolver.resolve("mediaconvert")).toMatchObject({ value: "AWS Elemental MediaConvert", matchedBy: "fuzzy" });
    expect(await resolver.resolve("claude sonnet")).toMatchObject({ value: "Claude 3.5 Sonnet (Amazon Bedrock Edition)", matchedBy: "fuzzy" });
    expect(await resolver.resolve("completely unrelated words")).toBeUndefined();
    expect(calls).toBe(1);
  });

  it("refuses to guess between equally good candidates", async () => {
    const resolver = createServiceResolver({ knownValues: () => Promise.resolve(["Amazon Foo Alpha", "Amazon Foo Beta"]) });
    expect(await resolver.resolve("foo")).toBeUndefined();
  });

  it("retries the fetch after a failure and passes the signal", async () => {
    let calls = 0;
    const signals: Array<AbortSignal | undefined> = [];
    const resolver = createServiceResolver({
      knownValues: ({ signal }) => {
        calls++;
        signals.push(signal);
        return calls === 1 ? Promise.reject(new Error("throttled")) : Promise.resolve(known);
      },
    });
    const controller = new AbortController();
    await expect(resolver.resolve("timestream db", { signal: controller.signal })).rejects.toThrow("throttled");
    expect((await resolver.resolve("timestream db"))?.value).toBe("Amazon Timestream");
    expect(calls).toBe(2);
    expect(signals[0]).toBe(controller.signal);
  });

  it("keeps one cache per resolver instance", async () => {
    let calls = 0;
    const knownValues = (): Promise<string[]> => {
      calls++;
      return Promise.resolve(known);
    };
    await createServiceResolver({ knownValues }).resolve("keyspaces");
    await createServiceResolver({ knownValues }).resolve("keyspaces");
    expect(calls).toBe(2);
  });

  it("works without a fetcher and suggests close names", async () => {
    const resolver = createServiceResolver();
    expect(await resolver.resolve("timestream")).toMatchObject({ value: "Amazon Timestream", matchedBy: "alias" });
    expect(await resolver.resolve("keyspaces")).toBeUndefined();
    expect(await resolver.suggest("lamda")).toContain("AWS Lambda");
  });

  it("scores prefix matches above loose ones", () => {
    expect(serviceNameSimilarity("timestream", "Amazon Timestream")).toBe(1);
    expect(serviceNameSimilarity("kinesis", "Amazon Kinesis")).toBeGreaterThan(serviceNameSimilarity("kinesis", "Amazon Kinesis Video Streams"));
    expect(serviceNameSimilarity("", "Amazon Kinesis")).toBe(0);
  });
});
