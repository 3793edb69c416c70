// Input checks shared by the public functions. Not exported from the barrel.

export function assertFiniteSeries(values: readonly number[], caller: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(
        `${caller}: value at index ${i} is ${String(values[i])}; convert amounts to finite numbers and fill or drop gaps first.`,
      );
    }
  }
}

export function assertInteger(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}.`);
  }
}

export function assertPositive(value: number, name: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}.`);
  }
}
