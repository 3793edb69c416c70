import { describe, expect, it } from "vitest";
import {
  costQuerySchema,
  type CostExpression,
  type CostIntent,
  type CostMetric,
  type DateRange,
  type Granularity,
  type GroupBy,
} from "../costs/cost-query.js";
import { parseQuestion } from "./parse-question.js";

// The "nows" of the table. SUN is the default.
const SUN = "2026-03-15T10:00:00Z"; // a Sunday in mid-March
const MON = "2026-03-16T08:00:00Z"; // the Monday after
const LEAP = "2028-02-29T12:00:00Z"; // leap day (a Tuesday)
const JAN1 = "2027-01-01T00:30:00Z"; // New Year's Day (a Friday)
const JAN31 = "2026-01-31T23:59:00Z"; // a month end (a Saturday)
const Q_END = "2026-03-31T18:00:00Z"; // a quarter end (a Tuesday)
const Q_START = "2026-04-01T00:00:00Z"; // the day after
const DEC31 = "2026-12-31T12:00:00Z"; // a year end (a Thursday)

const EC2 = "Amazon Elastic Compute Cloud - Compute";
const EC2_OTHER = "EC2 - Other";
const S3 = "Amazon Simple Storage Service";
const RDS = "Amazon Relational Database Service";
const LAMBDA = "AWS Lambda";
const SUPPORT = ["AWS Support (Business)", "AWS Support (Developer)", "AWS Support (Enterprise)", "AWS Support (Enterprise On-Ramp)"];

const svc = (...values: string[]): CostExpression => ({ Dimensions: { Key: "SERVICE", Values: values } });
const dim = (key: "REGION" | "LINKED_ACCOUNT" | "AZ" | "INSTANCE_TYPE" | "USAGE_TYPE" | "PURCHASE_TYPE" | "RECORD_TYPE" | "SERVICE", ...values: string[]): CostExpression => ({
  Dimensions: { Key: key, Values: values },
});
const tag = (key: string, ...values: string[]): CostExpression => ({ Tags: { Key: key, Values: values } });
const absent = (key: string): CostExpression => ({ Tags: { Key: key, MatchOptions: ["ABSENT"] } });
const not = (expression: CostExpression): CostExpression => ({ Not: expression });
const and = (...expressions: CostExpression[]): CostExpression => ({ And: expressions });
const by = (key: string): GroupBy => ({ type: "DIMENSION", key });
const byTag = (key: string): GroupBy => ({ type: "TAG", key });

interface Case {
  q: string;
  now?: string;
  fy?: number;
  start?: string;
  end?: string;
  granularity?: Granularity;
  intent?: CostIntent;
  groupBy?: GroupBy[];
  filter?: CostExpression | null;
  metrics?: CostMetric[];
  unrecognised?: string[];
  compared?: DateRange[];
}

