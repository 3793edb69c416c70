import * as z from "zod";
import { AtlasError } from "../errors.js";
import type { Snapshot } from "../infrastructure/snapshot.js";
import { COLUMN_LIMITS as L } from "./schema.js";

const regionCode = z.string().min(1).max(L.regionCode);
const serviceCode = z.string().min(1).max(L.serviceCode);
const nullableText = (max: number) => z.string().max(max).nullable();
const count = z.number().int().nonnegative();

const regionSchema = z.object({
  code: regionCode,
  name: z.string().max(L.name),
  partition: z.string().max(L.partition),
  domain: nullableText(L.name),
  geolocationCountry: nullableText(L.short),
  geolocationRegion: nullableText(L.short),
  availabilityZones: z.array(z.string()),
  localZones: z.array(z.string()),
});

const serviceSchema = z.object({ code: serviceCode, name: z.string().max(L.name) });
const failureSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
const statsSchema = z.object({ apiCalls: count, throttled: count, retries: count, failures: count });

function snapshotShape<D extends z.ZodType<Date>>(date: D) {
  return z.object({
    startedAt: date,
    finishedAt: date,
    complete: z.boolean(),
    source: z.enum(["aws", "offline"]),
    regions: z.array(regionSchema),
    services: z.array(serviceSchema),
    availability: z.record(regionCode, z.array(serviceCode)),
    stats: statsSchema,
    failures: z.array(failureSchema),
  });
}

const snapshotSchema = snapshotShape(z.date());
const storedSnapshotSchema = snapshotShape(z.iso.datetime().transform((text) => new Date(text)));

/** JSON arrays of strings stored in text columns. */
export const stringArrayJson = z.array(z.string());
/** JSON of scan failures stored in `scans.failures`. */
export const failuresJson = z.array(failureSchema);

/**
 * Validate a snapshot before it is stored: shapes, column lengths, unique codes, no duplicate
 * pair. Throws INVALID_ARGUMENT naming the first problem.
 */
export function validateSnapshot(snapshot: Snapshot): Snapshot {
  const parsed = snapshotSchema.safeParse(snapshot);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AtlasError("INVALID_ARGUMENT", `Snapshot is invalid at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "?"}`);
  }
  const value = parsed.data;
  assertUnique(value.regions.map((r) => r.code), "region");
  assertUnique(value.services.map((s) => s.code), "service");
  for (const [region, services] of Object.entries(value.availability)) assertUnique(services, `service of region ${region}`);
  return value;
}

function assertUnique(codes: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) throw new AtlasError("INVALID_ARGUMENT", `Snapshot lists ${what} "${code}" twice`);
    seen.add(code);
  }
}

/** The JSON kept for an incomplete scan. */
export function snapshotToJson(snapshot: Snapshot): string {
  return JSON.stringify(snapshot);
}

/** Read back {@link snapshotToJson}. */
export function snapshotFromJson(text: string): Snapshot {
  return storedSnapshotSchema.parse(JSON.parse(text));
}
