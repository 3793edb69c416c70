import { median, medianInPlace } from "./robust-stats.js";
import { assertInteger, assertPositive } from "./validate.js";

/** Options for {@link detectAnomalies} and {@link anomalyScores}. */
export interface AnomalyOptions {
  /** How many preceding points form the reference window; 28 by default. */
  window?: number;
  /** Absolute modified z-score above which a point is anomalous; 3.5 by default (Iglewicz and Hoaglin). */
  threshold?: number;
  /** Valid points the window must hold before a point is scored; 7 by default. */
  minHistory?: number;
  /**
   * Seasonal cycle in steps (7 for weekdays in a daily series whose index 0
   * is any fixed weekday). When set and the series holds at least two cycles,
   * each value is first deseasonalised by its phase's median offset. Unset by
   * default: no seasonal adjustment.
   */
  seasonLength?: number;
  /** Detect sustained level shifts as well as single points; true by default. */
  levelShifts?: boolean;
  /** Points after a candidate shift that must sit at the new level; `max(minHistory, seasonLength)` by default. */
  shiftWindow?: number;
}

/** Whether an anomaly is above (`spike`) or below (`drop`) what was expected. */
export type AnomalyDirection = "spike" | "drop";

/** `point`: one unusual value. `level_shift`: the series moved to a new level and stayed there. */
export type AnomalyKind = "point" | "level_shift";

/** One detected anomaly. */
export interface Anomaly {
  /** Position in the input array (for a level shift: its first point at the new level). */
  index: number;
  value: number;
  /** The typical value at this index judged from the window before it (seasonal offset included). */
  expected: number;
  /**
   * Modified z-score: distance from `expected` in robust standard deviations
   * (`0.6745·(x − median) / MAD`). For a level shift, the distance of the
   * median after the shift, scaled for the smaller noise of a median.
   */
  score: number;
  direction: AnomalyDirection;
  kind: AnomalyKind;
}

// 1 / Φ⁻¹(0.75): MAD / 0.6745 estimates a normal standard deviation.
const MAD_TO_SIGMA = 1 / 0.6745;
// √(π/2): mean absolute deviation × 1.2533 estimates a normal standard deviation.
const MEAN_AD_TO_SIGMA = 1.2533141373155003;
/** The noise floor is measured over this many windows. */
const NOISE_SPAN = 4;
/** Share of the points after a level shift that must lie on its new side. */
const SHIFT_CONSISTENCY = 0.8;

interface Settings {
  window: number;
  threshold: number;
  minHistory: number;
  seasonLength: number;
  levelShifts: boolean;
  shiftWindow: number;
}

interface Reference {
  /** Median of the (deseasonalised, level-adjusted) window. */
  center: number;
  /** Robust standard deviation; 0 only when the whole series is constant. */
  sigma: number;
  count: number;
}

interface Shift {
  score: number;
  /** Median after the shift minus the window's median. */
  delta: number;
  /** Whether enough of the points after it sit on the new side. */
  consistent: boolean;
}

interface Analysis {
  scores: (number | null)[];
  anomalies: Anomaly[];
}

function settingsOf(options: AnomalyOptions): Settings {
  const { window = 28, threshold = 3.5, minHistory = 7, seasonLength = 0, levelShifts = true } = options;
  assertInteger(window, "window", 1);
  assertInteger(minHistory, "minHistory", 1);
  assertInteger(seasonLength, "seasonLength", 0);
  assertPositive(threshold, "threshold");
  if (minHistory > window) throw new RangeError(`minHistory (${minHistory}) cannot exceed window (${window}).`);
  const shiftWindow = options.shiftWindow ?? Math.max(minHistory, seasonLength);
  assertInteger(shiftWindow, "shiftWindow", 1);
  return { window, threshold, minHistory, seasonLength: seasonLength >= 2 ? seasonLength : 0, levelShifts, shiftWindow };
}

/**
 * Robust standard deviation of `values[0, length)` around `center`:
 * MAD-based, else mean-absolute-deviation-based, else 0. Uses `scratch`.
 */
function robustSigma(values: Float64Array, length: number, center: number, scratch: Float64Array): number {
  let total = 0;
  for (let j = 0; j < length; j++) {
    const deviation = Math.abs((values[j] ?? 0) - center);
    scratch[j] = deviation;
    total += deviation;
  }
  const mad = medianInPlace(scratch, length);
  if (mad > 0) return mad * MAD_TO_SIGMA;
  return total > 0 ? (total / length) * MEAN_AD_TO_SIGMA : 0;
}

