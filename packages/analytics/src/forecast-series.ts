import { linearTrend } from "./linear-trend.js";
import { mean, medianAbsoluteDeviation } from "./robust-stats.js";
import { assertFiniteSeries, assertInteger } from "./validate.js";

/**
 * How a forecast was made:
 * - `constant`: every value was equal, so the forecast repeats it exactly.
 * - `mean`: too few points for a trend; the forecast is the average.
 * - `holt`: Holt's linear (optionally damped) trend exponential smoothing.
 * - `holt-winters`: Holt's trend plus an additive seasonal pattern.
 */
export type ForecastMethod = "constant" | "mean" | "holt" | "holt-winters";

/** Coverage of the prediction interval: 80 % or 95 %. */
export type PredictionLevel = 0.8 | 0.95;

/** Options for {@link forecastSeries}. */
export interface ForecastOptions {
  /** Number of future steps to forecast (an integer >= 0). */
  horizon: number;
  /** Length of the seasonal cycle in steps; 7 (a week of days) by default. Below 2 disables seasonality. */
  seasonLength?: number;
  /** Prediction interval coverage; 0.8 by default. */
  level?: PredictionLevel;
  /**
   * `undefined` (default): fit the seasonal model when there are at least three
   * cycles of data and keep it only when it beats the trend model by AIC.
   * `true`: use it whenever there are two cycles. `false`: never.
   */
  seasonal?: boolean;
}

/** The smoothing parameters the grid search picked. */
export interface SmoothingParameters {
  /** Level smoothing, 0-1 (higher follows recent values more closely). */
  alpha: number;
  /** Trend smoothing, 0-1 (0 keeps the initial slope). */
  beta: number;
  /** Trend damping, 0-1 (1 is an undamped straight-line trend). */
  phi: number;
  /** Seasonal smoothing, 0-1; `null` without seasonality. */
  gamma: number | null;
}

/** The result of {@link forecastSeries}; every array has `horizon` entries. */
export interface Forecast {
  /** Point forecasts for steps 1..horizon after the last value. */
  mean: number[];
  /** Lower bound of the prediction interval for each step. */
  lower: number[];
  /** Upper bound of the prediction interval for each step. */
  upper: number[];
  method: ForecastMethod;
  level: PredictionLevel;
  /**
   * Robust standard deviation of the one-step-ahead errors (1.4826 × their
   * median absolute value, so past spikes do not widen every interval). For
   * the `mean` method, the sample standard deviation of the values.
   */
  sigma: number;
  /** Chosen smoothing parameters, `null` for the `constant` and `mean` methods. */
  parameters: SmoothingParameters | null;
  /** Seasonal cycle length when `method` is `holt-winters`, otherwise `null`. */
  seasonLength: number | null;
}

// 1 / Φ⁻¹(0.75): MAD / 0.6745 estimates a normal standard deviation.
const MAD_TO_SIGMA = 1.482602218505602;
const Z_SCORE: Record<PredictionLevel, number> = { 0.8: 1.2815515655446004, 0.95: 1.959963984540054 };

/** Fewer points than this forecast the mean: a trend from four noisy points is a guess. */
const MIN_TREND_POINTS = 5;
const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const BETAS = [0, 0.05, 0.1, 0.2, 0.3];
// Undamped first, so that exact ties (a perfect line) keep the straight trend.
const PHIS = [1, 0.98, 0.9];
const GAMMAS = [0.05, 0.1, 0.2, 0.3, 0.5];

interface InitialState {
  level: number;
  trend: number;
  /** Additive seasonal offsets by phase (index mod m), summing to zero; empty without seasonality. */
  season: Float64Array;
}

interface Fit {
  sse: number;
  alpha: number;
  beta: number;
  phi: number;
  gamma: number;
}

interface FinalState {
  sse: number;
  level: number;
  trend: number;
  season: Float64Array;
}

