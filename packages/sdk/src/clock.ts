/** The source of "now". Injected everywhere so runs can be reproduced (`AWS_ATLAS_NOW`). */
export interface Clock {
  now(): Date;
}

/**
 * The system clock.
 *
 * @example
 * const atlas = createAtlas({ clock: systemClock });
 */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock frozen at one instant.
 *
 * @example
 * const clock = fixedClock(new Date("2026-03-01T00:00:00Z"));
 */
export function fixedClock(at: Date): Clock {
  const time = at.getTime();
  return { now: () => new Date(time) };
}
