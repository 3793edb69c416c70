// Forecast and anomaly detection over 30 daily cost series of 400 days.
// Run after `npm run build` (imports the built package). Prints one JSON line.
import { performance } from "node:perf_hooks";
import { detectAnomalies, forecastSeries } from "../packages/analytics/dist/index.js";

const SERIES = 30;
const DAYS = 400;
const HORIZON = 30;
const RUNS = 7;
const WEEK = [1.1, 1.15, 1.12, 1.08, 1.02, 0.75, 0.78];

function uniform(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Daily cost: level x growth x weekday pattern x noise, with a spike and a step.
function makeSeries(seed) {
  const next = uniform(seed);
  const level = 20 + next() * 500;
  const growth = (next() - 0.3) * 0.002;
  const values = [];
  for (let day = 0; day < DAYS; day++) {
    const noise = 1 + (next() + next() + next() - 1.5) * 0.08;
    values.push(level * (1 + growth) ** day * (WEEK[day % 7] ?? 1) * noise);
  }
  const spike = 50 + Math.floor(next() * 300);
  values[spike] *= 3;
  const step = 100 + Math.floor(next() * 250);
  for (let day = step; day < DAYS; day++) values[day] *= 1.5;
  return values;
}

function medianOf(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(task) {
  task(); // warm-up
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    task();
    samples.push(performance.now() - start);
  }
  return Math.round(medianOf(samples) * 100) / 100;
}

const series = Array.from({ length: SERIES }, (_, i) => makeSeries(i + 1));
let methods = {};
let anomalies = 0;
const forecastMs = time(() => {
  methods = {};
  for (const values of series) {
    const { method } = forecastSeries(values, { horizon: HORIZON, level: 0.8 });
    methods[method] = (methods[method] ?? 0) + 1;
  }
});
const anomaliesMs = time(() => {
  anomalies = 0;
  for (const values of series) anomalies += detectAnomalies(values, { seasonLength: 7 }).length;
});

console.log(
  JSON.stringify({
    bench: "analytics-forecast",
    series: SERIES,
    days: DAYS,
    horizon: HORIZON,
    runs: RUNS,
    forecastMs,
    anomaliesMs,
    methods,
    anomalies,
    node: process.version,
  }),
);
