// What the generated organisation runs: real Cost Explorer SERVICE names, usage types, operations and
// list prices (rounded), and one profile per kind of account. Daily amounts are USD/day for an
// account of scale 1; the generator adds trend, seasonality, noise and anomalies.

/**
 * How a line's daily amount moves through the week (and through the day, for HOURLY).
 *
 * @example
 * const pattern: UsagePattern = "business";
 */
export type UsagePattern = "flat" | "business" | "traffic" | "batch" | "month-start";

/**
 * One kind of usage the organisation pays for.
 *
 * @example
 * const ec2 = USAGE_TEMPLATES.find((template) => template.key === "ec2-m5-large");
 */
export interface UsageTemplate {
  readonly key: string;
  readonly service: string;
  readonly serviceCode: string;
  /** Usage type without the region prefix; global services keep it as is. */
  readonly usageType: string;
  readonly operation: string;
  readonly unit: string;
  /** USD per unit, to derive UsageQuantity from cost. */
  readonly unitPrice: number;
  /** USD per day at scale 1. */
  readonly daily: number;
  readonly pattern: UsagePattern;
  /** Relative standard deviation of the daily noise. */
  readonly noise: number;
  readonly team: string;
  readonly global?: boolean;
  readonly instanceType?: string;
  readonly az?: boolean;
  readonly platform?: string;
  readonly operatingSystem?: string;
  readonly tenancy?: string;
  readonly databaseEngine?: string;
  readonly cacheEngine?: string;
  readonly deploymentOption?: string;
  readonly purchaseType?: string;
  readonly usageTypeGroup?: string;
  /** Extra growth per month on top of the account's trend (storage grows, new services ramp up). */
  readonly growth?: number;
  /** First day this usage can exist (service launch), YYYY-MM-DD. */
  readonly since?: string;
  /** Compute that staging and development switch off out of office hours. */
  readonly schedulable?: boolean;
}

const EC2 = "Amazon Elastic Compute Cloud - Compute";
const EC2_OTHER = "EC2 - Other";
const LINUX = { platform: "Linux/UNIX", operatingSystem: "Linux", tenancy: "Shared" } as const;

/**
 * Every usage template, keyed by `key`.
 *
 * @example
 * USAGE_TEMPLATES.map((template) => template.service);
 */
