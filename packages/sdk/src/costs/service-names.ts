// Cost Explorer SERVICE values are the billing names of services ("Amazon Elastic Compute Cloud -
// Compute", "EC2 - Other"); the SSM global-infrastructure parameters use short codes ("ec2"). This module
// maps between them and resolves what people type to a SERVICE value.

/**
 * One Cost Explorer SERVICE value with its SSM service codes and the names people use for it.
 *
 * @example
 * const entry: ServiceNameEntry = { ceService: "AWS Lambda", ssmCodes: ["lambda"], aliases: ["lambda"] };
 */
export interface ServiceNameEntry {
  /** The SERVICE dimension value exactly as Cost Explorer returns it. */
  readonly ceService: string;
  /** SSM global-infrastructure service codes billed under this value (first = primary); may be empty. */
  readonly ssmCodes: readonly string[];
  /** Other names and abbreviations (matched case- and space-insensitively). */
  readonly aliases: readonly string[];
  /** What else is billed under this value, for explanations. */
  readonly note?: string;
}

function entry(ceService: string, ssmCodes: readonly string[], aliases: readonly string[], note?: string): ServiceNameEntry {
  return note === undefined ? { ceService, ssmCodes, aliases } : { ceService, ssmCodes, aliases, note };
}

/**
 * The maintained mapping between Cost Explorer SERVICE values and SSM service codes, with aliases.
 * Cost Explorer adds values as AWS launches services; unknown ones are resolved at run time against
 * GetDimensionValues by {@link createServiceResolver}.
 *
 * @example
 * SERVICE_NAME_ENTRIES.find((e) => e.ssmCodes.includes("s3"))?.ceService; // "Amazon Simple Storage Service"
 */