/**
 * Additive seasonal offsets by phase (index mod m), estimated once over the
 * whole series as the median, per phase, of each value's deviation from the
 * rolling median of the cycle around it (which follows trends and level
 * shifts). A whole-series median is steadier than a local one, which matters
 * more than following a pattern that slowly grows. `null` when the series is
 * shorter than two cycles.
 */
function seasonalProfile(values: readonly number[], valid: readonly boolean[], m: number): Float64Array | null {
  const n = values.length;
  if (n < 2 * m) return null;
  const half = Math.floor(m / 2);
  const byPhase: number[][] = Array.from({ length: m }, () => []);
  const cycle = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    if (!valid[t]) continue;
    // A one-cycle window centred on t, slid inwards at both ends of the series.
    const from = Math.min(Math.max(0, t - half), n - m);
    let count = 0;
    for (let u = from; u < from + m; u++) if (valid[u]) cycle[count++] = values[u] ?? 0;
    if (count * 2 > m) byPhase[t % m]?.push((values[t] ?? 0) - medianInPlace(cycle, count));
  }
  const profile = new Float64Array(m);
  byPhase.forEach((deviations, phase) => {
    profile[phase] = deviations.length > 0 ? median(deviations) : 0;
  });
  return profile;
}

function analyse(values: readonly number[], settings: Settings): Analysis {
  const n = values.length;
  const { window, threshold, minHistory, seasonLength: m, levelShifts, shiftWindow: k } = settings;
  const valid = values.map((value) => Number.isFinite(value));
  const profile = m > 0 ? seasonalProfile(values, valid, m) : null;
  const seasonalAt = (t: number): number => (profile ? (profile[t % m] ?? 0) : 0);
  // Deseasonalised values. `adjustment` later moves the points before each
  // detected level shift to the new level, so windows stay full across it.
  const base = values.map((value, t) => (valid[t] ? value - seasonalAt(t) : 0));
  const adjustment = new Float64Array(n);
  const adjusted = (t: number): number => (base[t] ?? 0) + (adjustment[t] ?? 0);

  // Absolute change from the previous valid point; NaN where there is none.
  const previousValid = new Int32Array(n).fill(-1);
  const steps = new Float64Array(n).fill(Number.NaN);
  for (let t = 0, last = -1; t < n; t++) {
    if (!valid[t]) continue;
    previousValid[t] = last;
    if (last >= 0) steps[t] = Math.abs(adjusted(t) - adjusted(last));
    last = t;
  }

  // Scratch buffers for the medians in the loops below (no per-point allocation).
  const scratch = new Float64Array(Math.max(n, 1));
  const deviations = new Float64Array(Math.max(n, 1));
  // A perfectly flat window (a service that costs exactly nothing) has no
  // dispersion; fall back to the whole series' dispersion, which is scale- and
  // shift-equivariant, rather than an epsilon.
  const finite = Float64Array.from(base.filter((_, t) => valid[t]));
  scratch.set(finite);
  const globalSigma = finite.length > 0 ? robustSigma(finite, finite.length, medianInPlace(scratch, finite.length), deviations) : 0;

  // The last level shift found so far. Noise often changes with the level, so
  // once enough points follow it, the noise is measured on those alone.
  let lastShift = -1;

  // The noise level from step-to-step changes over a longer span: trends and
  // level shifts barely move it, so it stops a short window's MAD from
  // underestimating the noise, the main source of false alarms. Early points
  // use the first span of the series (minus the point itself) instead.
  const span = NOISE_SPAN * window;
  const noiseLevel = (i: number): number => {
    const early = i < span;
    const from = early ? 0 : Math.max(i - span, lastShift >= 0 && i - lastShift > 2 * minHistory ? lastShift : 0);
    const to = early ? Math.min(n, span) : i;
    let count = 0;
    for (let t = from + 1; t < to; t++) {
      const step = steps[t] ?? Number.NaN;
      if (Number.isNaN(step) || (previousValid[t] ?? -1) < from || t === i || (previousValid[t] ?? -1) === i) continue;
      scratch[count++] = step;
    }
    return count < minHistory ? 0 : (medianInPlace(scratch, count) * MAD_TO_SIGMA) / Math.SQRT2;
  };

  const reference = (i: number): Reference | null => {
    const from = Math.max(0, i - window);
    let count = 0;
    for (let t = from; t < i; t++) if (valid[t]) scratch[count++] = adjusted(t);
    if (count < minHistory) return null;
    const center = medianInPlace(scratch, count);
    let local = robustSigma(scratch, count, center, deviations) || globalSigma;
    if (lastShift > from) {
      let fresh = 0;
      for (let t = lastShift; t < i; t++) if (valid[t]) scratch[fresh++] = base[t] ?? 0;
      if (fresh >= minHistory) {
        const freshCenter = medianInPlace(scratch, fresh);
        local = robustSigma(scratch, fresh, freshCenter, deviations) || local;
      }
    }
    return { center, sigma: Math.max(local, noiseLevel(i)), count };
  };

  const expectedAt = (ref: Reference, t: number): number => ref.center + seasonalAt(t);

  // Compares the median of the next `length` points (at least k must exist)
  // with the window's median; a median of m points is about √(π/2m) as noisy
  // as one point.
  const shiftAt = (ref: Reference, i: number, length: number): Shift | null => {
    if (i + k > n || ref.sigma === 0) return null;
    let count = 0;
    for (let t = i; t < Math.min(n, i + length); t++) if (valid[t]) scratch[count++] = base[t] ?? 0;
    if (count * 2 <= k) return null;
    const delta = medianInPlace(scratch, count) - ref.center;
    const spread = ref.sigma * Math.sqrt((Math.PI / 2) * (1 / count + 1 / ref.count));
    // A real shift moves nearly every point; noise that fools the scale
    // estimate rarely does, and this count does not depend on the scale.
    let moved = 0;
    for (let j = 0; j < count; j++) {
      const value = scratch[j] ?? 0;
      if (delta > 0 ? value > ref.center : value < ref.center) moved++;
    }
    return { score: delta / spread, delta, consistent: moved >= Math.ceil(SHIFT_CONSISTENCY * count) };
  };
  const isShift = (ref: Reference, shift: Shift | null): shift is Shift =>
    shift !== null && shift.consistent && ref.count * 2 >= window && Math.abs(shift.score) > threshold;

  // Where exactly the level changed: the split of the points around the
  // trigger that best fits "old level, then the median of what follows" in
  // absolute error. The trigger fires once most of the next k points look
  // shifted, which noise can make a little early or late.
  const changePoint = (from: number, to: number, oldLevel: number): number => {
    let best = from;
    let bestCost = Number.POSITIVE_INFINITY;
    let before = 0;
    for (let c = from; c < to; c++) {
      if (valid[c]) {
        const after: number[] = [];
        for (let t = c; t < to; t++) if (valid[t]) after.push(adjusted(t));
        const newLevel = median(after);
        let cost = before;
        for (const value of after) cost += Math.abs(value - newLevel);
        if (cost < bestCost) {
          best = c;
          bestCost = cost;
        }
        before += Math.abs(adjusted(c) - oldLevel);
      }
    }
    return best;
  };

  const scores: (number | null)[] = new Array<number | null>(n).fill(null);
  let anomalies: Anomaly[] = [];
  const recordPoint = (ref: Reference, i: number): void => {
    const score = ref.sigma > 0 ? ((base[i] ?? 0) - ref.center) / ref.sigma : 0;
    scores[i] = score;
    if (Math.abs(score) > threshold) {
      anomalies.push({ index: i, value: values[i] ?? 0, expected: expectedAt(ref, i), score, direction: score > 0 ? "spike" : "drop", kind: "point" });
    }
  };

  for (let i = 0; i < n; i++) {
    if (!valid[i]) continue;
    const ref = reference(i);
    if (!ref) continue;
    const trigger = levelShifts ? shiftAt(ref, i, k) : null;
    if (!isShift(ref, trigger)) {
      recordPoint(ref, i);
      continue;
    }
    const change = changePoint(Math.max(lastShift + 1, i - k + 1), Math.min(n, i + 2 * k), ref.center);
    // Confirm with up to 2k points from the change: a real shift holds, while
    // a dip of a few days or a run of noise drifts back.
    const changeRef = reference(change) ?? ref;
    const shift = shiftAt(changeRef, change, 2 * k);
    if (!shift || Math.sign(shift.score) !== Math.sign(trigger.score) || Math.abs(shift.score) <= threshold) {
      recordPoint(ref, i);
      continue;
    }
    for (let j = i; j < change; j++) {
      const before = valid[j] ? reference(j) : null;
      if (before) recordPoint(before, j);
    }
    // Points from the change on are explained by it; they are scored again below.
    anomalies = anomalies.filter((anomaly) => anomaly.index < change);
    for (let j = change; j < i; j++) scores[j] = null;
    scores[change] = shift.score;
    anomalies.push({
      index: change,
      value: values[change] ?? 0,
      expected: expectedAt(changeRef, change),
      score: shift.score,
      direction: shift.score > 0 ? "spike" : "drop",
      kind: "level_shift",
    });
    // Later points are judged against the new level: move the history there.
    for (let t = 0; t < change; t++) adjustment[t] = (adjustment[t] ?? 0) + shift.delta;
    const previous = previousValid[change] ?? -1;
    if (previous >= 0) steps[change] = Math.abs(adjusted(change) - adjusted(previous));
    lastShift = change;
    i = change;
  }
  return { scores, anomalies };
}