export const USAGE_TEMPLATES: readonly UsageTemplate[] = [
  // EC2 instances
  { key: "ec2-m5-large", service: EC2, serviceCode: "AmazonEC2", usageType: "BoxUsage:m5.large", operation: "RunInstances", unit: "Hrs", unitPrice: 0.096, daily: 230, pattern: "traffic", noise: 0.04, team: "web", instanceType: "m5.large", az: true, ...LINUX, usageTypeGroup: "EC2: Running Hours", schedulable: true },
  { key: "ec2-c6g-xlarge", service: EC2, serviceCode: "AmazonEC2", usageType: "BoxUsage:c6g.xlarge", operation: "RunInstances", unit: "Hrs", unitPrice: 0.136, daily: 260, pattern: "traffic", noise: 0.05, team: "search", instanceType: "c6g.xlarge", az: true, ...LINUX, usageTypeGroup: "EC2: Running Hours", schedulable: true },
  { key: "ec2-r6i-2xlarge", service: EC2, serviceCode: "AmazonEC2", usageType: "BoxUsage:r6i.2xlarge", operation: "RunInstances", unit: "Hrs", unitPrice: 0.504, daily: 190, pattern: "flat", noise: 0.02, team: "payments", instanceType: "r6i.2xlarge", az: true, ...LINUX, usageTypeGroup: "EC2: Running Hours", schedulable: true },
  { key: "ec2-t3-medium", service: EC2, serviceCode: "AmazonEC2", usageType: "BoxUsage:t3.medium", operation: "RunInstances", unit: "Hrs", unitPrice: 0.0416, daily: 20, pattern: "business", noise: 0.06, team: "platform", instanceType: "t3.medium", az: true, ...LINUX, usageTypeGroup: "EC2: Running Hours", schedulable: true },
  { key: "ec2-m5-xlarge-windows", service: EC2, serviceCode: "AmazonEC2", usageType: "BoxUsage:m5.xlarge", operation: "RunInstances:0002", unit: "Hrs", unitPrice: 0.376, daily: 45, pattern: "flat", noise: 0.02, team: "payments", instanceType: "m5.xlarge", az: true, platform: "Windows", operatingSystem: "Windows", tenancy: "Shared", usageTypeGroup: "EC2: Running Hours", schedulable: true },
  { key: "ec2-spot-c5-2xlarge", service: EC2, serviceCode: "AmazonEC2", usageType: "SpotUsage:c5.2xlarge", operation: "RunInstances:SV001", unit: "Hrs", unitPrice: 0.128, daily: 60, pattern: "batch", noise: 0.12, team: "data", instanceType: "c5.2xlarge", az: true, ...LINUX, purchaseType: "Spot Instances", usageTypeGroup: "EC2: Running Hours" },
  // EC2 - Other
  { key: "ebs-gp3", service: EC2_OTHER, serviceCode: "AmazonEC2", usageType: "EBS:VolumeUsage.gp3", operation: "CreateVolume-Gp3", unit: "GB-Mo", unitPrice: 0.08, daily: 140, pattern: "flat", noise: 0.01, team: "platform", az: true, usageTypeGroup: "EC2: EBS - SSD(gp3)", growth: 0.01 },
  { key: "ebs-snapshots", service: EC2_OTHER, serviceCode: "AmazonEC2", usageType: "EBS:SnapshotUsage", operation: "CreateSnapshot", unit: "GB-Mo", unitPrice: 0.05, daily: 55, pattern: "flat", noise: 0.01, team: "platform", usageTypeGroup: "EC2: EBS - Snapshots", growth: 0.015 },
  { key: "nat-hours", service: EC2_OTHER, serviceCode: "AmazonEC2", usageType: "NatGateway-Hours", operation: "NatGateway", unit: "Hrs", unitPrice: 0.045, daily: 3.24, pattern: "flat", noise: 0, team: "platform", usageTypeGroup: "EC2: NAT Gateway - Running Hours" },
  { key: "nat-bytes", service: EC2_OTHER, serviceCode: "AmazonEC2", usageType: "NatGateway-Bytes", operation: "NatGateway", unit: "GB", unitPrice: 0.045, daily: 70, pattern: "traffic", noise: 0.08, team: "platform", usageTypeGroup: "EC2: NAT Gateway - Data Processed" },
  { key: "data-transfer-regional", service: EC2_OTHER, serviceCode: "AmazonEC2", usageType: "DataTransfer-Regional-Bytes", operation: "InterZone-In", unit: "GB", unitPrice: 0.01, daily: 40, pattern: "traffic", noise: 0.07, team: "platform", usageTypeGroup: "EC2: Data Transfer - Inter AZ" },
  // S3
  { key: "s3-standard", service: "Amazon Simple Storage Service", serviceCode: "AmazonS3", usageType: "TimedStorage-ByteHrs", operation: "StandardStorage", unit: "GB-Mo", unitPrice: 0.023, daily: 180, pattern: "flat", noise: 0.005, team: "platform", usageTypeGroup: "S3: Storage - Standard", growth: 0.02 },
  { key: "s3-tier1", service: "Amazon Simple Storage Service", serviceCode: "AmazonS3", usageType: "Requests-Tier1", operation: "PutObject", unit: "Requests", unitPrice: 0.000005, daily: 35, pattern: "traffic", noise: 0.08, team: "web", usageTypeGroup: "S3: API Requests - Standard" },
  { key: "s3-tier2", service: "Amazon Simple Storage Service", serviceCode: "AmazonS3", usageType: "Requests-Tier2", operation: "GetObject", unit: "Requests", unitPrice: 0.0000004, daily: 12, pattern: "traffic", noise: 0.08, team: "web", usageTypeGroup: "S3: API Requests - Standard" },
  { key: "s3-deep-archive", service: "Amazon Simple Storage Service", serviceCode: "AmazonS3", usageType: "TimedStorage-GDA-ByteHrs", operation: "DeepArchiveStorage", unit: "GB-Mo", unitPrice: 0.00099, daily: 6, pattern: "flat", noise: 0.005, team: "platform", usageTypeGroup: "S3: Storage - Glacier Deep Archive", growth: 0.03 },
  // RDS
  { key: "rds-r6g-xlarge", service: "Amazon Relational Database Service", serviceCode: "AmazonRDS", usageType: "Multi-AZUsage:db.r6g.xlarge", operation: "CreateDBInstance:0014", unit: "Hrs", unitPrice: 0.898, daily: 215, pattern: "flat", noise: 0.01, team: "payments", instanceType: "db.r6g.xlarge", databaseEngine: "PostgreSQL", deploymentOption: "Multi-AZ", usageTypeGroup: "RDS: Running Hours" },
  { key: "rds-storage", service: "Amazon Relational Database Service", serviceCode: "AmazonRDS", usageType: "RDS:Multi-AZ-GP3-Storage", operation: "CreateDBInstance:0014", unit: "GB-Mo", unitPrice: 0.23, daily: 45, pattern: "flat", noise: 0.005, team: "payments", databaseEngine: "PostgreSQL", deploymentOption: "Multi-AZ", usageTypeGroup: "RDS: Storage", growth: 0.01 },
  { key: "aurora-r6g-large", service: "Amazon Relational Database Service", serviceCode: "AmazonRDS", usageType: "InstanceUsage:db.r6g.large", operation: "CreateDBInstance:0021", unit: "Hrs", unitPrice: 0.26, daily: 62, pattern: "flat", noise: 0.01, team: "web", instanceType: "db.r6g.large", databaseEngine: "Aurora PostgreSQL", deploymentOption: "Single-AZ", usageTypeGroup: "RDS: Running Hours", schedulable: true },
  // Serverless and containers
  { key: "lambda-gb-seconds", service: "AWS Lambda", serviceCode: "AWSLambda", usageType: "Lambda-GB-Second", operation: "Invoke", unit: "Lambda-GB-Second", unitPrice: 0.0000166667, daily: 48, pattern: "traffic", noise: 0.07, team: "web" },
  { key: "lambda-requests", service: "AWS Lambda", serviceCode: "AWSLambda", usageType: "Request", operation: "Invoke", unit: "Requests", unitPrice: 0.0000002, daily: 9, pattern: "traffic", noise: 0.07, team: "web" },
  { key: "fargate-vcpu", service: "Amazon Elastic Container Service", serviceCode: "AmazonECS", usageType: "Fargate-vCPU-Hours:perCPU", operation: "FargateTask", unit: "hours", unitPrice: 0.04048, daily: 70, pattern: "traffic", noise: 0.04, team: "search", schedulable: true },
  { key: "fargate-memory", service: "Amazon Elastic Container Service", serviceCode: "AmazonECS", usageType: "Fargate-GB-Hours", operation: "FargateTask", unit: "hours", unitPrice: 0.004445, daily: 15, pattern: "traffic", noise: 0.04, team: "search", schedulable: true },
  { key: "eks-clusters", service: "Amazon Elastic Container Service for Kubernetes", serviceCode: "AmazonEKS", usageType: "AmazonEKS-Hours:perCluster", operation: "CreateOperation", unit: "Hours", unitPrice: 0.1, daily: 7.2, pattern: "flat", noise: 0, team: "platform" },
  { key: "api-gateway", service: "Amazon API Gateway", serviceCode: "AmazonApiGateway", usageType: "ApiGatewayRequest", operation: "ApiGatewayRequest", unit: "Requests", unitPrice: 0.0000035, daily: 18, pattern: "traffic", noise: 0.07, team: "web" },
  { key: "step-functions", service: "AWS Step Functions", serviceCode: "AmazonStates", usageType: "StateTransition", operation: "StateTransition", unit: "StateTransitions", unitPrice: 0.000025, daily: 5, pattern: "business", noise: 0.1, team: "payments" },
  { key: "sqs-requests", service: "Amazon Simple Queue Service", serviceCode: "AWSQueueService", usageType: "Requests-RBP", operation: "SendMessage", unit: "Requests", unitPrice: 0.0000004, daily: 7, pattern: "traffic", noise: 0.06, team: "payments" },
  { key: "sns-requests", service: "Amazon Simple Notification Service", serviceCode: "AmazonSNS", usageType: "Requests-Tier1", operation: "Publish", unit: "Requests", unitPrice: 0.0000005, daily: 2, pattern: "traffic", noise: 0.06, team: "payments" },
  // Databases and caches
  { key: "dynamodb-reads", service: "Amazon DynamoDB", serviceCode: "AmazonDynamoDB", usageType: "ReadRequestUnits", operation: "PayPerRequestThroughput", unit: "ReadRequestUnits", unitPrice: 0.00000025, daily: 30, pattern: "traffic", noise: 0.06, team: "web" },
  { key: "dynamodb-writes", service: "Amazon DynamoDB", serviceCode: "AmazonDynamoDB", usageType: "WriteRequestUnits", operation: "PayPerRequestThroughput", unit: "WriteRequestUnits", unitPrice: 0.00000125, daily: 38, pattern: "traffic", noise: 0.06, team: "web" },
  { key: "dynamodb-storage", service: "Amazon DynamoDB", serviceCode: "AmazonDynamoDB", usageType: "TimedStorage-ByteHrs", operation: "StandardStorage", unit: "GB-Mo", unitPrice: 0.25, daily: 14, pattern: "flat", noise: 0.005, team: "web", growth: 0.015 },
  { key: "elasticache-r6g-large", service: "Amazon ElastiCache", serviceCode: "AmazonElastiCache", usageType: "NodeUsage:cache.r6g.large", operation: "CreateCacheCluster:0002", unit: "Hrs", unitPrice: 0.206, daily: 30, pattern: "flat", noise: 0, team: "web", instanceType: "cache.r6g.large", cacheEngine: "Redis" },
  { key: "opensearch-r6g-large", service: "Amazon OpenSearch Service", serviceCode: "AmazonES", usageType: "ESInstance:r6g.large.search", operation: "ESDomain", unit: "Hrs", unitPrice: 0.167, daily: 24, pattern: "flat", noise: 0, team: "search", instanceType: "r6g.large.search" },
  { key: "efs-storage", service: "Amazon Elastic File System", serviceCode: "AmazonEFS", usageType: "TimedStorage-ByteHrs", operation: "", unit: "GB-Mo", unitPrice: 0.3, daily: 8, pattern: "flat", noise: 0.01, team: "platform", growth: 0.01 },
  // Edge and networking
  { key: "cloudfront-us", service: "Amazon CloudFront", serviceCode: "AmazonCloudFront", usageType: "US-DataTransfer-Out-Bytes", operation: "WEB", unit: "GB", unitPrice: 0.085, daily: 95, pattern: "traffic", noise: 0.06, team: "web", global: true },
  { key: "cloudfront-eu", service: "Amazon CloudFront", serviceCode: "AmazonCloudFront", usageType: "EU-DataTransfer-Out-Bytes", operation: "WEB", unit: "GB", unitPrice: 0.085, daily: 40, pattern: "traffic", noise: 0.06, team: "web", global: true },
  { key: "cloudfront-requests", service: "Amazon CloudFront", serviceCode: "AmazonCloudFront", usageType: "US-Requests-Tier1", operation: "WEB", unit: "Requests", unitPrice: 0.00000075, daily: 14, pattern: "traffic", noise: 0.06, team: "web", global: true },
  { key: "route53-zones", service: "Amazon Route 53", serviceCode: "AmazonRoute53", usageType: "HostedZone", operation: "", unit: "HostedZone", unitPrice: 0.5, daily: 0.4, pattern: "month-start", noise: 0, team: "platform", global: true },
  { key: "route53-queries", service: "Amazon Route 53", serviceCode: "AmazonRoute53", usageType: "DNS-Queries", operation: "", unit: "Queries", unitPrice: 0.0000004, daily: 6, pattern: "traffic", noise: 0.05, team: "platform", global: true },
  { key: "alb-hours", service: "Amazon Elastic Load Balancing", serviceCode: "AWSELB", usageType: "LoadBalancerUsage", operation: "LoadBalancing:Application", unit: "Hrs", unitPrice: 0.0225, daily: 5.4, pattern: "flat", noise: 0, team: "platform" },
  { key: "alb-lcu", service: "Amazon Elastic Load Balancing", serviceCode: "AWSELB", usageType: "LCUUsage", operation: "LoadBalancing:Application", unit: "LCU-Hrs", unitPrice: 0.008, daily: 22, pattern: "traffic", noise: 0.06, team: "platform" },
  { key: "vpc-endpoints", service: "Amazon Virtual Private Cloud", serviceCode: "AmazonVPC", usageType: "VpcEndpoint-Hours", operation: "VpcEndpoint", unit: "Hrs", unitPrice: 0.01, daily: 2.4, pattern: "flat", noise: 0, team: "platform" },
  { key: "vpc-public-ipv4", service: "Amazon Virtual Private Cloud", serviceCode: "AmazonVPC", usageType: "PublicIPv4:InUseAddress", operation: "AssociateAddressVPC", unit: "Hrs", unitPrice: 0.005, daily: 3.6, pattern: "flat", noise: 0.01, team: "platform", since: "2024-02-01" },
  { key: "transit-gateway-hours", service: "Amazon Virtual Private Cloud", serviceCode: "AmazonVPC", usageType: "TransitGateway-Hours", operation: "TransitGatewayVPC", unit: "Hrs", unitPrice: 0.05, daily: 6, pattern: "flat", noise: 0, team: "platform" },
  { key: "transit-gateway-bytes", service: "Amazon Virtual Private Cloud", serviceCode: "AmazonVPC", usageType: "TransitGateway-Bytes", operation: "TransitGatewayVPC", unit: "GB", unitPrice: 0.02, daily: 10, pattern: "traffic", noise: 0.06, team: "platform" },
  { key: "vpn-connections", service: "Amazon Virtual Private Cloud", serviceCode: "AmazonVPC", usageType: "VPN-Usage-Hours:ipsec.1", operation: "CreateVpnConnection", unit: "Hrs", unitPrice: 0.05, daily: 2.4, pattern: "flat", noise: 0, team: "platform" },
  { key: "waf-acls", service: "AWS WAF", serviceCode: "awswaf", usageType: "WebACL", operation: "", unit: "WebACL", unitPrice: 5, daily: 1, pattern: "flat", noise: 0, team: "security" },
  { key: "waf-requests", service: "AWS WAF", serviceCode: "awswaf", usageType: "Request", operation: "", unit: "Requests", unitPrice: 0.0000006, daily: 6, pattern: "traffic", noise: 0.06, team: "security" },
  // Observability, security and management
  { key: "cloudwatch-metrics", service: "AmazonCloudWatch", serviceCode: "AmazonCloudWatch", usageType: "CW:MetricMonitorUsage", operation: "MetricStorage", unit: "Metrics", unitPrice: 0.01, daily: 28, pattern: "flat", noise: 0.01, team: "platform" },
  { key: "cloudwatch-logs-ingest", service: "AmazonCloudWatch", serviceCode: "AmazonCloudWatch", usageType: "DataProcessing-Bytes", operation: "PutLogEvents", unit: "GB", unitPrice: 0.5, daily: 55, pattern: "traffic", noise: 0.06, team: "platform" },
  { key: "cloudwatch-logs-storage", service: "AmazonCloudWatch", serviceCode: "AmazonCloudWatch", usageType: "TimedStorage-ByteHrs", operation: "HourlyStorageMetering", unit: "GB-Mo", unitPrice: 0.03, daily: 9, pattern: "flat", noise: 0.005, team: "platform", growth: 0.02 },
  { key: "cloudwatch-requests", service: "AmazonCloudWatch", serviceCode: "AmazonCloudWatch", usageType: "CW:Requests", operation: "GetMetricData", unit: "Requests", unitPrice: 0.00001, daily: 5, pattern: "business", noise: 0.1, team: "platform" },
  { key: "kms-keys", service: "AWS Key Management Service", serviceCode: "awskms", usageType: "KMS-Keys", operation: "CreateKey", unit: "Keys", unitPrice: 0.0333, daily: 1.2, pattern: "flat", noise: 0, team: "security" },
  { key: "kms-requests", service: "AWS Key Management Service", serviceCode: "awskms", usageType: "KMS-Requests", operation: "GenerateDataKey", unit: "Requests", unitPrice: 0.000003, daily: 4, pattern: "traffic", noise: 0.06, team: "security" },
  { key: "secrets-manager", service: "AWS Secrets Manager", serviceCode: "AWSSecretsManager", usageType: "AWSSecretsManager-Secrets", operation: "", unit: "Secrets", unitPrice: 0.0133, daily: 1.1, pattern: "flat", noise: 0, team: "security" },
  { key: "config-items", service: "AWS Config", serviceCode: "AWSConfig", usageType: "ConfigurationItemRecorded", operation: "", unit: "ConfigurationItem", unitPrice: 0.003, daily: 6, pattern: "business", noise: 0.1, team: "security" },
  { key: "cloudtrail-events", service: "AWS CloudTrail", serviceCode: "AWSCloudTrail", usageType: "PaidEventsRecorded", operation: "", unit: "Events", unitPrice: 0.000002, daily: 3, pattern: "business", noise: 0.08, team: "security" },
  { key: "guardduty-events", service: "Amazon GuardDuty", serviceCode: "AmazonGuardDuty", usageType: "PaidEventsAnalyzed", operation: "", unit: "Events", unitPrice: 0.000004, daily: 9, pattern: "flat", noise: 0.04, team: "security" },
  { key: "security-hub-checks", service: "AWS Security Hub", serviceCode: "AWSSecurityHub", usageType: "PaidComplianceCheck", operation: "", unit: "Checks", unitPrice: 0.001, daily: 4, pattern: "flat", noise: 0.02, team: "security" },
  { key: "ecr-storage", service: "Amazon EC2 Container Registry (ECR)", serviceCode: "AmazonECR", usageType: "TimedStorage-ByteHrs", operation: "", unit: "GB-Mo", unitPrice: 0.1, daily: 3, pattern: "flat", noise: 0.01, team: "platform", growth: 0.02 },
  { key: "backup-ebs", service: "AWS Backup", serviceCode: "AWSBackup", usageType: "WarmStorage-ByteHrs-EBS", operation: "", unit: "GB-Mo", unitPrice: 0.05, daily: 12, pattern: "flat", noise: 0.01, team: "platform", growth: 0.01 },
  { key: "directory-service", service: "AWS Directory Service", serviceCode: "AWSDirectoryService", usageType: "MicrosoftAD-DC-Usage", operation: "", unit: "Hrs", unitPrice: 0.4, daily: 19.2, pattern: "flat", noise: 0, team: "security" },
  { key: "cost-explorer-api", service: "AWS Cost Explorer", serviceCode: "AWSCostExplorer", usageType: "APIRequest", operation: "", unit: "Requests", unitPrice: 0.01, daily: 1.5, pattern: "business", noise: 0.2, team: "platform" },
  // Data and ML
  { key: "kinesis-shards", service: "Amazon Kinesis", serviceCode: "AmazonKinesis", usageType: "Storage-ShardHour", operation: "shardHourStorage", unit: "ShardHour", unitPrice: 0.015, daily: 11, pattern: "flat", noise: 0, team: "data" },
  { key: "athena-scans", service: "Amazon Athena", serviceCode: "AmazonAthena", usageType: "DataScannedInTB", operation: "RunQuery", unit: "Terabytes", unitPrice: 5, daily: 60, pattern: "business", noise: 0.15, team: "data" },
  { key: "glue-etl", service: "AWS Glue", serviceCode: "AWSGlue", usageType: "ETL-DPU-Hour", operation: "JobRun", unit: "DPU-Hour", unitPrice: 0.44, daily: 45, pattern: "batch", noise: 0.1, team: "data" },
  { key: "redshift-ra3", service: "Amazon Redshift", serviceCode: "AmazonRedshift", usageType: "Node:ra3.xlplus", operation: "RunComputeNode:0001", unit: "Hrs", unitPrice: 1.086, daily: 52, pattern: "flat", noise: 0, team: "data", instanceType: "ra3.xlplus" },
  { key: "emr-m5-xlarge", service: "Amazon Elastic MapReduce", serviceCode: "ElasticMapReduce", usageType: "BoxUsage:m5.xlarge", operation: "RunInstances", unit: "Hrs", unitPrice: 0.048, daily: 20, pattern: "batch", noise: 0.12, team: "data", instanceType: "m5.xlarge" },
  { key: "sagemaker-hosting", service: "Amazon SageMaker", serviceCode: "AmazonSageMaker", usageType: "Host:ml.g5.xlarge", operation: "RunInstance", unit: "Hrs", unitPrice: 1.408, daily: 68, pattern: "flat", noise: 0.01, team: "ml", instanceType: "ml.g5.xlarge" },
  { key: "sagemaker-notebooks", service: "Amazon SageMaker", serviceCode: "AmazonSageMaker", usageType: "Notebk:ml.t3.medium", operation: "RunInstance", unit: "Hrs", unitPrice: 0.05, daily: 6, pattern: "business", noise: 0.1, team: "ml", instanceType: "ml.t3.medium" },
  { key: "sagemaker-training", service: "Amazon SageMaker", serviceCode: "AmazonSageMaker", usageType: "Train:ml.p3.2xlarge", operation: "RunInstance", unit: "Hrs", unitPrice: 3.825, daily: 45, pattern: "batch", noise: 0.2, team: "ml", instanceType: "ml.p3.2xlarge" },
  { key: "bedrock-input", service: "Amazon Bedrock", serviceCode: "AmazonBedrock", usageType: "NovaPro-input-tokens", operation: "InvokeModelInference", unit: "tokens", unitPrice: 0.0000008, daily: 30, pattern: "traffic", noise: 0.1, team: "ml", growth: 0.06, since: "2024-12-03" },
  { key: "bedrock-output", service: "Amazon Bedrock", serviceCode: "AmazonBedrock", usageType: "NovaPro-output-tokens", operation: "InvokeModelInference", unit: "tokens", unitPrice: 0.0000032, daily: 25, pattern: "traffic", noise: 0.1, team: "ml", growth: 0.06, since: "2024-12-03" },
];