export const SERVICE_NAME_ENTRIES: readonly ServiceNameEntry[] = [
  entry("Amazon Elastic Compute Cloud - Compute", ["ec2"], ["ec2", "amazon ec2", "aws ec2", "elastic compute cloud", "ec2 compute", "ec2 instances", "ec2 instance", "ec2-instances", "ec2 instance hours"], "instance hours only; EBS, NAT gateways, EC2 data transfer and snapshots are in \"EC2 - Other\""),
  entry("EC2 - Other", ["ebs", "ec2", "vpc"], ["ec2 other", "ec2-other", "ebs", "amazon ebs", "elastic block store", "ebs volumes", "ebs volume", "ebs snapshots", "ebs snapshot", "nat gateway", "nat gateways", "nat", "elastic ip", "elastic ips", "eip", "ec2 data transfer", "ec2 snapshots"], "EBS volumes and snapshots, NAT gateways, Elastic IPs and EC2 data transfer"),
  entry("Amazon Simple Storage Service", ["s3", "s3control", "s3outposts"], ["s3", "amazon s3", "aws s3", "simple storage service", "s3 storage", "s3 buckets", "buckets", "s3 glacier", "glacier deep archive", "s3 glacier deep archive", "s3 intelligent tiering"]),
  entry("Amazon Relational Database Service", ["rds", "aurora", "rds-data"], ["rds", "amazon rds", "aurora", "amazon aurora", "aurora serverless", "relational database service", "rds aurora", "postgres rds", "mysql rds"]),
  entry("AWS Lambda", ["lambda"], ["lambda", "lambdas", "lambda functions", "aws lambda functions"]),
  entry("Amazon DynamoDB", ["dynamodb", "dax", "dynamodbstreams"], ["dynamodb", "dynamo", "dynamo db", "ddb", "dax"]),
  entry("Amazon CloudFront", ["cloudfront"], ["cloudfront", "cloud front", "cdn"]),
  entry("Amazon Route 53", ["route53", "route53resolver", "route53profiles"], ["route 53", "route53", "route-53", "dns"]),
  entry("Amazon Registrar", ["route53domains"], ["registrar", "domain registration", "domain registrations", "route 53 domains", "domains"]),
  entry("AWS Key Management Service", ["kms"], ["kms", "key management service", "aws kms"]),
  entry("AmazonCloudWatch", ["cloudwatch", "logs", "synthetics", "application-insights"], ["cloudwatch", "cloud watch", "amazon cloudwatch", "cloudwatch logs", "cw logs", "cloudwatch metrics", "cloudwatch alarms"]),
  entry("CloudWatch Events", ["events", "eventbridge"], ["eventbridge", "event bridge", "amazon eventbridge", "cloudwatch events"]),
  entry("Amazon Elastic Container Service", ["ecs", "fargate"], ["ecs", "amazon ecs", "elastic container service", "ecs fargate"]),
  entry("Amazon Elastic Container Service for Kubernetes", ["eks"], ["eks", "amazon eks", "k8s", "kubernetes", "elastic kubernetes service", "amazon elastic kubernetes service"]),
  entry("Amazon EC2 Container Registry (ECR)", ["ecr", "ecr-public"], ["ecr", "amazon ecr", "elastic container registry", "amazon elastic container registry", "container registry"]),
  entry("Amazon SageMaker", ["sagemaker", "sagemaker-runtime"], ["sagemaker", "sage maker", "amazon sagemaker ai", "sagemaker ai"]),
  entry("Amazon Bedrock", ["bedrock", "bedrock-runtime", "bedrock-agentcore"], ["bedrock", "aws bedrock"]),
  entry("Amazon Virtual Private Cloud", ["vpc", "privatelink", "vpn"], ["vpc", "amazon vpc", "virtual private cloud", "vpc endpoints", "privatelink", "public ipv4", "ipv4 addresses", "site-to-site vpn", "vpn"]),
  entry("Amazon ElastiCache", ["elasticache"], ["elasticache", "elasti cache", "redis", "memcached", "valkey"]),
  entry("Amazon OpenSearch Service", ["es", "opensearchserverless", "osis"], ["opensearch", "open search", "amazon opensearch", "elasticsearch", "elasticsearch service", "amazon elasticsearch service", "opensearch serverless", "amazon es"]),
  entry("Amazon Simple Queue Service", ["sqs"], ["sqs", "amazon sqs", "simple queue service", "queues"]),
  entry("Amazon Simple Notification Service", ["sns"], ["sns", "amazon sns", "simple notification service"]),
  entry("Amazon Simple Email Service", ["ses"], ["ses", "amazon ses", "simple email service", "email service"]),
  entry("AWS Glue", ["glue", "databrew"], ["glue", "aws glue", "glue jobs", "glue crawlers", "glue databrew"]),
  entry("Amazon Athena", ["athena"], ["athena"]),
  entry("Amazon Redshift", ["redshift", "redshift-serverless", "redshift-data"], ["redshift", "redshift serverless", "amazon redshift serverless"]),
  entry("Amazon Kinesis", ["kinesis"], ["kinesis", "kinesis data streams", "kinesis streams"]),
  entry("Amazon Kinesis Firehose", ["firehose"], ["firehose", "kinesis firehose", "data firehose", "amazon data firehose"]),
  entry("Amazon Kinesis Analytics", ["kinesisanalytics"], ["kinesis analytics", "managed service for apache flink", "managed flink"]),
  entry("Amazon Kinesis Video Streams", ["kinesisvideo"], ["kinesis video", "kinesis video streams"]),
  entry("AWS Step Functions", ["stepfunctions"], ["step functions", "stepfunctions", "sfn", "state machines"]),
  entry("Amazon API Gateway", ["apigateway", "apigatewayv2", "apigatewaymanagementapi"], ["api gateway", "apigateway", "apigw", "api gw", "http api", "rest api", "websocket api"]),
  entry("AWS Secrets Manager", ["secretsmanager"], ["secrets manager", "secretsmanager", "secrets"]),
  entry("Amazon Elastic File System", ["efs"], ["efs", "amazon efs", "elastic file system"]),
  entry("Amazon FSx", ["fsx", "fsx-lustre", "fsx-ontap", "fsx-openzfs", "fsx-windows"], ["fsx", "fsx for lustre", "fsx for windows", "fsx for ontap", "fsx for openzfs"]),
  entry("AWS WAF", ["waf", "waf-regional"], ["waf", "aws waf", "web application firewall", "waf v2", "wafv2"]),
  entry("AWS Shield", ["shield"], ["shield", "shield advanced", "aws shield"]),
  entry("AWS Firewall Manager", ["fms"], ["firewall manager", "fms"]),
  entry("AWS Network Firewall", ["network-firewall"], ["network firewall"]),
  entry("AWS Backup", ["backup", "backup-gateway"], ["backup", "aws backup", "backups"]),
  entry("Amazon GuardDuty", ["guardduty"], ["guardduty", "guard duty"]),
  entry("AWS Config", ["config"], ["config", "aws config", "config rules"]),
  entry("AWS CloudTrail", ["cloudtrail", "cloudtrail-data"], ["cloudtrail", "cloud trail", "cloudtrail lake"]),
  entry("AWS Security Hub", ["securityhub"], ["security hub", "securityhub"]),
  entry("Amazon Inspector", ["inspector2", "inspector", "inspector-scan"], ["inspector", "amazon inspector"]),
  entry("Amazon Macie", ["macie"], ["macie"]),
  entry("Amazon Detective", ["detective"], ["amazon detective"]),
  entry("Amazon Cognito", ["cognito-idp", "cognito-identity", "cognito-sync"], ["cognito", "cognito user pools", "user pools"]),
  entry("AWS Certificate Manager", ["acm", "acm-pca"], ["acm", "certificate manager", "certificates", "private ca"]),
  entry("AWS Systems Manager", ["ssm", "ssm-contacts", "ssm-incidents", "ssm-sap", "ssm-quicksetup"], ["systems manager", "ssm", "parameter store", "session manager"]),
  entry("AWS Directory Service", ["ds"], ["directory service", "aws directory service", "managed microsoft ad", "aws managed ad"]),
  entry("AWS CloudFormation", ["cloudformation"], ["cloudformation", "cloud formation", "cfn"]),
  entry("AWS X-Ray", ["xray"], ["x-ray", "xray", "x ray"]),
  entry("Amazon Elastic Load Balancing", ["elb"], ["elb", "elbv2", "load balancer", "load balancers", "load balancing", "elastic load balancing", "alb", "nlb", "application load balancer", "network load balancer", "gateway load balancer"]),
  entry("AWS Global Accelerator", ["globalaccelerator"], ["global accelerator"]),
  entry("AWS Direct Connect", ["directconnect"], ["direct connect", "directconnect", "dx"]),
  entry("AWS Transfer Family", ["transfer"], ["transfer family", "aws transfer", "sftp"]),
  entry("AWS DataSync", ["datasync"], ["datasync", "data sync"]),
  entry("AWS Database Migration Service", ["dms"], ["dms", "database migration service"]),
  entry("AWS Storage Gateway", ["storagegateway"], ["storage gateway"]),
  entry("Amazon Glacier", ["glacier"], ["glacier", "s3 glacier vaults", "glacier vaults"]),
  entry("Amazon Elastic MapReduce", ["emr", "emr-containers", "emr-serverless"], ["emr", "amazon emr", "elastic mapreduce", "emr serverless", "map reduce", "mapreduce"]),
  entry("Amazon Managed Streaming for Apache Kafka", ["kafka", "kafkaconnect"], ["msk", "amazon msk", "managed kafka", "kafka", "managed streaming for kafka"]),
  entry("Amazon MQ", ["mq"], ["amazon mq", "activemq", "rabbitmq"]),
  entry("Amazon DocumentDB (with MongoDB compatibility)", ["docdb"], ["documentdb", "docdb", "document db", "amazon documentdb"]),
  entry("Amazon Neptune", ["neptune", "neptune-graph"], ["neptune"]),
  entry("Amazon Timestream", ["timestream", "timestream-query", "timestream-write", "timestream-influxdb"], ["timestream"]),
  entry("Amazon Lightsail", ["lightsail"], ["lightsail"]),
  entry("AWS Amplify", ["amplify", "amplifybackend", "amplifyuibuilder"], ["amplify", "amplify hosting"]),
  entry("AWS AppSync", ["appsync"], ["appsync", "app sync", "graphql api"]),
  entry("AWS App Runner", ["apprunner"], ["app runner", "apprunner"]),
  entry("AWS CodeBuild", ["codebuild"], ["codebuild", "code build"]),
  entry("AWS CodePipeline", ["codepipeline"], ["codepipeline", "code pipeline"]),
  entry("AWS CodeCommit", ["codecommit"], ["codecommit", "code commit"]),
  entry("AWS CodeArtifact", ["codeartifact"], ["codeartifact", "code artifact"]),
  entry("Amazon QuickSight", ["quicksight"], ["quicksight", "quick sight"]),
  entry("Amazon Managed Grafana", ["grafana"], ["grafana", "managed grafana"]),
  entry("Amazon Managed Service for Prometheus", ["aps"], ["prometheus", "managed prometheus", "amp"]),
  entry("Amazon Managed Workflows for Apache Airflow", ["mwaa"], ["mwaa", "airflow", "managed airflow"]),
  entry("Amazon Rekognition", ["rekognition"], ["rekognition"]),
  entry("Amazon Textract", ["textract"], ["textract"]),
  entry("Amazon Comprehend", ["comprehend", "comprehendmedical"], ["amazon comprehend"]),
  entry("Amazon Translate", ["translate"], ["amazon translate"]),
  entry("Amazon Transcribe", ["transcribe"], ["transcribe"]),
  entry("Amazon Polly", ["polly"], ["polly"]),
  entry("Amazon Lex", ["lex-runtime", "lexv2-models"], ["amazon lex"]),
  entry("Amazon Kendra", ["kendra", "kendra-ranking"], ["kendra"]),
  entry("Amazon Connect", ["connect", "connectcampaigns", "connectcases", "connectparticipant", "customer-profiles", "wisdom"], ["amazon connect"]),
  entry("Amazon WorkSpaces", ["workspaces", "workspaces-web", "thinclient"], ["workspaces", "work spaces"]),
  entry("Amazon AppStream", ["appstream"], ["appstream", "app stream"]),
  entry("AWS IoT", ["iot", "iot-data", "iotdevicemanagement", "iotdevicedefender"], ["iot", "iot core", "aws iot core"]),
  entry("Amazon Location Service", ["amazonlocationservice"], ["location service"]),
  entry("AWS Cost Explorer", ["costexplorer"], ["cost explorer", "cost explorer api", "ce api"]),
  entry("Amazon Q", ["qbusiness", "qdeveloper"], ["amazon q", "q developer", "q business"]),
  entry("Savings Plans for AWS Compute usage", ["savingsplans"], ["compute savings plans", "savings plans fees", "savings plan fees"]),
  entry("Tax", [], ["tax", "taxes", "vat", "sales tax"]),
  entry("AWS Support (Business)", ["support"], ["business support", "support business"]),
  entry("AWS Support (Developer)", ["support"], ["developer support", "support developer"]),
  entry("AWS Support (Enterprise)", ["support"], ["enterprise support", "support enterprise"]),
  entry("AWS Support (Enterprise On-Ramp)", ["support"], ["enterprise on-ramp support", "enterprise on ramp support", "support enterprise on-ramp"]),
];