const cases: Case[] = [
  // --- The classic questions (now = Sunday 2026-03-15) ---
  { q: "How much did I spend on EC2 last month?", start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY", intent: "cost", filter: svc(EC2), groupBy: [] },
  { q: "What was my AWS bill last month?", start: "2026-02-01", end: "2026-02-28", filter: null },
  { q: "How much have we spent this month?", start: "2026-03-01", end: "2026-03-15", granularity: "MONTHLY" },
  { q: "month to date spend", start: "2026-03-01", end: "2026-03-15" },
  { q: "MTD", start: "2026-03-01", end: "2026-03-15" },
  { q: "cost so far this month", start: "2026-03-01", end: "2026-03-15" },
  { q: "today's cost", start: "2026-03-15", end: "2026-03-15", granularity: "DAILY" },
  { q: "what did we spend today", start: "2026-03-15", end: "2026-03-15" },
  { q: "yesterday", start: "2026-03-14", end: "2026-03-14", granularity: "DAILY" },
  { q: "costs the day before yesterday", start: "2026-03-13", end: "2026-03-13" },
  { q: "this week", start: "2026-03-09", end: "2026-03-15", granularity: "DAILY" },
  { q: "week to date", start: "2026-03-09", end: "2026-03-15" },
  { q: "last week", start: "2026-03-02", end: "2026-03-08", granularity: "DAILY" },
  { q: "previous week", start: "2026-03-02", end: "2026-03-08" },
  { q: "this quarter", start: "2026-01-01", end: "2026-03-15", granularity: "MONTHLY" },
  { q: "quarter to date", start: "2026-01-01", end: "2026-03-15" },
  { q: "QTD", start: "2026-01-01", end: "2026-03-15" },
  { q: "last quarter", start: "2025-10-01", end: "2025-12-31", granularity: "MONTHLY" },
  { q: "previous quarter", start: "2025-10-01", end: "2025-12-31" },
  { q: "this year", start: "2026-01-01", end: "2026-03-15", granularity: "MONTHLY" },
  { q: "year to date", start: "2026-01-01", end: "2026-03-15" },
  { q: "YTD spend on S3", start: "2026-01-01", end: "2026-03-15", filter: svc(S3) },
  { q: "last year", start: "2025-01-01", end: "2025-12-31", granularity: "MONTHLY" },
  { q: "previous year", start: "2025-01-01", end: "2025-12-31" },
  { q: "the past year", start: "2025-01-01", end: "2025-12-31" },
  { q: "last month", start: "2026-02-01", end: "2026-02-28" },
  { q: "previous month", start: "2026-02-01", end: "2026-02-28" },
  { q: "the past month", start: "2026-02-01", end: "2026-02-28" },

  // --- last/past N units (complete units before the current one) ---
  { q: "last 7 days", start: "2026-03-08", end: "2026-03-14", granularity: "DAILY" },
  { q: "past 30 days", start: "2026-02-13", end: "2026-03-14", granularity: "DAILY" },
  { q: "over the last 90 days", start: "2025-12-15", end: "2026-03-14", granularity: "DAILY" },
  { q: "the last two weeks", start: "2026-02-23", end: "2026-03-08", granularity: "DAILY" },
  { q: "last 3 months", start: "2025-12-01", end: "2026-02-28", granularity: "MONTHLY" },
  { q: "past six months", start: "2025-09-01", end: "2026-02-28", granularity: "MONTHLY" },
  { q: "the previous 12 months", start: "2025-03-01", end: "2026-02-28" },
  { q: "last 2 quarters", start: "2025-07-01", end: "2025-12-31" },
  { q: "last 2 years", start: "2024-01-01", end: "2025-12-31" },
  { q: "last couple of days", start: "2026-03-13", end: "2026-03-14" },
  { q: "last 24 hours", start: "2026-03-14", end: "2026-03-15", granularity: "HOURLY" },
  { q: "trailing 14 days", start: "2026-03-01", end: "2026-03-14" },
  { q: "3 days ago", start: "2026-03-12", end: "2026-03-12" },
  { q: "2 weeks ago", start: "2026-02-23", end: "2026-03-01", granularity: "DAILY" },
  { q: "a month ago", start: "2026-02-01", end: "2026-02-28" },
  { q: "last Monday", start: "2026-03-09", end: "2026-03-09" },
  { q: "on Friday", start: "2026-03-13", end: "2026-03-13" },
  { q: "Sunday", start: "2026-03-15", end: "2026-03-15" },
  { q: "last Sunday", start: "2026-03-08", end: "2026-03-08" },
  { q: "last weekend", start: "2026-03-07", end: "2026-03-08" },
  { q: "this weekend", start: "2026-03-14", end: "2026-03-15" },

  // --- Named months, quarters, halves, years ---
  { q: "January", start: "2026-01-01", end: "2026-01-31", granularity: "MONTHLY" },
  { q: "in Feb", start: "2026-02-01", end: "2026-02-28" },
  { q: "March", start: "2026-03-01", end: "2026-03-15" },
  { q: "April", start: "2025-04-01", end: "2025-04-30" },
  { q: "what did we spend in May", start: "2025-05-01", end: "2025-05-31" },
  { q: "December", start: "2025-12-01", end: "2025-12-31" },
  { q: "March 2025", start: "2025-03-01", end: "2025-03-31" },
  { q: "Sept 2025", start: "2025-09-01", end: "2025-09-30" },
  { q: "the month of October 2025", start: "2025-10-01", end: "2025-10-31" },
  { q: "2025-11", start: "2025-11-01", end: "2025-11-30" },
  { q: "June of last year", start: "2025-06-01", end: "2025-06-30" },
  { q: "January this year", start: "2026-01-01", end: "2026-01-31" },
  { q: "last March", start: "2025-03-01", end: "2025-03-31" },
  { q: "last January", start: "2026-01-01", end: "2026-01-31" },
  { q: "Q1", start: "2025-01-01", end: "2025-03-31", granularity: "MONTHLY" },
  { q: "Q4", start: "2025-10-01", end: "2025-12-31" },
  { q: "Q2 2025", start: "2025-04-01", end: "2025-06-30" },
  { q: "2025 Q3", start: "2025-07-01", end: "2025-09-30" },
  { q: "2025-Q4", start: "2025-10-01", end: "2025-12-31" },
  { q: "Q1 of this year", start: "2026-01-01", end: "2026-03-15" },
  { q: "Q3 last year", start: "2025-07-01", end: "2025-09-30" },
  { q: "the second quarter of 2025", start: "2025-04-01", end: "2025-06-30" },
  { q: "H1", start: "2025-01-01", end: "2025-06-30" },
  { q: "H2 2025", start: "2025-07-01", end: "2025-12-31" },
  { q: "first half of last year", start: "2025-01-01", end: "2025-06-30" },
  { q: "the second half of 2025", start: "2025-07-01", end: "2025-12-31" },
  { q: "2025", start: "2025-01-01", end: "2025-12-31", granularity: "MONTHLY" },
  { q: "in 2026", start: "2026-01-01", end: "2026-03-15" },

  // --- Explicit dates and ranges ---
  { q: "2026-02-10", start: "2026-02-10", end: "2026-02-10", granularity: "DAILY" },
  { q: "on March 3", start: "2026-03-03", end: "2026-03-03" },
  { q: "on the 3rd of March", start: "2026-03-03", end: "2026-03-03" },
  { q: "Jan 5 to Jan 20", start: "2026-01-05", end: "2026-01-20", granularity: "DAILY" },
  { q: "from Jan 5 to 20", start: "2026-01-05", end: "2026-01-20" },
  { q: "Feb 3-10", start: "2026-02-03", end: "2026-02-10" },
  { q: "Jan 5th - 20th", start: "2026-01-05", end: "2026-01-20" },
  { q: "5-20 January 2025", start: "2025-01-05", end: "2025-01-20" },
  { q: "between 2025-12-20 and 2026-01-10", start: "2025-12-20", end: "2026-01-10", granularity: "DAILY" },
  { q: "between Feb 1 and Feb 14", start: "2026-02-01", end: "2026-02-14" },
  { q: "from 2026-01-01 to 2026-03-01", start: "2026-01-01", end: "2026-03-01", granularity: "DAILY" },
  { q: "2025-06-01 through 2025-12-31", start: "2025-06-01", end: "2025-12-31", granularity: "MONTHLY" },
  { q: "from November to February", start: "2025-11-01", end: "2026-02-28", granularity: "MONTHLY" },
  { q: "Jan-Feb 2026", start: "2026-01-01", end: "2026-02-28" },
  { q: "Dec 20 - Jan 5", start: "2025-12-20", end: "2026-01-05" },
  { q: "from Q1 to Q3 2025", start: "2025-01-01", end: "2025-09-30" },
  { q: "from January to now", start: "2026-01-01", end: "2026-03-15" },
  { q: "since March 1", start: "2026-03-01", end: "2026-03-15", granularity: "DAILY" },
  { q: "since January", start: "2026-01-01", end: "2026-03-15", granularity: "MONTHLY" },
  { q: "since 2026-02-20", start: "2026-02-20", end: "2026-03-15", granularity: "DAILY" },
  { q: "since last month", start: "2026-02-01", end: "2026-03-15" },
  { q: "since the start of the year", start: "2026-01-01", end: "2026-03-15" },
  { q: "after March 10", start: "2026-03-11", end: "2026-03-15" },
  { q: "the bill from last month", start: "2026-02-01", end: "2026-02-28" },
  { q: "costs from January", start: "2026-01-01", end: "2026-01-31" },
  { q: "from March 2", start: "2026-03-02", end: "2026-03-15" },
  { q: "starting in February", start: "2026-02-01", end: "2026-03-15" },
  { q: "the week of March 3", start: "2026-03-02", end: "2026-03-08", granularity: "DAILY" },
  { q: "week of 2026-02-11", start: "2026-02-09", end: "2026-02-15" },
  { q: "spend in the first week of March", start: "2026-03-01", end: "2026-03-07", granularity: "DAILY" },
  { q: "the last week of February", start: "2026-02-22", end: "2026-02-28" },
  { q: "spend for 2025-01-01..2025-01-31", start: "2025-01-01", end: "2025-01-31" },
  { q: "costs on 01/15/2026", start: "2026-01-15", end: "2026-01-15" },
  { q: "costs on 15/01/2026", start: "2026-01-15", end: "2026-01-15" },
  { q: "costs on 15.01.2026", start: "2026-01-15", end: "2026-01-15" },
  { q: "2026/02/03", start: "2026-02-03", end: "2026-02-03" },
  { q: "costs between last monday and today", start: "2026-03-09", end: "2026-03-15", granularity: "DAILY" },
  { q: "EC2 costs since last Tuesday", start: "2026-03-10", end: "2026-03-15", filter: svc(EC2) },

  // --- Fiscal years (named by the year in which they end) ---
  { q: "FY2026", fy: 1, start: "2026-01-01", end: "2026-03-15" },
  { q: "FY2026", fy: 4, start: "2025-04-01", end: "2026-03-15" },
  { q: "FY 2025", fy: 4, start: "2024-04-01", end: "2025-03-31", granularity: "MONTHLY" },
  { q: "FY26", fy: 10, start: "2025-10-01", end: "2026-03-15" },
  { q: "fiscal year 2025", fy: 7, start: "2024-07-01", end: "2025-06-30" },
  { q: "this fiscal year", fy: 4, start: "2025-04-01", end: "2026-03-15" },
  { q: "last fiscal year", fy: 4, start: "2024-04-01", end: "2025-03-31" },
  { q: "fiscal year to date", fy: 10, start: "2025-10-01", end: "2026-03-15" },
  { q: "Q2 FY2026", fy: 4, start: "2025-07-01", end: "2025-09-30" },
  { q: "FY2026 Q1", fy: 10, start: "2025-10-01", end: "2025-12-31" },

  // --- Services (several at once, aliases, official names) ---
  { q: "S3 and RDS costs in Q1 2025 by region", start: "2025-01-01", end: "2025-03-31", filter: svc(S3, RDS), groupBy: [by("REGION")] },
  { q: "lambda, dynamodb and cloudfront last month", filter: svc(LAMBDA, "Amazon DynamoDB", "Amazon CloudFront") },
  { q: "Aurora spend last month", filter: svc(RDS) },
  { q: "How much did Route 53 and KMS cost in January?", filter: svc("Amazon Route 53", "AWS Key Management Service"), start: "2026-01-01" },
  { q: "cloudwatch costs last week", filter: svc("AmazonCloudWatch") },
  { q: "EKS vs ECS last month", filter: svc("Amazon Elastic Container Service for Kubernetes", "Amazon Elastic Container Service"), groupBy: [by("SERVICE")], intent: "cost" },
  { q: "k8s spend this month", filter: svc("Amazon Elastic Container Service for Kubernetes") },
  { q: "SageMaker and Bedrock in February", filter: svc("Amazon SageMaker", "Amazon Bedrock"), start: "2026-02-01", end: "2026-02-28" },
  { q: "NAT gateway and EBS costs last month", filter: svc(EC2_OTHER) },
  { q: "EC2 - Other last month", filter: svc(EC2_OTHER) },
  { q: "Amazon Elastic Compute Cloud - Compute in 2025", filter: svc(EC2), start: "2025-01-01" },
  { q: "Amazon Simple Storage Service last quarter", filter: svc(S3) },
  { q: "elasticache opensearch and redshift last month", filter: svc("Amazon ElastiCache", "Amazon OpenSearch Service", "Amazon Redshift") },
  { q: "SQS and SNS yesterday", filter: svc("Amazon Simple Queue Service", "Amazon Simple Notification Service") },
  { q: "glue athena kinesis costs last week", filter: svc("AWS Glue", "Amazon Athena", "Amazon Kinesis") },
  { q: "Step Functions and API Gateway last month", filter: svc("AWS Step Functions", "Amazon API Gateway") },
  { q: "secrets manager, EFS and ECR in January", filter: svc("AWS Secrets Manager", "Amazon Elastic File System", "Amazon EC2 Container Registry (ECR)") },
  { q: "WAF GuardDuty Config CloudTrail last month", filter: svc("AWS WAF", "Amazon GuardDuty", "AWS Config", "AWS CloudTrail") },
  { q: "cognito and AWS Backup this month", filter: svc("Amazon Cognito", "AWS Backup") },
  { q: "VPC costs last month", filter: svc("Amazon Virtual Private Cloud") },
  { q: "how much tax did we pay last year", filter: svc("Tax") },
  { q: "support costs last month", filter: svc(...SUPPORT) },
  { q: "EC2 instances and Fargate last month", filter: svc(EC2, "Amazon Elastic Container Service", "Amazon Elastic Container Service for Kubernetes") },

  // --- Group-bys ---
  { q: "costs by service last month", groupBy: [by("SERVICE")], filter: null },
  { q: "spend per region this month", groupBy: [by("REGION")] },
  { q: "grouped by account and service last month", groupBy: [by("LINKED_ACCOUNT"), by("SERVICE")] },
  { q: "broken down by usage type last week", groupBy: [by("USAGE_TYPE")] },
  { q: "EC2 by instance type last month", groupBy: [by("INSTANCE_TYPE")], filter: svc(EC2) },
  { q: "S3 by operation yesterday", groupBy: [by("OPERATION")] },
  { q: "EC2 by availability zone last week", groupBy: [by("AZ")] },
  { q: "by purchase type last month", groupBy: [by("PURCHASE_TYPE")] },
  { q: "last month by team tag", groupBy: [byTag("team")] },
  { q: "costs by tag Environment last month", groupBy: [byTag("Environment")] },
  { q: "by tag:cost-center last month", groupBy: [byTag("cost-center")] },
  { q: "by cost category Team last month", groupBy: [{ type: "COST_CATEGORY", key: "Team" }] },
  { q: "by service and team tag last month", groupBy: [by("SERVICE"), byTag("team")] },
  { q: "for each region last month", groupBy: [by("REGION")] },
  { q: "which services cost the most last month", groupBy: [by("SERVICE")] },
  { q: "top 5 accounts by spend in 2025", groupBy: [by("LINKED_ACCOUNT")], start: "2025-01-01", end: "2025-12-31" },
  { q: "service breakdown last month", groupBy: [by("SERVICE")] },
  { q: "What's our biggest cost driver this quarter?", groupBy: [by("SERVICE")], start: "2026-01-01" },
  { q: "Break down last month's bill by service and region", groupBy: [by("SERVICE"), by("REGION")] },
  { q: "which region is most expensive for RDS last month", groupBy: [by("REGION")], filter: svc(RDS) },
  { q: "per-service costs last week", groupBy: [by("SERVICE")] },
  { q: "by linked account last month", groupBy: [by("LINKED_ACCOUNT")] },
  { q: "cost per account and region and service last month", groupBy: [by("LINKED_ACCOUNT"), by("REGION")] },

  // --- Filters: accounts, regions, tags, negations ---
  { q: "spend for account 123456789012 last month", filter: dim("LINKED_ACCOUNT", "123456789012") },
  { q: "accounts 111122223333 and 444455556666 last month", filter: dim("LINKED_ACCOUNT", "111122223333", "444455556666") },
  { q: "account 1234-5678-9012 last month", filter: dim("LINKED_ACCOUNT", "123456789012") },
  { q: "EC2 in us-east-1 last month", filter: and(svc(EC2), dim("REGION", "us-east-1")) },
  { q: "costs in eu-west-1 and eu-central-1 yesterday", filter: dim("REGION", "eu-west-1", "eu-central-1") },
  { q: "EC2 in Ireland last month", filter: and(svc(EC2), dim("REGION", "eu-west-1")) },
  { q: "spend in N. Virginia this month", filter: dim("REGION", "us-east-1") },
  { q: "costs in us-east-1a last week", filter: dim("AZ", "us-east-1a") },
  { q: "m5.large spend last month", filter: dim("INSTANCE_TYPE", "m5.large") },
  { q: "db.r6g.xlarge last month", filter: dim("INSTANCE_TYPE", "db.r6g.xlarge") },
  { q: "spot instances last week", filter: dim("PURCHASE_TYPE", "Spot Instances") },
  { q: "usage type USE1-BoxUsage:t3.micro last month", filter: dim("USAGE_TYPE", "USE1-BoxUsage:t3.micro") },
  { q: "tag team=platform last month", filter: tag("team", "platform") },
  { q: "costs where env is prod last 30 days", filter: tag("env", "prod") },
  { q: "where environment is prod or staging last week", filter: tag("environment", "prod", "staging") },
  { q: "team tag is data last month", filter: tag("team", "data") },
  { q: "tagged Owner:alice last month", filter: tag("Owner", "alice") },
  { q: 'tag "Cost Center" = "R&D 1" last month', filter: tag("Cost Center", "R&D 1") },
  { q: "env=prod,staging last month", filter: tag("env", "prod", "staging") },
  { q: "env in (prod, staging) last week", filter: tag("env", "prod", "staging") },
  { q: "resources without a team tag last month", filter: absent("team") },
  { q: "untagged by owner last month", filter: absent("owner") },
  { q: "where region is eu-west-1 last month", filter: dim("REGION", "eu-west-1") },
  { q: "where service is lambda last month", filter: svc(LAMBDA) },
  { q: "cost category Team is Data last month", filter: { CostCategories: { Key: "Team", Values: ["Data"] } } },
  { q: "total excluding tax last month", filter: not(svc("Tax")) },
  { q: "spend excluding tax and support last month", filter: not(svc("Tax", ...SUPPORT)) },
  { q: "everything except EC2 last month", filter: not(svc(EC2)) },
  { q: "costs other than us-east-1 last month", filter: not(dim("REGION", "us-east-1")) },
  { q: "last month excluding credits and refunds", filter: not(dim("RECORD_TYPE", "Credit", "Refund")) },
  { q: "EC2 in us-east-1 for account 123456789012 tag team=web excluding tax last month", filter: and(svc(EC2), dim("REGION", "us-east-1"), dim("LINKED_ACCOUNT", "123456789012"), tag("team", "web"), not(svc("Tax"))) },

  // --- Metrics and granularity words ---
  { q: "amortized cost last month", metrics: ["AmortizedCost"] },
  { q: "net amortized costs last month", metrics: ["NetAmortizedCost"] },
  { q: "blended cost last month", metrics: ["BlendedCost"] },
  { q: "unblended and amortized cost last month", metrics: ["UnblendedCost", "AmortizedCost"] },
  { q: "net cost last month", metrics: ["NetUnblendedCost"] },
  { q: "EC2 usage quantity last week", metrics: ["UsageQuantity"], filter: svc(EC2) },
  { q: "normalized usage of EC2 last month", metrics: ["NormalizedUsageAmount"] },
  { q: "NetUnblendedCost last month", metrics: ["NetUnblendedCost"] },
  { q: "daily costs last month", granularity: "DAILY", start: "2026-02-01", end: "2026-02-28" },
  { q: "spend by day this month", granularity: "DAILY", groupBy: [] },
  { q: "monthly costs for the last 90 days", granularity: "MONTHLY", start: "2025-12-15" },
  { q: "per month in 2025", granularity: "MONTHLY" },
  { q: "hourly EC2 spend yesterday", granularity: "HOURLY", filter: svc(EC2) },
  { q: "weekly spend last quarter", granularity: "DAILY" },

  // --- Forecasts ---
  { q: "forecast", intent: "forecast", start: "2026-03-15", end: "2026-03-31", granularity: "MONTHLY" },
  { q: "forecast next 3 months", intent: "forecast", start: "2026-03-15", end: "2026-06-14", granularity: "MONTHLY" },
  { q: "predict EC2 spend for the next 30 days", intent: "forecast", start: "2026-03-15", end: "2026-04-13", granularity: "DAILY", filter: svc(EC2) },
  { q: "How much will we spend next month?", intent: "forecast", start: "2026-04-01", end: "2026-04-30" },
  { q: "projected spend for the rest of the year", intent: "forecast", start: "2026-03-15", end: "2026-12-31", granularity: "MONTHLY" },
  { q: "what will the bill be at the end of the month", intent: "forecast", start: "2026-03-15", end: "2026-03-31" },
  { q: "forecast this month", intent: "forecast", start: "2026-03-15", end: "2026-03-31" },
  { q: "forecast Q2", intent: "cost", start: "2025-04-01", end: "2025-06-30" },
  { q: "expected cost next quarter", intent: "forecast", start: "2026-04-01", end: "2026-06-30" },
  { q: "next week forecast", intent: "forecast", start: "2026-03-16", end: "2026-03-22", granularity: "DAILY" },
  { q: "forecast 2026", intent: "forecast", start: "2026-03-15", end: "2026-12-31" },
  { q: "forecast next 100 days", intent: "forecast", start: "2026-03-15", end: "2026-06-22", granularity: "MONTHLY" },
  { q: "forecast S3 by service next month", intent: "forecast", groupBy: [], filter: svc(S3) },
  { q: "next 6 months", intent: "forecast", start: "2026-03-15", end: "2026-09-14" },

  // --- Trends ---
  { q: "EC2 month over month", intent: "trend", start: "2025-09-01", end: "2026-02-28", granularity: "MONTHLY", filter: svc(EC2) },
  { q: "MoM for the last 3 months", intent: "trend", start: "2025-12-01", end: "2026-02-28", compared: [{ start: "2025-12-01", end: "2025-12-31" }, { start: "2026-01-01", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" }] },
  { q: "compare January vs February", intent: "trend", start: "2026-01-01", end: "2026-02-28", compared: [{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" }] },
  { q: "compare this month to last month", intent: "trend", start: "2026-02-01", end: "2026-03-15", compared: [{ start: "2026-02-01", end: "2026-02-28" }, { start: "2026-03-01", end: "2026-03-15" }] },
  { q: "Q1 2025 vs Q4 2025", intent: "trend", start: "2025-01-01", end: "2025-12-31", compared: [{ start: "2025-01-01", end: "2025-03-31" }, { start: "2025-10-01", end: "2025-12-31" }] },
  { q: "How did RDS change last month?", intent: "trend", start: "2026-01-01", end: "2026-02-28", compared: [{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" }] },
  { q: "YoY for last month", intent: "trend", start: "2025-02-01", end: "2026-02-28", compared: [{ start: "2025-02-01", end: "2025-02-28" }, { start: "2026-02-01", end: "2026-02-28" }] },
  { q: "year over year", intent: "trend", compared: [{ start: "2025-02-01", end: "2025-02-28" }, { start: "2026-02-01", end: "2026-02-28" }] },
  { q: "week over week", intent: "trend", start: "2026-02-09", end: "2026-03-08", granularity: "DAILY" },
  { q: "quarter over quarter", intent: "trend", start: "2025-04-01", end: "2025-12-31", granularity: "MONTHLY" },
  { q: "cost trend over the last 6 months", intent: "trend", start: "2025-09-01", end: "2026-02-28", granularity: "MONTHLY" },
  { q: "did our spend increase this week", intent: "trend", start: "2026-03-02", end: "2026-03-15", compared: [{ start: "2026-03-02", end: "2026-03-08" }, { start: "2026-03-09", end: "2026-03-15" }] },
  { q: "compare EC2 and S3 last month", intent: "cost", groupBy: [by("SERVICE")], filter: svc(EC2, S3) },
  { q: "compare accounts last month", intent: "cost", groupBy: [by("LINKED_ACCOUNT")] },
  { q: "How much did we spend last month vs the month before?", intent: "trend", start: "2026-01-01", end: "2026-02-28", compared: [{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" }] },
  { q: "last month versus the previous month", intent: "trend", compared: [{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" }] },
  { q: "Q3 compared to the previous period", intent: "trend", compared: [{ start: "2025-04-01", end: "2025-06-30" }, { start: "2025-07-01", end: "2025-09-30" }] },
  { q: "EC2 on-demand vs spot last month", intent: "cost", groupBy: [by("PURCHASE_TYPE")], filter: and(svc(EC2), dim("PURCHASE_TYPE", "On Demand Instances", "Spot Instances")) },
  { q: "cost in region us-east-2 vs us-west-2 last month", intent: "cost", groupBy: [by("REGION")], filter: dim("REGION", "us-east-2", "us-west-2") },
  { q: "this month compared to the same month last year", intent: "trend", start: "2025-03-01", end: "2026-03-15", compared: [{ start: "2025-03-01", end: "2025-03-15" }, { start: "2026-03-01", end: "2026-03-15" }] },

  // --- Other nows: the Monday after ---
  { q: "this week", now: MON, start: "2026-03-16", end: "2026-03-16" },
  { q: "last week", now: MON, start: "2026-03-09", end: "2026-03-15" },
  { q: "yesterday", now: MON, start: "2026-03-15", end: "2026-03-15" },
  { q: "last Monday", now: MON, start: "2026-03-09", end: "2026-03-09" },
  { q: "Monday", now: MON, start: "2026-03-16", end: "2026-03-16" },
  { q: "last 7 days", now: MON, start: "2026-03-09", end: "2026-03-15" },
  { q: "last weekend", now: MON, start: "2026-03-14", end: "2026-03-15" },

  // --- Leap day ---
  { q: "last month", now: LEAP, start: "2028-01-01", end: "2028-01-31" },
  { q: "this month", now: LEAP, start: "2028-02-01", end: "2028-02-29" },
  { q: "February", now: LEAP, start: "2028-02-01", end: "2028-02-29" },
  { q: "Feb 29", now: LEAP, start: "2028-02-29", end: "2028-02-29" },
  { q: "February 2027", now: LEAP, start: "2027-02-01", end: "2027-02-28" },
  { q: "last 30 days", now: LEAP, start: "2028-01-30", end: "2028-02-28" },
  { q: "yesterday", now: LEAP, start: "2028-02-28", end: "2028-02-28" },
  { q: "forecast next 12 months", now: LEAP, intent: "forecast", start: "2028-02-29", end: "2029-02-28" },
  { q: "YoY this month", now: LEAP, intent: "trend", start: "2027-02-01", end: "2028-02-29", compared: [{ start: "2027-02-01", end: "2027-02-28" }, { start: "2028-02-01", end: "2028-02-29" }] },
  { q: "Feb 29", now: "2027-06-01T00:00:00Z", start: "2024-02-29", end: "2024-02-29" },

  // --- New Year's Day ---
  { q: "last month", now: JAN1, start: "2026-12-01", end: "2026-12-31" },
  { q: "this month", now: JAN1, start: "2027-01-01", end: "2027-01-01" },
  { q: "this year", now: JAN1, start: "2027-01-01", end: "2027-01-01" },
  { q: "last year", now: JAN1, start: "2026-01-01", end: "2026-12-31" },
  { q: "December", now: JAN1, start: "2026-12-01", end: "2026-12-31" },
  { q: "Q4", now: JAN1, start: "2026-10-01", end: "2026-12-31" },
  { q: "H2", now: JAN1, start: "2026-07-01", end: "2026-12-31" },
  { q: "yesterday", now: JAN1, start: "2026-12-31", end: "2026-12-31" },
  { q: "last 7 days", now: JAN1, start: "2026-12-25", end: "2026-12-31" },
  { q: "since Dec 1", now: JAN1, start: "2026-12-01", end: "2027-01-01", granularity: "DAILY" },
  { q: "last week", now: JAN1, start: "2026-12-21", end: "2026-12-27" },
  { q: "this week", now: JAN1, start: "2026-12-28", end: "2027-01-01" },

  // --- Month, quarter and year ends ---
  { q: "this month", now: JAN31, start: "2026-01-01", end: "2026-01-31" },
  { q: "forecast next month", now: JAN31, intent: "forecast", start: "2026-02-01", end: "2026-02-28" },
  { q: "forecast the next 1 month", now: JAN31, intent: "forecast", start: "2026-01-31", end: "2026-02-28" },
  { q: "this weekend", now: JAN31, start: "2026-01-31", end: "2026-01-31" },
  { q: "last month", now: JAN31, start: "2025-12-01", end: "2025-12-31" },
  { q: "Q1", now: Q_END, start: "2025-01-01", end: "2025-03-31" },
  { q: "this quarter", now: Q_END, start: "2026-01-01", end: "2026-03-31" },
  { q: "Q1", now: Q_START, start: "2026-01-01", end: "2026-03-31" },
  { q: "last quarter", now: Q_START, start: "2026-01-01", end: "2026-03-31" },
  { q: "this year", now: DEC31, start: "2026-01-01", end: "2026-12-31" },
  { q: "H2", now: DEC31, start: "2025-07-01", end: "2025-12-31" },
  { q: "forecast next year", now: DEC31, intent: "forecast", start: "2027-01-01", end: "2027-12-31" },
  { q: "rest of the month", now: DEC31, intent: "forecast", start: "2026-12-31", end: "2026-12-31" },
];

describe("parseQuestion: table of questions", () => {
  it("has at least 150 questions", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(cases.map((c) => [`${c.q}${c.now ? ` @${c.now.slice(0, 10)}` : ""}${c.fy ? ` fy${c.fy}` : ""}`, c] as const))("%s", (_label, c) => {
    const result = parseQuestion(c.q, { now: new Date(c.now ?? SUN), ...(c.fy ? { fiscalYearStartMonth: c.fy } : {}) });
    const { query } = result;
    expect(costQuerySchema.parse(query)).toEqual(query);
    expect(query.start <= query.end).toBe(true);
    if (c.start !== undefined) expect(query.start).toBe(c.start);
    if (c.end !== undefined) expect(query.end).toBe(c.end);
    if (c.granularity !== undefined) expect(query.granularity).toBe(c.granularity);
    expect(query.intent).toBe(c.intent ?? (query.intent === "forecast" || query.intent === "trend" ? c.intent : "cost"));
    if (c.groupBy !== undefined) expect(query.groupBy).toEqual(c.groupBy);
    if (c.filter !== undefined) expect(query.filter).toEqual(c.filter);
    expect(query.metrics).toEqual(c.metrics ?? ["UnblendedCost"]);
    expect(result.unrecognised).toEqual(c.unrecognised ?? []);
    if (c.compared !== undefined) expect(result.comparedPeriods).toEqual(c.compared);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });
});

describe("parseQuestion: what it does not understand", () => {
  const now = new Date(SUN);

  it("reports every word it did not understand, in order", () => {
    const result = parseQuestion("How much did the flux capacitor cost last month?", { now });
    expect(result.unrecognised).toEqual(["flux", "capacitor"]);
    expect(result.query.start).toBe("2026-02-01");
    expect(result.explanation).toContain('Not understood: "flux", "capacitor"');
    expect(result.confidence).toBeLessThan(0.9);
  });

  it("gives a low confidence when nothing was understood", () => {
    const result = parseQuestion("banana republic", { now });
    expect(result.unrecognised).toEqual(["banana", "republic"]);
    expect(result.confidence).toBeLessThanOrEqual(0.2);
    expect(result.query.start).toBe("2026-03-01");
  });

  it("reports group-bys it cannot use", () => {
    const result = parseQuestion("costs by team last month", { now });
    expect(result.unrecognised).toEqual(["team"]);
    expect(result.query.groupBy).toEqual([]);
  });

  it("reports impossible dates instead of guessing", () => {
    const result = parseQuestion("costs on Feb 30 2026", { now });
    expect(result.notes.some((note) => note.includes("not a valid date"))).toBe(true);
    expect(result.confidence).toBeLessThan(0.8);
  });

  it("explains the defaults it chose", () => {
    const result = parseQuestion("EC2", { now });
    expect(result.query).toMatchObject({ start: "2026-03-01", end: "2026-03-15", intent: "cost" });
    expect(result.explanation).toMatch(/No period in the question: month to date/);
    expect(result.confidence).toBe(0.75);
  });

  it("notes a third group-by that Cost Explorer cannot take", () => {
    const result = parseQuestion("by account, region and service last month", { now });
    expect(result.query.groupBy).toHaveLength(2);
    expect(result.explanation).toMatch(/at most 2 keys: SERVICE was left out/);
  });

  it("notes that a forecast drops group-bys and extra metrics", () => {
    const result = parseQuestion("forecast amortized and unblended cost by service next month", { now });
    expect(result.query).toMatchObject({ intent: "forecast", groupBy: [], metrics: ["AmortizedCost"] });
    expect(result.notes.join(" ")).toMatch(/cannot be grouped/);
    expect(result.notes.join(" ")).toMatch(/one metric/);
  });

  it("reads a past period asked as a forecast as cost, and a future one asked as cost as a forecast", () => {
    expect(parseQuestion("forecast last month", { now }).query.intent).toBe("cost");
    expect(parseQuestion("cost in December 2026", { now }).query).toMatchObject({ intent: "forecast", start: "2026-12-01", end: "2026-12-31" });
  });

  it("uses the default metric and rejects bad options", () => {
    expect(parseQuestion("last month", { now, defaultMetric: "AmortizedCost" }).query.metrics).toEqual(["AmortizedCost"]);
    expect(() => parseQuestion("last month", { now, fiscalYearStartMonth: 13 })).toThrow(/not a month/);
    expect(() => parseQuestion("last month", { now: new Date("x") })).toThrow(/not a valid date/);
  });

  it("treats 'may' as a verb unless it names the month", () => {
    expect(parseQuestion("how much may we have spent in May", { now }).query.start).toBe("2025-05-01");
    expect(parseQuestion("may I see EC2 last month", { now }).query.start).toBe("2026-02-01");
  });

  it("keeps one granularity and says which one it left out", () => {
    const result = parseQuestion("daily and monthly cost last month", { now });
    expect(result.query.granularity).toBe("DAILY");
    expect(result.notes.join(" ")).toMatch(/"monthly" was left out/);
  });

  it("uses an unknown service name as written, and says so", () => {
    const result = parseQuestion("where service is FooBar last month", { now });
    expect(result.query.filter).toEqual({ Dimensions: { Key: "SERVICE", Values: ["FooBar"] } });
    expect(result.notes.join(" ")).toMatch(/"FooBar" is not a service name/);
    expect(result.confidence).toBeLessThan(1);
  });

  it("warns that HOURLY reaches back 14 days only", () => {
    const result = parseQuestion("hourly cost last month", { now });
    expect(result.query.granularity).toBe("HOURLY");
    expect(result.notes.join(" ")).toMatch(/HOURLY data for 14 days only/);
  });

  it("says how it read an ambiguous slash date", () => {
    const result = parseQuestion("costs on 01/02/2026", { now });
    expect(result.query.start).toBe("2026-01-02");
    expect(result.notes.join(" ")).toMatch(/month\/day\/year/);
  });

  it("explains what it read", () => {
    const result = parseQuestion("How much did I spend on EC2 last month?", { now });
    expect(result.explanation).toBe(
      'Cost (UnblendedCost) from 2026-02-01 to 2026-02-28 (28 days), monthly, where SERVICE is Amazon Elastic Compute Cloud - Compute. Read "last month" as February 2026 (2026-02-01 to 2026-02-28).',
    );
  });
});
