import { utcDateOf } from "./iso-date.js";

/** A service appearing in or disappearing from a region, e.g. between two scans. */
export interface AvailabilityEvent {
  region: string;
  service: string;
  kind: "added" | "removed";
  /** When it was observed: "YYYY-MM-DD" or an ISO date-time (its UTC day is used). */
  at: string;
}

/** One region in a service's rollout. */
export interface RegionRollout {
  region: string;
  /** UTC day the service was first seen in the region. */
  firstAvailable: string;
  /** Whether the service is available there after the last event. */
  available: boolean;
  /** UTC day of the last removal when `available` is false, otherwise `null`. */
  removedAt: string | null;
}

/** Coverage of a service at the end of one day with events. */
export interface CoveragePoint {
  date: string;
  /** Regions where the service is available at the end of the day. */
  available: number;
  /** Regions where the service has ever been available, up to this day. */
  cumulative: number;
  /** Regions it appeared in that day, sorted. */
  added: string[];
  /** Regions it disappeared from that day, sorted. */
  removed: string[];
}

/** A service's rollout across regions. */
export interface RolloutTimeline {
  service: string;
  /** Ordered by first-available day, then region code. */
  regions: RegionRollout[];
  /** One point per day on which something changed, oldest first. */
  coverage: CoveragePoint[];
}

/**
 * Reconstructs how a service rolled out across regions from availability
 * events (in any order; events of other services are ignored). Events on the
 * same day are applied in input order; an `added` for a region that already
 * has the service, or a `removed` for one that does not, changes nothing.
 *
 * @throws RangeError for an `at` that is not an ISO date or date-time.
 * @example
 * ```ts
 * const timeline = rolloutTimeline(
 *   [
 *     { region: "eu-west-1", service: "bedrock", kind: "added", at: "2024-03-01" },
 *     { region: "us-east-1", service: "bedrock", kind: "added", at: "2023-09-28" },
 *   ],
 *   "bedrock",
 * );
 * timeline.regions.map((r) => r.region); // ["us-east-1", "eu-west-1"]
 * timeline.coverage.map((p) => p.cumulative); // [1, 2]
 * ```
 */
export function rolloutTimeline(events: readonly AvailabilityEvent[], service: string): RolloutTimeline {
  const ordered = events
    .filter((event) => event.service === service)
    .map((event) => ({ event, date: utcDateOf(event.at) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const regions = new Map<string, RegionRollout>();
  const coverage: CoveragePoint[] = [];
  let available = 0;
  for (let i = 0; i < ordered.length; ) {
    const date = ordered[i]?.date ?? "";
    const everBefore = regions.size;
    const added = new Set<string>();
    const removed = new Set<string>();
    for (; i < ordered.length && ordered[i]?.date === date; i++) {
      const event = ordered[i]?.event;
      if (!event) continue;
      const state = regions.get(event.region);
      if (event.kind === "added" && !state?.available) {
        if (state) {
          state.available = true;
          state.removedAt = null;
        } else {
          regions.set(event.region, { region: event.region, firstAvailable: date, available: true, removedAt: null });
        }
        available++;
        if (removed.has(event.region)) removed.delete(event.region);
        else added.add(event.region);
      } else if (event.kind === "removed" && state?.available) {
        state.available = false;
        state.removedAt = date;
        available--;
        if (added.has(event.region)) added.delete(event.region);
        else removed.add(event.region);
      }
    }
    if (added.size > 0 || removed.size > 0 || regions.size !== everBefore) {
      coverage.push({ date, available, cumulative: regions.size, added: [...added].sort(), removed: [...removed].sort() });
    }
  }

  const sortedRegions = [...regions.values()].sort((a, b) =>
    a.firstAvailable !== b.firstAvailable ? (a.firstAvailable < b.firstAvailable ? -1 : 1) : a.region < b.region ? -1 : a.region > b.region ? 1 : 0,
  );
  return { service, regions: sortedRegions, coverage };
}