/** Aliases that stand for several SERVICE values at once. */
const GROUP_ALIASES: ReadonlyArray<{ alias: string; values: readonly string[] }> = [
  { alias: "support", values: ["AWS Support (Business)", "AWS Support (Developer)", "AWS Support (Enterprise)", "AWS Support (Enterprise On-Ramp)"] },
  { alias: "aws support", values: ["AWS Support (Business)", "AWS Support (Developer)", "AWS Support (Enterprise)", "AWS Support (Enterprise On-Ramp)"] },
  { alias: "premium support", values: ["AWS Support (Business)", "AWS Support (Developer)", "AWS Support (Enterprise)", "AWS Support (Enterprise On-Ramp)"] },
  { alias: "all ec2", values: ["Amazon Elastic Compute Cloud - Compute", "EC2 - Other"] },
  { alias: "ec2 total", values: ["Amazon Elastic Compute Cloud - Compute", "EC2 - Other"] },
  { alias: "ec2 all", values: ["Amazon Elastic Compute Cloud - Compute", "EC2 - Other"] },
  { alias: "fargate", values: ["Amazon Elastic Container Service", "Amazon Elastic Container Service for Kubernetes"] },
  { alias: "aws fargate", values: ["Amazon Elastic Container Service", "Amazon Elastic Container Service for Kubernetes"] },
  { alias: "kinesis all", values: ["Amazon Kinesis", "Amazon Kinesis Firehose", "Amazon Kinesis Analytics", "Amazon Kinesis Video Streams"] },
];

