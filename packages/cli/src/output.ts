import { createColors } from "picocolors";
import type { GlobalFlags } from "./globals.js";

/** The subset of a writable stream the CLI writes to. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A column of {@link Output.table}. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  align?: "left" | "right";
}

/**
 * Everything a command prints goes through here: results on stdout (JSON with `--json`),
 * messages and progress on stderr.
 */
export class Output {
  readonly colors: ReturnType<typeof createColors>;
  private progressActive = false;

  constructor(
    readonly stdout: OutputStream,
    readonly stderr: OutputStream,
    readonly flags: Pick<GlobalFlags, "json" | "quiet" | "color" | "progress">,
  ) {
    this.colors = createColors(flags.color && Boolean(stderr.isTTY));
  }

  /** Print a machine-readable result (only with `--json`). */
  json(value: unknown): void {
    this.stdout.write(JSON.stringify(value, null, 2) + "\n");
  }

  /** Print human text on stdout (skipped with `--json`). */
  text(text: string): void {
    if (this.flags.json) return;
    this.stdout.write(text.endsWith("\n") ? text : text + "\n");
  }

  /** Print either JSON or the text a renderer makes. */
  result(value: unknown, render: () => string): void {
    if (this.flags.json) this.json(value);
    else this.text(render());
  }

  /** A message on stderr, hidden by `--quiet`. */
  info(message: string): void {
    if (this.flags.quiet) return;
    this.clearProgress();
    this.stderr.write(message + "\n");
  }

  /** A warning on stderr, shown even with `--quiet`. */
  warn(message: string): void {
    this.clearProgress();
    this.stderr.write(this.colors.yellow(`warning: ${message}`) + "\n");
  }

  /** An error line on stderr. */
  error(message: string): void {
    this.clearProgress();
    this.stderr.write(this.colors.red(`error: ${message}`) + "\n");
  }

  /** Whether a progress bar may be drawn: stderr is a TTY and it was not turned off. */
  get canShowProgress(): boolean {
    return Boolean(this.stderr.isTTY) && this.flags.progress && !this.flags.quiet;
  }

  /** Draw or redraw a one-line progress bar on stderr. */
  progress(label: string, done: number, total: number, detail = ""): void {
    if (!this.canShowProgress) return;
    const width = 28;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const pct = `${Math.round(ratio * 100)}%`.padStart(4);
    this.stderr.write(`\r\x1b[2K${label} ${this.colors.cyan(bar)} ${pct} ${done}/${total} ${detail}`);
    this.progressActive = true;
  }

  /** Remove the progress line. */
  clearProgress(): void {
    if (!this.progressActive) return;
    this.stderr.write("\r\x1b[2K");
    this.progressActive = false;
  }

  /** Render rows as an aligned text table. */
  table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
    const cells = rows.map((row) => columns.map((c) => formatCell(c.value(row))));
    const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length)));
    const line = (values: string[]) =>
      values
        .map((v, i) => (columns[i]?.align === "right" ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd();
    const header = this.colors.bold(line(columns.map((c) => c.header)));
    return [header, ...cells.map(line)].join("\n");
  }
}

function formatCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "-";
  return String(value);
}
