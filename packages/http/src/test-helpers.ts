// Shared set-up of this package's tests: a real Atlas over in-memory SQLite, seeded with real snapshots.
import {
  createAtlas,
  fixedClock,
  loadOfflineSnapshot,
  parseConfigDocument,
  type Atlas,
  type AtlasConfigInput,
  type Snapshot,
} from "@aws-atlas/sdk";

/** "Now" of every test atlas (after the bundled snapshot, which finished 2026-05-20). */
export const TEST_NOW = new Date("2026-06-15T12:00:00Z");

/** Options for {@link createTestAtlas}. */
export interface TestAtlasOptions {
  config?: AtlasConfigInput;
  env?: Record<string, string | undefined>;
  /** Commit these snapshots first (default: the bundled one, then {@link laterSnapshot}). */
  snapshots?: Snapshot[];
}

/**
 * A second complete snapshot a week after the bundled one: bedrock left eu-west-1, a service named with
 * HTML arrived in us-east-1 (to prove the dashboard escapes).
 */
export function laterSnapshot(base: Snapshot = loadOfflineSnapshot()): Snapshot {
  const availability = Object.fromEntries(Object.entries(base.availability).map(([region, codes]) => [region, [...codes]]));
  availability["eu-west-1"] = (availability["eu-west-1"] ?? []).filter((code) => code !== "bedrock");
  availability["us-east-1"] = [...(availability["us-east-1"] ?? []), "zz-evil"].sort();
  return {
    ...base,
    startedAt: new Date(base.startedAt.getTime() + 7 * 86_400_000),
    finishedAt: new Date(base.finishedAt.getTime() + 7 * 86_400_000),
    services: [...base.services, { code: "zz-evil", name: `<script>alert("x")</script> & 'friends'` }],
    availability,
  };
}

/**
 * A real Atlas over `sqlite::memory:` storage with the given snapshots committed. Close it after use.
 *
 * @example
 * const atlas = await createTestAtlas();
 */
export async function createTestAtlas(options: TestAtlasOptions = {}): Promise<Atlas> {
  const config = parseConfigDocument({ ...options.config, database: { url: "sqlite::memory:", ...options.config?.database } });
  const atlas = createAtlas({
    config,
    clock: fixedClock(TEST_NOW),
    env: { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", ...options.env },
  });
  const storage = await atlas.storage();
  const first = loadOfflineSnapshot();
  for (const snapshot of options.snapshots ?? [first, laterSnapshot(first)]) await storage.scans.commitScan(snapshot);
  return atlas;
}