/**
 * Normalise a service name for matching: lower case, "&" as "and", every run of other punctuation and
 * spaces as one space.
 *
 * @example
 * normalizeServiceName("  EC2 - Other "); // "ec2 other"
 */
export function normalizeServiceName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * How {@link resolveServiceName} matched: exact SERVICE value, alias, SSM code, group alias, a value
 * from GetDimensionValues, or a fuzzy match against those values.
 *
 * @example
 * const kind: ServiceMatchKind = "alias";
 */
export type ServiceMatchKind = "exact" | "alias" | "ssmCode" | "group" | "known" | "fuzzy";

/**
 * A resolved service name: `value` is the (first) SERVICE value; `values` lists all of them (several for
 * group aliases such as "support").
 *
 * @example
 * const match: ServiceMatch = { value: "AWS Lambda", values: ["AWS Lambda"], matchedBy: "alias" };
 */
export interface ServiceMatch {
  value: string;
  values: string[];
  matchedBy: ServiceMatchKind;
  /** Similarity in 0..1 for fuzzy matches. */
  score?: number;
}

interface IndexedName {
  values: readonly string[];
  matchedBy: ServiceMatchKind;
}

// Everyday words that must not be read as a service name in free text.
const AMBIGUOUS_WORDS: ReadonlySet<string> = new Set(["transfer", "connect", "events", "translate", "detective", "comprehend", "support", "ds", "es", "aps", "q"]);

