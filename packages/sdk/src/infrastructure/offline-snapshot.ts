import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AtlasError } from "../errors.js";
import type { Snapshot } from "./snapshot.js";

/** The file, inside the package, that holds the bundled snapshot. */
export const OFFLINE_SNAPSHOT_FILE = "data/offline-snapshot.json";

interface StoredSnapshot extends Omit<Snapshot, "startedAt" | "finishedAt"> {
  startedAt: string;
  finishedAt: string;
}

/**
 * The snapshot bundled with the package (a complete scan of AWS's published global-infrastructure data),
 * for reports without AWS access (`report --offline`).
 *
 * @example
 * const snapshot = loadOfflineSnapshot();
 * snapshot.source; // "offline"
 */
export function loadOfflineSnapshot(): Snapshot {
  const file = join(packageRoot(), OFFLINE_SNAPSHOT_FILE);
  if (!existsSync(file)) {
    throw new AtlasError("NOT_FOUND", `The bundled snapshot ${file} is missing`, { hint: "Reinstall @aws-atlas/sdk." });
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as StoredSnapshot;
  return { ...stored, source: "offline", startedAt: new Date(stored.startedAt), finishedAt: new Date(stored.finishedAt) };
}

/** Serialise a snapshot in the bundled format (used by the script that refreshes it). */
export function serializeOfflineSnapshot(snapshot: Snapshot): string {
  const { regions, services, availability, ...rest } = snapshot;
  const lines = [
    "{",
    ...Object.entries({ ...rest, source: "offline" }).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    `  "regions": [\n${regions.map((r) => `    ${JSON.stringify(r)}`).join(",\n")}\n  ],`,
    `  "services": [\n${services.map((s) => `    ${JSON.stringify(s)}`).join(",\n")}\n  ],`,
    `  "availability": {\n${Object.entries(availability).map(([r, list]) => `    ${JSON.stringify(r)}: ${JSON.stringify(list)}`).join(",\n")}\n  }`,
    "}",
  ];
  return lines.join("\n") + "\n";
}

function packageRoot(): string {
  // Resolvable when the SDK is installed (also when an application bundles it); else walk up from here.
  try {
    return dirname(createRequire(import.meta.url).resolve("@aws-atlas/sdk/package.json"));
  } catch {
    // not resolvable from this location: fall through
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "@aws-atlas/sdk") return dir;
    dir = dirname(dir);
  }
  throw new AtlasError("INTERNAL", "Cannot find the @aws-atlas/sdk package folder");
}
