import type { CeResultByTime } from "../aws/cost-explorer-port.js";
import type { DateRange } from "./cost-query.js";
import { mergeResultsByTime } from "./cost-result.js";

/**
 * Splits a paginated answer into consecutive date chunks as pages arrive: a chunk is handed to
 * `onChunk` (pages merged) as soon as a period after it shows up, so completed chunks can be cached
 * or written even when a later page fails. Periods are assigned by their start day.
 *
 * @example
 * const assembler: ChunkAssembler = createChunkAssembler(chunks, onChunk);
 */
export interface ChunkAssembler {
  /** Feed one page's periods (in time order). */
  push(results: readonly CeResultByTime[]): Promise<void>;
  /** The answer is complete: emit the remaining chunks (empty ones included). */
  finish(): Promise<void>;
}

/**
 * Create a {@link ChunkAssembler} over sorted, disjoint `chunks`.
 *
 * @example
 * const assembler = createChunkAssembler(splitRange(start, end, "month"), async (chunk, results) => cache(chunk, results));
 * for (const page of pages) await assembler.push(page.resultsByTime);
 * await assembler.finish();
 */
export function createChunkAssembler(
  chunks: readonly DateRange[],
  onChunk: (chunk: DateRange, results: CeResultByTime[]) => Promise<void>,
): ChunkAssembler {
  let index = 0;
  let pending: CeResultByTime[] = [];

  const emitNext = async (): Promise<void> => {
    const chunk = chunks[index];
    index += 1;
    const results = mergeResultsByTime(pending);
    pending = [];
    if (chunk !== undefined) await onChunk(chunk, results);
  };

  return {
    async push(results) {
      for (const result of results) {
        const day = result.timePeriod.start.slice(0, 10);
        while (index < chunks.length - 1 && (chunks[index]?.end ?? day) < day) await emitNext();
        pending.push(result);
      }
    },
    async finish() {
      while (index < chunks.length) await emitNext();
    },
  };
}
