import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGlobalInfrastructure, type AwsServer, type GlobalInfrastructureData } from "@aws-atlas/testkit";
import { copySqlite, createCli, lines, scratchDir, stackFrames, startFastServer } from "./helpers.js";

const SCAN_KEYS = [
  "scanId",
  "startedAt",
  "finishedAt",
  "complete",
  "regions",
  "services",
  "pairs",
  "apiCalls",
  "throttled",
  "retries",
  "durationMs",
  "failures",
].sort();

const REGION_KEYS = [
  "code",
  "name",
  "partition",
  "domain",
  "geolocationCountry",
  "geolocationRegion",
  "availabilityZones",
  "localZones",
  "serviceCount",
  "launchDate",
].sort();

interface ScanJson {
  scanId: number;
  complete: boolean;
  regions: number;
  services: number;
  pairs: number;
  apiCalls: number;
  throttled: number;
  retries: number;
  durationMs: number;
  failures: { path: string; code: string; message: string }[];
}
interface RegionJson {
  code: string;
  name: string;
  serviceCount: number;
  launchDate: string | null;
  availabilityZones: string[];
}
interface ServiceJson {
  code: string;
  name: string;
  regionCount: number;
  regions: string[];
}
interface WhereJson {
  service: string;
  name: string;
  available: string[];
  unavailable: string[];
}

/** What the testkit serves, seen the way a scan sees it (the `regions/{r}/services` half). */
function expectedFrom(data: GlobalInfrastructureData) {
  const regions = Object.keys(data.regions).sort();
  const services = new Set<string>();
  let pairs = 0;
  for (const region of Object.values(data.regions)) {
    pairs += region.services.length;
    for (const s of region.services) services.add(s);
  }
  const serviceName = (code: string) => data.services[code]?.longName ?? code;
  const regionName = (code: string) => data.regions[code]?.longName ?? code;
  const offers = (region: string, service: string) => data.regions[region]?.services.includes(service) ?? false;
  return { regions, services, pairs, serviceName, regionName, offers };
}

function glob(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|\\/-]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "i");
}

const DATA = loadGlobalInfrastructure();
const EXPECTED = expectedFrom(DATA);

