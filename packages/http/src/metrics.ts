import type { ScanSummary, StorageStatus } from "@aws-atlas/sdk";

/**
 * Counts of HTTP requests by method, route pattern and status, for one app instance. The only thing the
 * adapter keeps in memory: Prometheus scrapes each replica and sums them, so no replica needs another's.
 *
 * @example
 * const counter = createRequestCounter();
 * counter.record("GET", "/api/regions", 200);
 */
export interface RequestCounter {
  record(method: string, route: string, status: number): void;
  /** `[method, route, status, count]`, in a stable order. */
  entries(): [method: string, route: string, status: number, count: number][];
}

/**
 * Create an empty {@link RequestCounter}.
 *
 * @example
 * const counter = createRequestCounter();
 */
export function createRequestCounter(): RequestCounter {
  const counts = new Map<string, { method: string; route: string; status: number; count: number }>();
  return {
    record(method, route, status) {
      const key = `${method} ${route} ${status}`;
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { method, route, status, count: 1 });
    },
    entries() {
      return [...counts.values()]
        .sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status)
        .map((e) => [e.method, e.route, e.status, e.count]);
    },
  };
}

/**
 * What {@link renderMetrics} prints.
 *
 * @example
 * const input: MetricsInput = { requests: createRequestCounter(), storage: undefined, latestScan: undefined };
 */
export interface MetricsInput {
  requests: RequestCounter;
  /** Undefined when the database did not answer. */
  storage: StorageStatus | undefined;
  /** The latest complete scan, if any. */
  latestScan: ScanSummary | undefined;
}

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/**
 * Render the Prometheus text exposition format (version 0.0.4).
 *
 * @example
 * const text = renderMetrics({ requests, storage: await storage.status(), latestScan: undefined });
 */
export function renderMetrics(input: MetricsInput): string {
  const lines: string[] = [];
  const metric = (name: string, type: "counter" | "gauge", help: string, samples: [labels: Record<string, string>, value: number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const rendered = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",");
      lines.push(`${name}${rendered ? `{${rendered}}` : ""} ${Number.isFinite(value) ? value : 0}`);
    }
  };

  metric(
    "atlas_http_requests_total",
    "counter",
    "HTTP requests answered by this process, by method, route pattern and status.",
    input.requests.entries().map(([method, route, status, count]) => [{ method, route, status: String(status) }, count]),
  );

  const { storage, latestScan } = input;
  metric("atlas_storage_up", "gauge", "Whether the database answered the status query (1) or not (0).", [[{}, storage ? 1 : 0]]);
  if (storage) {
    metric("atlas_storage_schema_version", "gauge", "Number of the last applied database migration.", [[{ dialect: storage.dialect }, storage.schemaVersion]]);
    metric("atlas_storage_pending_migrations", "gauge", "Migrations this version would apply.", [[{}, storage.pendingMigrations.length]]);
    metric(
      "atlas_storage_rows",
      "gauge",
      "Rows per aws-atlas table.",
      Object.entries(storage.tables).map(([table, rows]) => [{ table }, rows]),
    );
    if (storage.sizeBytes !== null) metric("atlas_storage_size_bytes", "gauge", "Database size on disk.", [[{}, storage.sizeBytes]]);
  }
  if (latestScan) {
    metric("atlas_latest_scan_id", "gauge", "Id of the latest complete scan.", [[{}, latestScan.id]]);
    metric("atlas_latest_scan_timestamp_seconds", "gauge", "When the latest complete scan finished (Unix time).", [
      [{}, Math.floor(latestScan.finishedAt.getTime() / 1000)],
    ]);
    metric("atlas_latest_scan_regions", "gauge", "Regions in the latest complete scan.", [[{}, latestScan.regionCount]]);
    metric("atlas_latest_scan_services", "gauge", "Services in the latest complete scan.", [[{}, latestScan.serviceCount]]);
    metric("atlas_latest_scan_pairs", "gauge", "Region/service pairs in the latest complete scan.", [[{}, latestScan.pairCount]]);
  }
  return lines.join("\n") + "\n";
}