/**
 * Cost Explorer SERVICE names used for charges that are not usage.
 *
 * @example
 * SUPPORT_SERVICE; // "AWS Support (Business)"
 */
export const SUPPORT_SERVICE = "AWS Support (Business)";

/**
 * Cost Explorer's SERVICE name for tax.
 *
 * @example
 * TAX_SERVICE; // "Tax"
 */
export const TAX_SERVICE = "Tax";

/**
 * An AWS Region as the ledger uses it.
 *
 * @example
 * const ireland = REGIONS.find((region) => region.code === "eu-west-1")?.prefix; // "EUW1"
 */
export interface RegionInfo {
  readonly code: string;
  /** Usage type prefix, e.g. `USE1`. */
  readonly prefix: string;
  readonly name: string;
  readonly zones: readonly string[];
}

/**
 * The Regions the organisation runs in.
 *
 * @example
 * REGIONS.map((region) => region.code);
 */
export const REGIONS: readonly RegionInfo[] = [
  { code: "us-east-1", prefix: "USE1", name: "US East (N. Virginia)", zones: ["us-east-1a", "us-east-1b", "us-east-1c"] },
  { code: "us-west-2", prefix: "USW2", name: "US West (Oregon)", zones: ["us-west-2a", "us-west-2b", "us-west-2c"] },
  { code: "eu-west-1", prefix: "EUW1", name: "Europe (Ireland)", zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
  { code: "eu-central-1", prefix: "EUC1", name: "Europe (Frankfurt)", zones: ["eu-central-1a", "eu-central-1b"] },
  { code: "ap-southeast-2", prefix: "APS2", name: "Asia Pacific (Sydney)", zones: ["ap-southeast-2a", "ap-southeast-2b"] },
];

/**
 * The kinds of account an organisation has.
 *
 * @example
 * const kind: AccountKind = "production";
 */
export type AccountKind = "payer" | "production" | "staging" | "development" | "analytics" | "shared";

/**
 * A kind of account: how big it is, where it runs and which usage it has.
 *
 * @example
 * const production = ACCOUNT_PROFILES.find((profile) => profile.kind === "production");
 */
export interface AccountProfile {
  readonly kind: AccountKind;
  readonly name: string;
  readonly env: string | null;
  readonly scale: number;
  /** Regions with their share of the account's regional usage. */
  readonly regions: readonly (readonly [string, number])[];
  /** Templates with a weight multiplying their daily amount. */
  readonly templates: readonly (readonly [string, number])[];
  /** Schedulable compute follows office hours. */
  readonly officeHours: boolean;
  /** Reserved Instances: template, instance count and effective hourly rate. */
  readonly reservations: readonly { readonly template: string; readonly count: number; readonly hourlyRate: number }[];
  /** Templates whose usage promotional credits pay for, some months of the year. */
  readonly credits: readonly string[];
}

const weighted = (keys: string, weight = 1): (readonly [string, number])[] =>
  keys.split(/\s+/).filter(Boolean).map((key) => [key, weight] as const);

const PRODUCT_STACK = `ec2-m5-large ec2-c6g-xlarge ec2-r6i-2xlarge ec2-t3-medium ec2-m5-xlarge-windows ebs-gp3 ebs-snapshots
  nat-hours nat-bytes data-transfer-regional s3-standard s3-tier1 s3-tier2 s3-deep-archive rds-r6g-xlarge rds-storage
  aurora-r6g-large lambda-gb-seconds lambda-requests fargate-vcpu fargate-memory eks-clusters api-gateway step-functions
  sqs-requests sns-requests dynamodb-reads dynamodb-writes dynamodb-storage elasticache-r6g-large opensearch-r6g-large
  efs-storage alb-hours alb-lcu vpc-endpoints vpc-public-ipv4 cloudwatch-metrics cloudwatch-logs-ingest
  cloudwatch-logs-storage cloudwatch-requests kms-keys kms-requests secrets-manager config-items cloudtrail-events
  guardduty-events ecr-storage backup-ebs`;

const GLOBAL_EDGE = "cloudfront-us cloudfront-eu cloudfront-requests route53-zones route53-queries waf-acls waf-requests";

/**
 * One profile per member account, in the order accounts are created; the payer comes first.
 *
 * @example
 * ACCOUNT_PROFILES[0]?.kind; // "payer"
 */
export const ACCOUNT_PROFILES: readonly AccountProfile[] = [
  {
    kind: "payer",
    name: "management",
    env: null,
    scale: 1,
    regions: [["us-east-1", 1]],
    templates: weighted("cost-explorer-api cloudtrail-events config-items guardduty-events security-hub-checks s3-standard kms-keys", 1).map(
      ([key]) => [key, key === "s3-standard" ? 0.02 : key === "cost-explorer-api" ? 1 : 0.3] as const,
    ),
    officeHours: true,
    reservations: [],
    credits: [],
  },
  {
    kind: "production",
    name: "production",
    env: "prod",
    scale: 1,
    regions: [["us-east-1", 1], ["eu-west-1", 0.4]],
    templates: [...weighted(PRODUCT_STACK), ...weighted(GLOBAL_EDGE), ...weighted("security-hub-checks kinesis-shards")],
    officeHours: false,
    reservations: [
      { template: "ec2-m5-large", count: 40, hourlyRate: 0.06 },
      { template: "rds-r6g-xlarge", count: 4, hourlyRate: 0.56 },
    ],
    credits: [],
  },
  {
    kind: "staging",
    name: "staging",
    env: "staging",
    scale: 0.22,
    regions: [["us-east-1", 1]],
    templates: [...weighted(PRODUCT_STACK), ...weighted("cloudfront-us route53-zones route53-queries", 0.5)],
    officeHours: true,
    reservations: [],
    credits: [],
  },
  {
    kind: "development",
    name: "development",
    env: "dev",
    scale: 0.12,
    regions: [["us-east-1", 1], ["us-west-2", 0.3]],
    templates: [...weighted(PRODUCT_STACK), ...weighted("sagemaker-notebooks bedrock-input bedrock-output", 0.4)],
    officeHours: true,
    reservations: [],
    credits: [],
  },
  {
    kind: "analytics",
    name: "analytics",
    env: "prod",
    scale: 1,
    regions: [["us-east-1", 1]],
    templates: [
      ...weighted("s3-standard s3-tier1 s3-tier2 s3-deep-archive", 1.4),
      ...weighted(
        `athena-scans glue-etl redshift-ra3 emr-m5-xlarge ec2-spot-c5-2xlarge kinesis-shards sagemaker-hosting sagemaker-notebooks
        sagemaker-training bedrock-input bedrock-output lambda-gb-seconds lambda-requests ebs-gp3 nat-hours nat-bytes
        cloudwatch-metrics cloudwatch-logs-ingest cloudwatch-logs-storage kms-keys kms-requests step-functions`,
        0.8,
      ),
    ],
    officeHours: false,
    reservations: [],
    credits: ["bedrock-input", "bedrock-output", "sagemaker-training"],
  },
  {
    kind: "shared",
    name: "shared-services",
    env: "shared",
    scale: 0.5,
    regions: [["us-east-1", 1], ["eu-west-1", 0.5]],
    templates: weighted(
      `transit-gateway-hours transit-gateway-bytes vpn-connections directory-service route53-zones route53-queries
      config-items cloudtrail-events guardduty-events security-hub-checks kms-keys kms-requests secrets-manager
      cloudwatch-metrics cloudwatch-logs-ingest cloudwatch-logs-storage backup-ebs ec2-t3-medium ebs-gp3 ecr-storage
      s3-standard nat-hours nat-bytes vpc-endpoints eks-clusters`,
    ),
    officeHours: false,
    reservations: [],
    credits: [],
  },
];

/**
 * Business unit (the generated cost category's value) of each team tag.
 *
 * @example
 * BUSINESS_UNITS.web; // "Product"
 */
export const BUSINESS_UNITS: Readonly<Record<string, string>> = {
  platform: "Platform",
  security: "Platform",
  web: "Product",
  search: "Product",
  payments: "Product",
  data: "Data Science",
  ml: "Data Science",
};

/**
 * The generated cost category's name.
 *
 * @example
 * COST_CATEGORY_NAME; // "Business Unit"
 */
export const COST_CATEGORY_NAME = "Business Unit";

/**
 * Normalization factor of an instance size, as Cost Explorer's NormalizedUsageAmount uses it.
 *
 * @example
 * normalizationFactor("m5.2xlarge"); // 16
 */
export function normalizationFactor(instanceType: string): number {
  const size = instanceType.split(".").find((part) => /(nano|micro|small|medium|large)$/.test(part));
  if (!size) return 0;
  const table: Record<string, number> = { nano: 0.25, micro: 0.5, small: 1, medium: 2, large: 4, xlarge: 8 };
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return 8 * Number(multiple[1]);
  return table[size] ?? 0;
}
