import type { Snapshot } from "./snapshot.js";

/** Where one service is offered (CONTRACTS.md `where SERVICE --json`). */
export interface ServiceAvailability {
  service: string;
  name: string;
  /** Region codes offering the service, sorted. */
  available: string[];
  /** The snapshot's other regions, sorted. */
  unavailable: string[];
}

/**
 * For each requested service (a code, or a long name, case-insensitive), the regions of the snapshot that
 * offer it and those that do not. A service the snapshot does not know is reported under its own text with
 * no region available.
 *
 * @example
 * whereAvailable(snapshot, ["bedrock"]); // [{ service: "bedrock", name: "Amazon Bedrock", available: [...], unavailable: [...] }]
 */
export function whereAvailable(snapshot: Snapshot, services: readonly string[]): ServiceAvailability[] {
  const byKey = new Map<string, { code: string; name: string }>();
  for (const s of snapshot.services) {
    byKey.set(s.code.toLowerCase(), s);
    if (!byKey.has(s.name.toLowerCase())) byKey.set(s.name.toLowerCase(), s);
  }
  const exact = new Map(snapshot.services.map((s) => [s.code, s]));
  return services.map((requested) => {
    const info = exact.get(requested) ?? byKey.get(requested.toLowerCase());
    const code = info?.code ?? requested;
    const available: string[] = [];
    const unavailable: string[] = [];
    for (const region of snapshot.regions) {
      const offered = snapshot.availability[region.code] ?? [];
      (offered.includes(code) ? available : unavailable).push(region.code);
    }
    return { service: code, name: info?.name ?? code, available, unavailable };
  });
}
