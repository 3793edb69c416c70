// Deterministic noise for tests and benchmarks; not part of the public API.

/**
 * A seeded uniform generator in [0, 1) (mulberry32).
 *
 * @example
 * ```ts
 * const next = createUniform(42);
 * next(); // the same value on every run
 * ```
 */
export function createUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` standard normal draws (Box-Muller) from a seed.
 *
 * @example
 * ```ts
 * const noise = gaussianNoise(7, 100); // 100 numbers, mean ≈ 0, sd ≈ 1
 * ```
 */
export function gaussianNoise(seed: number, count: number): number[] {
  const uniform = createUniform(seed);
  const draws: number[] = [];
  while (draws.length < count) {
    const u = 1 - uniform();
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    draws.push(radius * Math.cos(2 * Math.PI * v));
    if (draws.length < count) draws.push(radius * Math.sin(2 * Math.PI * v));
  }
  return draws;
}