/**
 * Forecasts the next `horizon` values of an evenly spaced series (e.g. daily
 * cost) with exponential smoothing that can be explained in one sentence:
 * Holt's linear trend, optionally damped, plus an additive seasonal pattern
 * (Holt-Winters) when the data supports one. Parameters come from a small grid
 * searched on one-step-ahead squared error; the seasonal model must beat the
 * trend model by AIC. Series shorter than five points forecast their mean, and
 * a constant series forecasts that constant with zero-width intervals.
 *
 * Prediction intervals are `mean ± z·sigma·√v_h`: `sigma` is the robust
 * standard deviation of the one-step-ahead errors and `v_h` the textbook
 * growth of an h-step error for this model, `1 + Σ_{j<h} c_j²` with
 * `c_j = α(1 + β(φ + … + φ^j)) + γ·[j is a whole number of seasons]`
 * (Hyndman et al., ETS(A,Ad,A)). The width grows like `√h` for a random walk
 * (α = 1, β = γ = 0) and more slowly for a model that trusts its level and
 * seasons. The `mean` method widens with `√h`.
 *
 * @throws RangeError for an empty series, a non-finite value or a bad option.
 * @example
 * ```ts
 * const daily = [10, 11, 12, 13, 14, 15, 16, 17];
 * const f = forecastSeries(daily, { horizon: 3 });
 * f.mean; // [18, 19, 20] (within rounding)
 * f.method; // "holt"
 * ```
 */
export function forecastSeries(values: readonly number[], options: ForecastOptions): Forecast {
  const { horizon, seasonLength = 7, level = 0.8, seasonal } = options;
  assertFiniteSeries(values, "forecastSeries");
  assertInteger(horizon, "horizon", 0);
  assertInteger(seasonLength, "seasonLength", 0);
  if (!(level in Z_SCORE)) throw new RangeError(`level must be 0.8 or 0.95, got ${String(level)}.`);
  const n = values.length;
  if (n === 0) throw new RangeError("forecastSeries needs at least one value.");
  const z = Z_SCORE[level];

  const first = values[0] ?? 0;
  if (values.every((value) => value === first)) {
    const flat = new Array<number>(horizon).fill(first);
    return { mean: flat, lower: [...flat], upper: [...flat], method: "constant", level, sigma: 0, parameters: null, seasonLength: null };
  }

  if (n < MIN_TREND_POINTS) {
    const average = mean(values);
    let squares = 0;
    for (const value of values) squares += (value - average) ** 2;
    const sigma = Math.sqrt(squares / (n - 1));
    // Too little data for a model of how errors grow: widen like a random walk.
    const spread = Array.from({ length: horizon }, (_, i) => Math.sqrt(i + 1));
    return withIntervals(new Array<number>(horizon).fill(average), sigma, z, spread, {
      method: "mean",
      level,
      parameters: null,
      seasonLength: null,
    });
  }

  const y = Float64Array.from(values);
  const m = seasonLength;
  const initWindow = Math.min(n, Math.max(2 * m, 4));
  const holtInit = initialState(y, initWindow, 0);
  const holt = searchGrid(y, holtInit, 0);

  const trySeasonal = m >= 2 && (seasonal === true ? n >= 2 * m : seasonal !== false && n >= 3 * m);
  let chosen: { fit: Fit; init: InitialState; m: number; smoothingParams: number } = { fit: holt, init: holtInit, m: 0, smoothingParams: 3 };
  if (trySeasonal) {
    const hwInit = initialState(y, 2 * m, m);
    const hw = searchGrid(y, hwInit, m);
    // AIC with a floor on the error variance, so that two (near-)perfect fits
    // compare as equal and the simpler model wins.
    let scale = 0;
    for (const value of y) scale = Math.max(scale, Math.abs(value));
    const floor = (1e-10 * scale) ** 2;
    const aic = (sse: number, k: number): number => n * Math.log(Math.max(sse / n, floor)) + 2 * k;
    if (seasonal === true || aic(hw.sse, m + 5) < aic(holt.sse, 5)) {
      chosen = { fit: hw, init: hwInit, m, smoothingParams: 4 };
    }
  }

  const { fit, init } = chosen;
  const residuals = new Float64Array(n);
  const final = run(y, { init, m: chosen.m, ...fit }, Number.POSITIVE_INFINITY, residuals);
  // 1.4826 × median |error|: a past spike's own error does not inflate it.
  const sigma =
    medianAbsoluteDeviation(Array.from(residuals), 0) * MAD_TO_SIGMA || Math.sqrt(final.sse / Math.max(1, n - chosen.smoothingParams));
  const forecast = new Array<number>(horizon);
  const spread = new Array<number>(horizon);
  let damping = 0;
  let phiPower = 1;
  let variance = 1;
  for (let h = 1; h <= horizon; h++) {
    if (h > 1) {
      // Error of an h-step forecast in the ETS(A,Ad,A) state-space form:
      // variance σ²(1 + Σ c_j²) over j < h, with c_j = α(1 + βφ_j) + γ·[j ≡ 0 mod m]
      // and φ_j = φ + … + φ^j (the damping sum before this step's φ^h).
      const j = h - 1;
      const c = fit.alpha * (1 + fit.beta * damping) + (chosen.m > 0 && j % chosen.m === 0 ? fit.gamma : 0);
      variance += c * c;
    }
    phiPower *= fit.phi;
    damping += phiPower;
    const seasonalOffset = chosen.m > 0 ? (final.season[(n - 1 + h) % chosen.m] ?? 0) : 0;
    forecast[h - 1] = final.level + damping * final.trend + seasonalOffset;
    spread[h - 1] = Math.sqrt(variance);
  }
  return withIntervals(forecast, sigma, z, spread, {
    method: chosen.m > 0 ? "holt-winters" : "holt",
    level,
    parameters: { alpha: fit.alpha, beta: fit.beta, phi: fit.phi, gamma: chosen.m > 0 ? fit.gamma : null },
    seasonLength: chosen.m > 0 ? chosen.m : null,
  });
}

