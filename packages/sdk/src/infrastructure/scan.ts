import { setMaxListeners } from "node:events";
import type { SsmParameter, SsmPort } from "../aws/ssm-port.js";
import { type AtlasError, toAtlasError } from "../errors.js";
import { abortedError, throwIfAborted } from "../resilience/abort.js";
import type { AttemptEvent, ResiliencePolicy } from "../resilience/resilience-policy.js";
import { partitionOf } from "./partition.js";
import { compareCodes, lastSegment, REGION_METADATA_FIELDS, type RegionMetadataField, ssmPaths } from "./paths.js";
import { batchesFor, pagesFor, type PlanScanOptions, planScan, type ScanPlan, SSM_PAGE_SIZE } from "./planner.js";
import type { RegionInfo, ScanFailure, ServiceInfo, Snapshot, SnapshotScope } from "./snapshot.js";

/** The kind of call a progress event reports on. */
export type ScanPhase = "regions" | "services" | "details" | "names" | "done";

/** Reported after every finished call, and once at the start and the end. */
export interface ScanProgress {
  phase: ScanPhase;
  /** Calls finished (fetched or failed for good). */
  done: number;
  /** Best current estimate of all calls; grows when the data turns out larger than planned. */
  total: number;
  /** Attempts made, retries included. */
  calls: number;
  throttled: number;
  retries: number;
}

/** Options for {@link scan}. */
export interface ScanOptions extends PlanScanOptions {
  ssm: SsmPort;
  /** The shared resilience policy every call runs under. */
  policy: ResiliencePolicy;
  signal?: AbortSignal;
  onProgress?: (event: ScanProgress) => void;
  now: () => Date;
  /** A plan from {@link planScan}; made from the other options when absent. */
  plan?: ScanPlan;
}

// Region list first (it gates everything), then the per-region/per-service chains with later pages ahead of
// earlier ones (long chains are the critical path), then the independent one-shot calls.
const PRIORITY_REGION_LIST = 1_000;
const PRIORITY_CHAIN = 100;
const PRIORITY_ONE_SHOT = 0;

type MetadataRecord = Partial<Record<RegionMetadataField, string>>;

/**
 * Crawl SSM's global-infrastructure parameters as planned by {@link planScan} and assemble an immutable
 * {@link Snapshot}. All calls share `policy` (rate limit, concurrency, retries per page: a pagination is never
 * restarted from page 1); region pages start as soon as the region list's first page arrives.
 *
 * A path that still fails after retries is listed in `failures` and the snapshot is marked incomplete: a
 * partial result is returned, never thrown. Only when nothing at all could be fetched (endpoint down, circuit
 * open, bad credentials or region) does `scan` throw that error, and it throws ABORTED when `signal` aborts.
 *
 * @example
 * const snapshot = await scan({ ssm, policy: createResiliencePolicy(), now: () => new Date(), onProgress: draw });
 * if (!snapshot.complete) console.warn(snapshot.failures);
 */
