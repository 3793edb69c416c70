import type { RegionInfo, ServiceInfo, Snapshot } from "../../infrastructure/snapshot.js";

/** A small deterministic PRNG (mulberry32), so child processes can rebuild the parent's fixtures. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const REGION_CODES = [
  "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
  "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1", "eu-central-1", "eu-central-2", "eu-north-1",
  "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
  "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
  "us-iso-east-1", "us-isob-east-1", "eusc-de-east-1",
].sort();

export function regionInfo(code: string, variant = 0): RegionInfo {
  const prefix = code.replace(/-/g, "").slice(0, 4);
  const partition = code.startsWith("cn-") ? "aws-cn" : code.startsWith("us-gov") ? "aws-us-gov" : code.includes("iso") ? "aws-iso" : "aws";
  return {
    code,
    name: variant === 0 ? `Region ${code}` : `Region ${code} (v${variant})`,
    partition,
    domain: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
    geolocationCountry: code.startsWith("us") ? "US" : code.slice(0, 2).toUpperCase(),
    geolocationRegion: code.endsWith("-1") ? null : `${code.slice(0, 2).toUpperCase()}-X`,
    availabilityZones: [1, 2, 3].slice(0, variant % 2 === 0 ? 3 : 2).map((n) => `${prefix}-az${n}`),
    localZones: code === "us-east-1" ? ["us-east-1-bos-1a", "us-east-1-mia-1a"] : [],
  };
}

export function serviceCodes(count: number): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) codes.push(`svc-${String(i).padStart(3, "0")}${i % 7 === 0 ? "-data" : ""}`);
  return codes.sort();
}

export interface FixtureOptions {
  regions?: number;
  services?: number;
  seed?: number;
  /** Share of pairs present (0..1). */
  density?: number;
  complete?: boolean;
  startedAt?: Date;
}

/**
 * A realistic-shaped snapshot: `regions` x `services` with a seeded subset of pairs.
 * The default (39 x 402, density 0.58) is about 9,100 pairs, like AWS today.
 */
export function makeSnapshot(options: FixtureOptions = {}): Snapshot {
  const random = createRandom(options.seed ?? 1);
  const regions = REGION_CODES.slice(0, options.regions ?? 39).map((code) => regionInfo(code));
  const codes = serviceCodes(options.services ?? 402);
  const services: ServiceInfo[] = codes.map((code, i) => ({ code, name: i % 11 === 0 ? code : `Amazon ${code.toUpperCase()}` }));
  const density = options.density ?? 0.58;
  const availability: Record<string, string[]> = {};
  for (const region of regions) availability[region.code] = codes.filter(() => random() < density);
  const startedAt = options.startedAt ?? new Date("2026-01-01T00:00:00.000Z");
  const complete = options.complete ?? true;
  return {
    startedAt,
    finishedAt: new Date(startedAt.getTime() + 61_234),
    complete,
    source: "aws",
    regions,
    services,
    availability,
    stats: { apiCalls: 1030, throttled: 3, retries: 4, failures: complete ? 0 : 1 },
    failures: complete ? [] : [{ path: "/aws/service/global-infrastructure/regions/us-east-1/services", code: "THROTTLED", message: "Rate exceeded" }],
  };
}

/** The i-th daily scan of a slowly changing world: a few pairs flip each day. */
export function evolveSnapshot(base: Snapshot, day: number, seed = 7): Snapshot {
  const random = createRandom(seed * 1000 + day);
  const availability: Record<string, string[]> = {};
  const allServices = base.services.map((s) => s.code);
  for (const [region, services] of Object.entries(base.availability)) {
    const set = new Set(services);
    for (let k = 0; k < 3; k++) {
      const service = allServices[Math.floor(random() * allServices.length)];
      if (service === undefined) continue;
      if (set.has(service)) set.delete(service);
      else set.add(service);
    }
    availability[region] = [...set].sort();
  }
  const startedAt = new Date(base.startedAt.getTime() + day * 86_400_000);
  return { ...base, startedAt, finishedAt: new Date(startedAt.getTime() + 61_234), availability };
}

/** The i-th snapshot a test child process with `seed` commits (39 regions x 150 services). */
export function childSnapshot(seed: number, i: number): Snapshot {
  return evolveSnapshot(makeSnapshot({ seed: 1, services: 150 }), seed * 100 + i + 1, seed);
}