function buildIndex(): ReadonlyMap<string, IndexedName> {
  const index = new Map<string, IndexedName>();
  const add = (name: string, values: readonly string[], matchedBy: ServiceMatchKind): void => {
    const key = normalizeServiceName(name);
    if (key && !index.has(key)) index.set(key, { values, matchedBy });
  };
  // Exact names first so that they win over any alias spelled the same way.
  for (const e of SERVICE_NAME_ENTRIES) add(e.ceService, [e.ceService], "exact");
  for (const e of SERVICE_NAME_ENTRIES) {
    const bare = e.ceService.replace(/^(amazon|aws)\s*/i, "");
    if (bare !== e.ceService && !AMBIGUOUS_WORDS.has(normalizeServiceName(bare))) add(bare, [e.ceService], "alias");
  }
  for (const g of GROUP_ALIASES) add(g.alias, g.values, "group");
  for (const e of SERVICE_NAME_ENTRIES) for (const alias of e.aliases) add(alias, [e.ceService], "alias");
  // Primary SSM codes only (a secondary code such as "vpc" under "EC2 - Other" would be surprising), and
  // not the codes that are everyday words ("transfer" in "data transfer" is not AWS Transfer Family).
  for (const e of SERVICE_NAME_ENTRIES) {
    const primary = e.ssmCodes[0];
    if (primary !== undefined && !AMBIGUOUS_WORDS.has(primary) && !index.has(normalizeServiceName(primary))) add(primary, [e.ceService], "ssmCode");
  }
  return index;
}

// Immutable lookup data, built once from the constant table above.
const SERVICE_INDEX = buildIndex();

/**
 * Longest alias, in words, of the static mapping (bounds phrase scanning).
 *
 * @example
 * MAX_SERVICE_ALIAS_WORDS >= 5; // true
 */