/**
 * Modified z-score of every point against the window before it: the distance
 * from the window's median in robust standard deviations,
 * `0.6745·(x − median) / MAD`. Two safeguards keep the scale honest: when the
 * MAD is zero the mean absolute deviation is used (`1.2533·meanAD`), or for a
 * perfectly flat window the whole series' dispersion; and the scale is never
 * below the noise level measured from step-to-step changes over the last four
 * windows, so that a window that happens to be quiet does not turn ordinary
 * noise into alarms. Windows are deseasonalised first when `seasonLength` is
 * set. History before a detected level shift is moved to the new level, and
 * once `minHistory` points follow the shift the noise is measured on them
 * alone (cost noise usually grows and shrinks with the level).
 *
 * Entries are `null` where a point is not scored: a non-finite value (a gap)
 * or fewer than `minHistory` valid points before it. At a level shift the
 * entry is the shift's score. Scores do not change when the series is
 * multiplied by a positive constant or shifted by a constant.
 *
 * @example
 * ```ts
 * const scores = anomalyScores([10, 11, 9, 10, 12, 10, 11, 30], { minHistory: 7 });
 * scores[7]; // ≈ 13.49 (0.6745 × (30 − 10) / 1)
 * ```
 */
export function anomalyScores(values: readonly number[], options: AnomalyOptions = {}): (number | null)[] {
  return analyse(values, settingsOf(options)).scores;
}