/** Intervals `mean ± z·sigma·spread[h]`, where `spread` grows with the horizon. */
function withIntervals(
  forecast: number[],
  sigma: number,
  z: number,
  spread: readonly number[],
  rest: Pick<Forecast, "method" | "level" | "parameters" | "seasonLength">,
): Forecast {
  const lower = forecast.map((value, i) => value - z * sigma * (spread[i] ?? 1));
  const upper = forecast.map((value, i) => value + z * sigma * (spread[i] ?? 1));
  return { mean: forecast, lower, upper, sigma, ...rest };
}

/**
 * Level and trend from a least-squares line through the first `window`
 * points, stated one step before the series starts; seasonal offsets are the
 * mean detrended value per phase, centred to sum to zero.
 */
function initialState(y: Float64Array, window: number, m: number): InitialState {
  const head = Array.from(y.subarray(0, window));
  const { slope, intercept } = linearTrend(head);
  const season = new Float64Array(m);
  if (m > 0) {
    const counts = new Float64Array(m);
    for (let t = 0; t < window; t++) {
      const phase = t % m;
      season[phase] = (season[phase] ?? 0) + (head[t] ?? 0) - (intercept + slope * t);
      counts[phase] = (counts[phase] ?? 0) + 1;
    }
    let total = 0;
    for (let p = 0; p < m; p++) {
      season[p] = (season[p] ?? 0) / (counts[p] || 1);
      total += season[p] ?? 0;
    }
    for (let p = 0; p < m; p++) season[p] = (season[p] ?? 0) - total / m;
  }
  return { level: intercept - slope, trend: slope, season };
}

/** Smoothing parameters plus the starting state: everything one pass needs. */
interface Model {
  init: InitialState;
  /** Seasonal cycle, 0 without seasonality. */
  m: number;
  alpha: number;
  beta: number;
  phi: number;
  gamma: number;
}

function searchGrid(y: Float64Array, init: InitialState, m: number): Fit {
  let best: Fit = { sse: Number.POSITIVE_INFINITY, alpha: ALPHAS[0] ?? 0.1, beta: 0, phi: 1, gamma: 0 };
  const gammas = m > 0 ? GAMMAS : [0];
  for (const phi of PHIS) {
    for (const alpha of ALPHAS) {
      for (const beta of BETAS) {
        for (const gamma of gammas) {
          const sse = run(y, { init, m, alpha, beta, phi, gamma }, best.sse).sse;
          if (sse < best.sse) best = { sse, alpha, beta, phi, gamma };
        }
      }
    }
  }
  return best;
}

/**
 * One pass of (damped, seasonal) Holt smoothing over the series, summing the
 * squared one-step-ahead errors (and recording them in `residuals` if given).
 * Stops early once the sum exceeds `stopAbove`, which keeps the grid search
 * cheap.
 */
function run(y: Float64Array, model: Model, stopAbove = Number.POSITIVE_INFINITY, residuals?: Float64Array): FinalState {
  const { init, m, alpha, beta, phi, gamma } = model;
  const season = init.season.slice();
  let level = init.level;
  let trend = init.trend;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const observed = y[t] ?? 0;
    const phase = m > 0 ? t % m : 0;
    const offset = m > 0 ? (season[phase] ?? 0) : 0;
    const damped = phi * trend;
    const error = observed - (level + damped + offset);
    sse += error * error;
    if (residuals) residuals[t] = error;
    if (sse > stopAbove) return { sse, level, trend, season };
    const nextLevel = alpha * (observed - offset) + (1 - alpha) * (level + damped);
    trend = beta * (nextLevel - level) + (1 - beta) * damped;
    if (m > 0) season[phase] = gamma * (observed - level - damped) + (1 - gamma) * offset;
    level = nextLevel;
  }
  return { sse, level, trend, season };
}