describe("availability commands against the testkit", () => {
  let server: AwsServer;
  let scratch: ReturnType<typeof scratchDir>;
  let baseFile: string;
  let cli: ReturnType<typeof createCli>;
  let firstScan: { code: number; stdout: string; stderr: string };
  let n = 0;
  /** A fresh database holding a copy of the first scan. */
  const copyOfFirstScan = () => copySqlite(baseFile, join(scratch.dir, `copy-${++n}.db`));
  const requests = () => server.stats().totals.requests;

  beforeAll(async () => {
    server = await startFastServer();
    scratch = scratchDir();
    baseFile = join(scratch.dir, "base.db");
    cli = createCli({ server, db: `sqlite:${baseFile}`, dir: scratch.dir });
    firstScan = await cli(["scan", "--json"]);
  });

  afterAll(async () => {
    await server.stop();
    scratch.cleanup();
  });

  it("scan --json prints exactly the contract's keys, with the testkit's numbers", () => {
    expect(firstScan.code).toBe(0);
    const summary = JSON.parse(firstScan.stdout) as ScanJson;
    expect(Object.keys(summary).sort()).toEqual(SCAN_KEYS);
    expect(summary).toMatchObject({
      scanId: 1,
      complete: true,
      regions: 39,
      services: EXPECTED.services.size,
      pairs: 9097,
      throttled: 0,
      retries: 0,
      failures: [],
    });
    expect(summary.regions).toBe(EXPECTED.regions.length);
    expect(summary.pairs).toBe(EXPECTED.pairs);
    // every call the CLI counted reached the server, and the plan stays near the ~1,030-call minimum
    expect(summary.apiCalls).toBe(requests());
    expect(summary.apiCalls).toBeLessThan(1100);
    expect(stackFrames(firstScan.stderr)).toEqual([]);
  });

  it("answers regions, services, where and region from the stored scan without calling AWS", async () => {
    const before = requests();

    const regions = await cli(["regions", "--json"]);
    expect(regions.code).toBe(0);
    const regionRows = regions.json<RegionJson[]>();
    expect(regionRows.map((r) => r.code).sort()).toEqual(EXPECTED.regions);
    for (const row of regionRows) {
      expect(Object.keys(row).sort()).toEqual(REGION_KEYS);
      expect(row.serviceCount).toBe(DATA.regions[row.code]?.services.length);
      expect(row.name).toBe(EXPECTED.regionName(row.code));
      expect(row.launchDate === null || /^\d{4}-\d{2}-\d{2}$/.test(row.launchDate)).toBe(true);
    }
    expect(regionRows.find((r) => r.code === "us-east-1")?.launchDate).toMatch(/^2006-/);

    const services = await cli(["services", "--json"]);
    expect(services.code).toBe(0);
    const serviceRows = services.json<ServiceJson[]>();
    expect(serviceRows).toHaveLength(EXPECTED.services.size);
    for (const row of serviceRows) {
      expect(Object.keys(row).sort()).toEqual(["code", "name", "regionCount", "regions"]);
      expect(row.regionCount).toBe(row.regions.length);
    }
    const bedrockRow = serviceRows.find((s) => s.code === "bedrock");
    expect(bedrockRow?.regions.sort()).toEqual(EXPECTED.regions.filter((r) => EXPECTED.offers(r, "bedrock")));

    const where = await cli(["where", "bedrock", "--json"]);
    expect(where.code).toBe(0);
    expect(where.json()).toEqual([
      {
        service: "bedrock",
        name: "Amazon Bedrock",
        available: EXPECTED.regions.filter((r) => EXPECTED.offers(r, "bedrock")),
        unavailable: EXPECTED.regions.filter((r) => !EXPECTED.offers(r, "bedrock")),
      },
    ]);

    const region = await cli(["region", "eu-west-1", "--json"]);
    expect(region.code).toBe(0);
    const detail = region.json<RegionJson & { services: { code: string; name: string }[] }>();
    expect(detail).toMatchObject({ code: "eu-west-1", name: "Europe (Ireland)", partition: "aws" });
    expect(detail.services.map((s) => s.code).sort()).toEqual([...(DATA.regions["eu-west-1"]?.services ?? [])].sort());
    expect(detail.availabilityZones).toEqual(DATA.regions["eu-west-1"]?.availabilityZones);

    expect(requests()).toBe(before);
  });

  it("region with an unknown code exits 2 with one line that lists the known regions", async () => {
    const run = await cli(["region", "nope"]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^error: Region "nope" is not in the latest scan\. Known regions: af-south-1, /)]);
    const json = await cli(["region", "nope", "--json"]);
    expect(json.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.stringContaining('Region "nope"') } });
    // a long name works as well as a code
    const byName = await cli(["region", "Europe (Ireland)", "--json"]);
    expect(byName.json<RegionJson>().code).toBe("eu-west-1");
  });

  it("draws no progress bar when stderr is not a terminal", () => {
    expect(firstScan.stderr).not.toContain("\r");
  });

  it("prints human tables and where answers as text", async () => {
    const where = await cli(["where", "bedrock", "ec2"]);
    expect(where.code).toBe(0);
    expect(where.stdout).toContain("bedrock (Amazon Bedrock): available in 36 of 39 regions");
    expect(where.stdout).toMatch(/^ec2 \(.+\): available in \d+ of 39 regions/m);
    const regions = await cli(["regions"]);
    expect(lines(regions.stdout)).toHaveLength(40);
    expect(regions.stdout.split("\n")[0]).toMatch(/^CODE\s+NAME\s+PARTITION/);
  });

  it("applies --include-regions, --exclude-services and --min-services as documented", async () => {
    const include = glob("eu-*");
    // no service of the testkit's data mentions "gov"; SageMaker's do, by code and by name
    const excludes = ["*gov*", "*SageMaker*"].map(glob);
    const excluded = (s: string) => excludes.some((g) => g.test(s) || g.test(EXPECTED.serviceName(s)));
    const keptServices = [...EXPECTED.services].filter((s) => !excluded(s));
    expect(keptServices.length).toBeLessThan(EXPECTED.services.size);
    const counts = EXPECTED.regions
      .filter((r) => include.test(r) || include.test(EXPECTED.regionName(r)))
      .map((r) => ({ code: r, serviceCount: keptServices.filter((s) => EXPECTED.offers(r, s)).length }));
    // a threshold that keeps some EU regions and drops others
    const sorted = counts.map((c) => c.serviceCount).sort((a, b) => a - b);
    const min = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const expected = counts.filter((c) => c.serviceCount >= min);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(counts.length);

    const run = await cli(["regions", "--include-regions", "eu-*", "--exclude-services", "*gov*,*SageMaker*", "--min-services", String(min), "--json"]);
    expect(run.code).toBe(0);
    expect(run.json<RegionJson[]>().map((r) => ({ code: r.code, serviceCount: r.serviceCount }))).toEqual(expected);

    // a repeated flag adds globs, as a comma does
    const repeated = await cli(["regions", "--include-regions", "eu-*", "--include-regions", "us-*", "--json"]);
    expect(repeated.json<RegionJson[]>().map((r) => r.code)).toEqual(EXPECTED.regions.filter((r) => /^(eu|us)-/.test(r)));
    // services match code or long name, case-insensitively; several globs by comma
    const services = await cli(["services", "--include-services", "AMAZON BEDROCK,lambda", "--json"]);
    expect(services.json<ServiceJson[]>().map((s) => s.code).sort()).toEqual(["bedrock", "lambda"]);
    // regions match long names too; exclude comes after include
    const europe = await cli(["regions", "--include-regions", "Europe (*", "--exclude-regions", "eu-west-?", "--json"]);
    const europeCodes = europe.json<RegionJson[]>().map((r) => r.code);
    expect(europeCodes).toEqual(
      EXPECTED.regions.filter((r) => glob("Europe (*").test(EXPECTED.regionName(r)) && !glob("eu-west-?").test(r)),
    );
    expect(europeCodes).toContain("eu-central-1");
    expect(europeCodes).not.toContain("eu-west-1");
    // where with filters keeps only the remaining regions
    const where = await cli(["where", "bedrock", "--include-regions", "us-*", "--json"]);
    const [answer] = where.json<WhereJson[]>();
    expect([...(answer?.available ?? []), ...(answer?.unavailable ?? [])].every((r) => r.startsWith("us-"))).toBe(true);
  });

  it("uses the configuration's filters when no filter flag is given, and flags replace them", async () => {
    const project = scratchDir();
    try {
      writeFileSync(join(project.dir, "aws-atlas.yml"), "filters:\n  regions:\n    include: ['eu-*']\n  capacity:\n    min_services: 1\n");
      const configured = createCli({ server, db: `sqlite:${baseFile}`, dir: project.dir });
      const fromConfig = await configured(["regions", "--json"]);
      expect(fromConfig.code).toBe(0);
      expect(fromConfig.json<RegionJson[]>().map((r) => r.code)).toEqual(EXPECTED.regions.filter((r) => r.startsWith("eu-")));
      const fromFlags = await configured(["regions", "--include-regions", "us-*", "--json"]);
      expect(fromFlags.json<RegionJson[]>().map((r) => r.code)).toEqual(EXPECTED.regions.filter((r) => r.startsWith("us-")));
    } finally {
      project.cleanup();
    }
  });

  it("answers where with nothing stored in a handful of calls", async () => {
    const empty = createCli({ server, db: `sqlite:${join(scratch.dir, "empty.db")}`, dir: scratch.dir });
    const before = requests();
    const run = await empty(["where", "bedrock", "--json"]);
    const calls = requests() - before;
    expect(run.code).toBe(0);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(10);
    // a targeted question reads services/bedrock/regions, the other half of AWS's tree
    const bedrock = DATA.services.bedrock?.regions ?? [];
    expect(run.json()).toEqual([
      {
        service: "bedrock",
        name: "Amazon Bedrock",
        available: [...bedrock].sort(),
        unavailable: EXPECTED.regions.filter((r) => !bedrock.includes(r)),
      },
    ]);
    expect(run.stderr).toContain("asked AWS directly");
    // nothing was stored: the regions listing still needs a scan
    const regions = await empty(["regions"]);
    expect(regions.code).toBe(2);
    expect(regions.stderr).toContain('Run "aws-atlas scan" first');
  });

  it("diff reports exactly the pairs a later scan added and removed; history shows first and last seen", async () => {
    const db = copyOfFirstScan();
    const changed = loadGlobalInfrastructure();
    const remove = { region: "eu-west-1", service: "bedrock" };
    const add = { region: "ap-east-1", service: "bedrock" };
    const euWest1 = changed.regions[remove.region];
    const apEast1 = changed.regions[add.region];
    const bedrock = changed.services.bedrock;
    if (!euWest1 || !apEast1 || !bedrock) throw new Error("unexpected testkit data");
    expect(apEast1.services).not.toContain("bedrock");
    euWest1.services = euWest1.services.filter((s) => s !== "bedrock");
    apEast1.services.push("bedrock");
    bedrock.regions = [...bedrock.regions.filter((r) => r !== remove.region), add.region];
    server.setData({ ssm: changed });
    try {
      // on a terminal, a progress bar is drawn on stderr; stdout still holds only the JSON
      const second = await cli(["--db", db, "scan", "--json"], { stderrIsTTY: true });
      expect(second.code).toBe(0);
      expect(second.json<ScanJson>()).toMatchObject({ scanId: 2, complete: true, pairs: 9097 });
      expect(second.stderr).toContain("\r\u001b[2Kscanning ");
      expect(second.stderr).toMatch(/scanning .* \d+%/);
    } finally {
      server.setData({ ssm: loadGlobalInfrastructure() });
    }

    const diff = await cli(["--db", db, "diff", "--json"]);
    expect(diff.code).toBe(0);
    expect(diff.json()).toMatchObject({ fromScanId: 1, toScanId: 2, added: [add], removed: [remove] });
    const explicit = await cli(["--db", db, "diff", "--from", "1", "--to", "2"]);
    expect(explicit.stdout).toContain("Scan #1 -> #2: +1 / -1");
    expect(explicit.stdout).toContain("+ ap-east-1 bedrock");
    expect(explicit.stdout).toContain("- eu-west-1 bedrock");

    const history = await cli(["--db", db, "history", "bedrock", "--json"]);
    expect(history.code).toBe(0);
    type Interval = { region: string; firstSeen: { scanId: number }; lastSeen: { scanId: number }; current: boolean };
    const intervals = history.json<{ service: string; intervals: Interval[] }>().intervals;
    expect(intervals.find((i) => i.region === "eu-west-1")).toMatchObject({ firstSeen: { scanId: 1 }, lastSeen: { scanId: 1 }, current: false });
    expect(intervals.find((i) => i.region === "ap-east-1")).toMatchObject({ firstSeen: { scanId: 2 }, lastSeen: { scanId: 2 }, current: true });
    expect(intervals.find((i) => i.region === "us-east-1")).toMatchObject({ firstSeen: { scanId: 1 }, lastSeen: { scanId: 2 }, current: true });

    const one = await cli(["--db", db, "history", "bedrock", "--region", "eu-west-1", "--json"]);
    expect(one.json<{ intervals: Interval[] }>().intervals.map((i) => i.region)).toEqual(["eu-west-1"]);
    const text = await cli(["--db", db, "history", "bedrock", "--region", "eu-west-1"]);
    expect(text.stdout).toMatch(/eu-west-1\s+#1 \S+\s+#1 \S+\s+no/);
  });

  it("a partial scan exits 5 and lists its failures; where still answers from the last complete scan", async () => {
    const db = copyOfFirstScan();
    // a fresh fault sequence: the first call (the region list) succeeds, later ones fail at random
    server.reset();
    server.setFaults({ errorRate: 0.05 });
    let partial;
    try {
      partial = await cli(["--db", db, "scan", "--json"], { env: { AWS_ATLAS_PERFORMANCE__MAX_RETRIES: "0" } });
    } finally {
      server.setFaults({ errorRate: 0 });
    }
    expect(partial.code).toBe(5);
    const summary = partial.json<ScanJson>();
    expect(Object.keys(summary).sort()).toEqual(SCAN_KEYS);
    expect(summary.complete).toBe(false);
    expect(summary.failures.length).toBeGreaterThan(0);
    for (const failure of summary.failures) {
      expect(Object.keys(failure).sort()).toEqual(["code", "message", "path"]);
      expect(failure.path).toMatch(/^\/aws\/service\/global-infrastructure\//);
    }
    expect(summary.retries).toBe(0);

    const before = requests();
    const where = await cli(["--db", db, "where", "bedrock", "--json"]);
    expect(where.code).toBe(0);
    expect(where.json<WhereJson[]>()[0]?.available).toEqual(EXPECTED.regions.filter((r) => EXPECTED.offers(r, "bedrock")));
    expect(requests()).toBe(before);

    const status = await cli(["--db", db, "db", "status", "--json"]);
    expect(status.json()).toMatchObject({ latestScanId: 1, tables: { scans: 2 } });
  });

  it("a partial scan in text mode says so and lists the failed paths", async () => {
    const db = copyOfFirstScan();
    // a fresh fault sequence: the first call (the region list) succeeds, later ones fail at random
    server.reset();
    server.setFaults({ errorRate: 0.05 });
    let partial;
    try {
      partial = await cli(["--db", db, "scan"], { env: { AWS_ATLAS_PERFORMANCE__MAX_RETRIES: "0" } });
    } finally {
      server.setFaults({ errorRate: 0 });
    }
    expect(partial.code).toBe(5);
    expect(partial.stdout).toMatch(/^INCOMPLETE scan #2/);
    expect(partial.stdout).toMatch(/\d+ paths failed; this scan is kept for inspection/);
    expect(partial.stdout).toMatch(/^ {2}\/aws\/service\/global-infrastructure\/\S+: \S+ /m);
    expect(stackFrames(partial.stdout + partial.stderr)).toEqual([]);
  });

  it("with the endpoint down, scan exits 4 with one error line and the stored scan still answers", async () => {
    const db = copyOfFirstScan();
    server.setFaults({ down: true });
    let down;
    try {
      down = await cli(["--db", db, "scan"], { env: { AWS_ATLAS_PERFORMANCE__MAX_RETRIES: "1" } });
    } finally {
      server.setFaults({ down: false });
    }
    expect(down.code).toBe(4);
    expect(down.stdout).toBe("");
    const errorLines = lines(down.stderr).filter((l) => l.startsWith("error:"));
    expect(errorLines).toHaveLength(1);
    expect(stackFrames(down.stderr)).toEqual([]);

    const where = await cli(["--db", db, "where", "bedrock", "--json"]);
    expect(where.code).toBe(0);
    expect(where.json<WhereJson[]>()[0]?.available).toHaveLength(36);
  });
});