/**
 * Finds unusual points and level shifts in an evenly spaced series (e.g.
 * daily cost), ordered by index.
 *
 * A point is anomalous when its modified z-score (see {@link anomalyScores})
 * against the preceding `window` points exceeds `threshold`. With
 * `seasonLength`, values are first deseasonalised by the median offset of
 * their phase (weekday), so a quiet Sunday is not a drop. A level shift is
 * reported where the median of the next `shiftWindow` points differs from the
 * window's median by more than `threshold` (scaled for the lower noise of a
 * median) and at least 80 % of those points sit on the new side. Its index
 * is the split nearby that best fits "old level, then new level", and it must
 * hold over up to `2 × shiftWindow` points from there, so a dip of a few days
 * is reported as points, not as a shift. Earlier history is then moved to the
 * new level, so one shift is not reported as many spikes. A shift needs half a
 * window of history before it and `shiftWindow` points after it; one in the
 * last `shiftWindow - 1` points shows as point anomalies until more data
 * arrives.
 *
 * Non-finite values are treated as gaps. Results do not change when the series
 * is rescaled by a positive constant or shifted by a constant.
 *
 * @throws RangeError for an invalid option.
 * @example
 * ```ts
 * const daily = [10, 11, 9, 10, 12, 10, 11, 9, 10, 50, 10, 11];
 * detectAnomalies(daily);
 * // [{ index: 9, value: 50, expected: 10, score: 26.98, direction: "spike", kind: "point" }]
 * ```
 */
export function detectAnomalies(values: readonly number[], options: AnomalyOptions = {}): Anomaly[] {
  return analyse(values, settingsOf(options)).anomalies;
}

/**
 * A copy of `values` with each point anomaly replaced by its expected value
 * (level shifts are kept: they are the new normal). Useful before
 * {@link forecastSeries}, so that a one-off charge does not pull the forecast.
 *
 * @example
 * ```ts
 * const cleaned = replaceAnomalies(daily, detectAnomalies(daily, { seasonLength: 7 }));
 * const forecast = forecastSeries(cleaned, { horizon: 30 });
 * ```
 */
export function replaceAnomalies(values: readonly number[], anomalies: readonly Anomaly[]): number[] {
  const cleaned = [...values];
  for (const anomaly of anomalies) {
    if (anomaly.kind === "point" && anomaly.index >= 0 && anomaly.index < cleaned.length) cleaned[anomaly.index] = anomaly.expected;
  }
  return cleaned;
}