export const MAX_SERVICE_ALIAS_WORDS = Math.max(...[...SERVICE_INDEX.keys()].map((key) => key.split(" ").length));

/**
 * Resolve a name against the static mapping: exact Cost Explorer names, aliases and SSM codes,
 * case- and space-insensitively (a trailing plural "s" is tolerated). Returns undefined when unknown.
 *
 * @example
 * resolveServiceName("EC2")?.value;           // "Amazon Elastic Compute Cloud - Compute"
 * resolveServiceName("nat gateway")?.value;   // "EC2 - Other"
 * resolveServiceName("amazon s3")?.matchedBy; // "alias"
 */
export function resolveServiceName(text: string): ServiceMatch | undefined {
  const key = normalizeServiceName(text);
  if (!key) return undefined;
  const found = SERVICE_INDEX.get(key) ?? (key.length > 4 && key.endsWith("s") ? SERVICE_INDEX.get(key.slice(0, -1)) : undefined);
  if (!found) return undefined;
  const [value] = found.values;
  if (value === undefined) return undefined;
  return { value, values: [...found.values], matchedBy: found.matchedBy };
}

const CE_TO_ENTRY: ReadonlyMap<string, ServiceNameEntry> = new Map(SERVICE_NAME_ENTRIES.map((e) => [e.ceService, e]));

/**
 * The primary SSM service code of a Cost Explorer SERVICE value (undefined for values without one,
 * such as "Tax", or unknown values).
 *
 * @example
 * ceServiceToSsmCode("Amazon Elastic Compute Cloud - Compute"); // "ec2"
 * ceServiceToSsmCode("EC2 - Other");                            // "ebs"
 */
export function ceServiceToSsmCode(ceService: string): string | undefined {
  return CE_TO_ENTRY.get(ceService)?.ssmCodes[0];
}

/**
 * Every Cost Explorer SERVICE value that bills an SSM service code, primary value first.
 *
 * @example
 * ssmCodeToCeServices("ec2"); // ["Amazon Elastic Compute Cloud - Compute", "EC2 - Other"]
 * ssmCodeToCeServices("aurora"); // ["Amazon Relational Database Service"]
 */
export function ssmCodeToCeServices(ssmCode: string): string[] {
  const code = ssmCode.trim().toLowerCase();
  const primary: string[] = [];
  const secondary: string[] = [];
  for (const e of SERVICE_NAME_ENTRIES) {
    const index = e.ssmCodes.indexOf(code);
    if (index === 0) primary.push(e.ceService);
    else if (index > 0) secondary.push(e.ceService);
  }
  return [...primary, ...secondary];
}

/**
 * The static entry of a Cost Explorer SERVICE value, if the mapping knows it.
 *
 * @example
 * getServiceNameEntry("EC2 - Other")?.note;
 */
export function getServiceNameEntry(ceService: string): ServiceNameEntry | undefined {
  return CE_TO_ENTRY.get(ceService);
}

// ---------------------------------------------------------------------------------------------------
// Fuzzy matching against values from GetDimensionValues
// ---------------------------------------------------------------------------------------------------

const FILLER_WORDS = new Set(["amazon", "aws", "service", "the", "for", "and", "with"]);