export async function scan(options: ScanOptions): Promise<Snapshot> {
  const { ssm, policy } = options;
  throwIfAborted(options.signal);
  const plan = options.plan ?? planScan(options);
  const startedAt = options.now();

  const controller = new AbortController();
  // Every queued call listens on this signal; hundreds at once are expected.
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const counters = { calls: 0, throttled: 0, retries: 0, pages: 0, done: 0, pending: 0 };
  const failures: ScanFailure[] = [];
  let firstError: AtlasError | undefined;
  let stopError: AtlasError | undefined;
  let internalError: unknown;
  const itemsByPath = new Map<string, number>();
  let namesRequested = 0;

  const serviceFilter = plan.services ? new Set(plan.services) : null;
  const regionFilter = plan.regions ? new Set(plan.regions) : null;
  const regionOrder: string[] = [];
  const regionSet = new Set<string>();
  const regionServices = new Map<string, Set<string>>();
  const serviceRegions = new Map<string, Set<string>>();
  const serviceCodes = new Set<string>();
  const metadata = new Map<string, MetadataRecord>();
  const zones = new Map<string, { az: string[]; lz: string[] }>();
  const longNames = new Map<string, string>();
  const nameTargets = new Map<string, (value: string) => void>();

  const emit = (phase: ScanPhase): void => {
    if (!options.onProgress) return;
    const known = counters.done + counters.pending;
    const total = phase === "done" ? counters.done : Math.max(plan.estimatedCalls, known);
    try {
      options.onProgress({ phase, done: counters.done, total, calls: counters.calls, throttled: counters.throttled, retries: counters.retries });
    } catch {
      // A broken progress renderer must not break the scan.
    }
  };

  const onAttempt = (event: AttemptEvent): void => {
    counters.calls += 1;
    if (event.attempt > 0) counters.retries += 1;
    if (event.outcome === "throttled") counters.throttled += 1;
  };

  const recordFailure = (paths: readonly string[], error: AtlasError, note = ""): void => {
    for (const path of paths) failures.push({ path, code: error.code, message: `${error.message}${note}` });
  };

  const stop = (error: AtlasError): void => {
    if (stopError) return;
    stopError = error;
    controller.abort(error);
  };

  /** One call under the policy; undefined when it failed for good (the failure is recorded). */
  async function call<T>(
    phase: ScanPhase,
    paths: readonly string[],
    priority: number,
    fn: (signal: AbortSignal) => Promise<T>,
    note = "",
  ): Promise<T | undefined> {
    if (stopError) {
      recordFailure(paths, stopError, note);
      return undefined;
    }
    counters.pending += 1;
    try {
      const value = await policy.execute(fn, { signal: controller.signal, label: paths[0], priority, onAttempt });
      counters.pages += 1;
      return value;
    } catch (err) {
      if (options.signal?.aborted) return undefined;
      const error = toAtlasError(err);
      firstError ??= error;
      recordFailure(paths, error, note);
      if (error.code === "AWS_AUTH" || error.code === "CIRCUIT_OPEN") stop(error);
      return undefined;
    } finally {
      counters.pending -= 1;
      counters.done += 1;
      emit(phase);
    }
  }

  const running = new Set<Promise<void>>();
  const spawn = (task: () => Promise<void>): void => {
    const promise = task().catch((err: unknown) => {
      internalError ??= err;
    });
    running.add(promise);
    void promise.finally(() => running.delete(promise));
  };

  /** Every page of a by-path listing; each page is retried on its own token. */
  async function listPath(phase: ScanPhase, path: string, priority: number, onItems: (params: SsmParameter[]) => void): Promise<void> {
    let nextToken: string | undefined;
    let count = 0;
    for (let page = 0; ; page += 1) {
      const token = nextToken;
      const note = page > 0 ? ` (page ${page + 1}; earlier pages kept)` : "";
      const out = await call(
        phase,
        [path],
        priority + Math.min(page, 800),
        (signal) =>
          ssm.getParametersByPath(
            { path, recursive: false, maxResults: SSM_PAGE_SIZE, ...(token === undefined ? {} : { nextToken: token }) },
            { signal },
          ),
        note,
      );
      if (out === undefined) return;
      count += out.parameters.length;
      onItems(out.parameters);
      if (!out.nextToken) break;
      nextToken = out.nextToken;
    }
    itemsByPath.set(path, count);
  }

  // Names wait in a queue and go out in full batches of 10; the remainder leaves once nothing can add more.
  const nameQueue: string[] = [];
  let producers = 0;
  const fetchNames = (batch: string[]): void =>
    spawn(async () => {
      const out = await call("names", batch, PRIORITY_ONE_SHOT, (signal) => ssm.getParameters({ names: batch }, { signal }));
      for (const p of out?.parameters ?? []) nameTargets.get(p.name)?.(p.value);
    });
  const requestName = (name: string, set: (value: string) => void): void => {
    if (nameTargets.has(name)) return;
    nameTargets.set(name, set);
    namesRequested += 1;
    nameQueue.push(name);
    if (nameQueue.length >= SSM_PAGE_SIZE) fetchNames(nameQueue.splice(0, SSM_PAGE_SIZE));
  };
  const producerDone = (): void => {
    producers -= 1;
    if (producers === 0 && nameQueue.length > 0) fetchNames(nameQueue.splice(0));
  };
  const produce = (task: () => Promise<void>): void => {
    producers += 1;
    spawn(async () => {
      try {
        await task();
      } finally {
        producerDone();
      }
    });
  };

  const addService = (code: string): void => {
    if (serviceCodes.has(code)) return;
    serviceCodes.add(code);
    requestName(ssmPaths.serviceLongName(code), (value) => longNames.set(code, value));
  };

  const addRegion = (code: string): void => {
    if (regionSet.has(code)) return;
    regionSet.add(code);
    regionOrder.push(code);
    if (plan.strategy === "by-region") {
      const offered = new Set<string>();
      regionServices.set(code, offered);
      produce(() =>
        listPath("services", ssmPaths.regionServices(code), PRIORITY_CHAIN, (params) => {
          for (const p of params) {
            const service = lastSegment(p.name);
            offered.add(service);
            if (!serviceFilter || serviceFilter.has(service)) addService(service);
          }
        }),
      );
    }
    if (plan.regionDetails) {
      const record: MetadataRecord = {};
      metadata.set(code, record);
      for (const field of REGION_METADATA_FIELDS) {
        requestName(ssmPaths.regionField(code, field), (value) => (record[field] = value));
      }
      const found = { az: [] as string[], lz: [] as string[] };
      zones.set(code, found);
      spawn(() => listPath("details", ssmPaths.availabilityZones(code), PRIORITY_ONE_SHOT, (ps) => ps.forEach((p) => found.az.push(lastSegment(p.name)))));
      spawn(() => listPath("details", ssmPaths.localZones(code), PRIORITY_ONE_SHOT, (ps) => ps.forEach((p) => found.lz.push(lastSegment(p.name)))));
    }
  };

  emit("regions");
  producers += 1; // the set-up below may still queue names
  produce(async () => {
    if (plan.listRegions) {
      await listPath("regions", ssmPaths.regions(), PRIORITY_REGION_LIST, (params) => {
        for (const p of params) addRegion(lastSegment(p.name));
      });
    } else {
      for (const code of plan.regions ?? []) addRegion(code);
    }
  });
  if (plan.strategy === "by-service") {
    for (const service of plan.services ?? []) {
      addService(service);
      const offeredIn = new Set<string>();
      serviceRegions.set(service, offeredIn);
      spawn(() =>
        listPath("services", ssmPaths.serviceRegions(service), PRIORITY_CHAIN, (params) => {
          for (const p of params) offeredIn.add(lastSegment(p.name));
        }),
      );
    }
  }
  producerDone();

  try {
    while (running.size > 0) await Promise.all([...running]);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (options.signal?.aborted) throw abortedError(options.signal);
  if (internalError !== undefined) throw toAtlasError(internalError);
  if (counters.pages === 0 && (stopError ?? firstError)) throw (stopError ?? firstError) as AtlasError;

  // Regions: listed (or given), plus any a service list names that the region list lacks.
  const regionCodes = new Set(regionOrder);
  for (const offeredIn of serviceRegions.values()) {
    for (const code of offeredIn) if (!regionFilter || regionFilter.has(code)) regionCodes.add(code);
  }
  // A region asked for by code that AWS does not publish: no metadata and no services.
  if (!plan.listRegions && plan.regionDetails) {
    for (const code of plan.regions ?? []) {
      const record = metadata.get(code) ?? {};
      const known = Object.keys(record).length > 0 || (regionServices.get(code)?.size ?? 0) > 0;
      const fetched = !failures.some((f) => f.path.startsWith(`${ssmPaths.region(code)}/`));
      if (!known && fetched) {
        regionCodes.delete(code);
        failures.push({
          path: ssmPaths.region(code),
          code: "NOT_FOUND",
          message: `Region ${code} is not published under ${ssmPaths.regions()}`,
        });
      }
    }
  }

  const regions: RegionInfo[] = [...regionCodes].sort(compareCodes).map((code) => {
    const record = metadata.get(code) ?? {};
    const found = zones.get(code);
    return {
      code,
      name: record.longName ?? code,
      partition: record.partition ?? partitionOf(code),
      domain: record.domain ?? null,
      geolocationCountry: record.geolocationCountry ?? null,
      geolocationRegion: record.geolocationRegion ?? null,
      availabilityZones: [...new Set(found?.az ?? [])].sort(compareCodes),
      localZones: [...new Set(found?.lz ?? [])].sort(compareCodes),
    };
  });

  // A service asked for by code that AWS does not publish (no long name, no region) is left out.
  const services: ServiceInfo[] = [...serviceCodes]
    .filter(
      (code) =>
        plan.strategy === "by-region" ||
        longNames.has(code) ||
        (serviceRegions.get(code)?.size ?? 0) > 0 ||
        failures.some((f) => f.path.startsWith(`${ssmPaths.services()}/${code}/`)),
    )
    .sort(compareCodes)
    .map((code) => ({ code, name: longNames.get(code) ?? code }));

  const availability: Record<string, string[]> = {};
  for (const { code } of regions) {
    const offered =
      plan.strategy === "by-region"
        ? [...(regionServices.get(code) ?? [])].filter((s) => !serviceFilter || serviceFilter.has(s))
        : [...serviceRegions].filter(([, offeredIn]) => offeredIn.has(code)).map(([service]) => service);
    availability[code] = offered.sort(compareCodes);
  }

  let pageMinimum = batchesFor(namesRequested);
  for (const items of itemsByPath.values()) pageMinimum += pagesFor(items);

  const scope: SnapshotScope | undefined =
    plan.services || plan.regions || !plan.regionDetails
      ? {
          ...(plan.services ? { services: [...plan.services] } : {}),
          ...(plan.regions ? { regions: [...plan.regions] } : {}),
          regionDetails: plan.regionDetails,
        }
      : undefined;

  emit("done");
  const snapshot: Snapshot = {
    startedAt,
    finishedAt: options.now(),
    complete: failures.length === 0,
    source: "aws",
    regions,
    services,
    availability,
    stats: {
      apiCalls: counters.calls,
      throttled: counters.throttled,
      retries: counters.retries,
      failures: failures.length,
      pages: counters.pages,
      pageMinimum,
    },
    failures,
    ...(scope ? { scope } : {}),
  };
  return snapshot;
}