function significantWords(normalized: string): string[] {
  return normalized.split(" ").filter((word) => word && !FILLER_WORDS.has(word));
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const compact = text.replace(/ /g, "");
  for (let i = 0; i < compact.length - 1; i++) {
    const gram = compact.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

function dice(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let total = 0;
  let common = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [gram, n] of ga) common += Math.min(n, gb.get(gram) ?? 0);
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * Similarity in 0..1 between what someone typed and a SERVICE value: 1 when every typed word starts a
 * word of the value, else bigram (Dice) similarity of the significant words.
 *
 * @example
 * serviceNameSimilarity("timestream", "Amazon Timestream"); // 1
 */
export function serviceNameSimilarity(text: string, ceService: string): number {
  const typed = significantWords(normalizeServiceName(text));
  const value = significantWords(normalizeServiceName(ceService));
  if (typed.length === 0 || value.length === 0) return 0;
  if (typed.every((word) => value.some((candidate) => candidate.startsWith(word)))) {
    // Prefer values that have few words beyond the typed ones.
    return 1 - Math.min(0.2, (value.length - typed.length) * 0.02);
  }
  return dice(typed.join(" "), value.join(" "));
}

/**
 * Options for {@link createServiceResolver}.
 *
 * @example
 * const options: ServiceResolverOptions = { knownValues: async () => ["Amazon Timestream"] };
 */
export interface ServiceResolverOptions {
  /**
   * Fetches the SERVICE values Cost Explorer knows (GetDimensionValues, injected by the caller). Called at
   * most once per resolver while it succeeds; a failed fetch is retried on the next lookup.
   */
  knownValues?: (options: { signal?: AbortSignal }) => Promise<readonly string[]>;
  /** Minimum similarity for a fuzzy match (default 0.72). */
  minScore?: number;
}

/**
 * Options of one {@link ServiceResolver.resolve} call.
 *
 * @example
 * await resolver.resolve("timestream", { signal });
 */
export interface ResolveServiceOptions {
  signal?: AbortSignal;
}

/**
 * Resolves service names: static mapping first, then the values Cost Explorer returned.
 *
 * @example
 * const match = await resolver.resolve("timestream");
 */
export interface ServiceResolver {
  /** Resolve one name; undefined when neither the mapping nor the known values have it. */
  resolve(text: string, options?: ResolveServiceOptions): Promise<ServiceMatch | undefined>;
  /** The closest known values, best first (for "did you mean" hints). */
  suggest(text: string, options?: ResolveServiceOptions & { limit?: number }): Promise<string[]>;
}

/**
 * Create a resolver that uses the static mapping and falls back to exact then fuzzy matching against
 * the SERVICE values from `knownValues` (fetched once and cached inside this resolver instance).
 *
 * @example
 * const resolver = createServiceResolver({ knownValues: ({ signal }) => costExplorer.serviceValues({ signal }) });
 * (await resolver.resolve("Amazon Timestream"))?.matchedBy; // "known"
 */
export function createServiceResolver(options: ServiceResolverOptions = {}): ServiceResolver {
  const minScore = options.minScore ?? 0.72;
  let cached: Promise<readonly string[]> | undefined;

  const known = async (signal?: AbortSignal): Promise<readonly string[]> => {
    if (!options.knownValues) return [];
    cached ??= options.knownValues(signal === undefined ? {} : { signal });
    try {
      return await cached;
    } catch (error) {
      cached = undefined;
      throw error;
    }
  };

  const ranked = (text: string, values: readonly string[]): Array<{ value: string; score: number }> =>
    values
      .map((value) => ({ value, score: serviceNameSimilarity(text, value) }))
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => b.score - a.score || a.value.localeCompare(b.value));

  return {
    async resolve(text, callOptions = {}) {
      const fromMapping = resolveServiceName(text);
      if (fromMapping) return fromMapping;
      const key = normalizeServiceName(text);
      if (!key || !options.knownValues) return undefined;
      const values = await known(callOptions.signal);
      const exact = values.find((value) => normalizeServiceName(value) === key);
      if (exact !== undefined) return { value: exact, values: [exact], matchedBy: "known" };
      const [best, second] = ranked(text, values);
      if (!best || best.score < minScore) return undefined;
      // Refuse to guess between two equally good candidates.
      if (second && best.score - second.score < 0.02) return undefined;
      return { value: best.value, values: [best.value], matchedBy: "fuzzy", score: Math.round(best.score * 100) / 100 };
    },
    async suggest(text, callOptions = {}) {
      const values = new Set<string>([...SERVICE_NAME_ENTRIES.map((e) => e.ceService), ...(await known(callOptions.signal))]);
      return ranked(text, [...values])
        .filter((candidate) => candidate.score >= 0.4)
        .slice(0, callOptions.limit ?? 5)
        .map((candidate) => candidate.value);
    },
  };
}
