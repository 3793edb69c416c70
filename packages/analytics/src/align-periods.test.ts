import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignPeriods, periodOverPeriod, periodTotals, type DatedValue, type PeriodWindow } from "./align-periods.js";
import {
  addDays,
  daysBetween,
  eachDay,
  endOfPeriod,
  fromEpochDay,
  periodLabel,
  shiftPeriods,
  startOfPeriod,
  toEpochDay,
  type PeriodUnit,
} from "./iso-date.js";

const unit = fc.constantFrom<PeriodUnit>("month", "quarter", "year");
// 1900-01-01 .. 2199-12-31
const isoDate = fc.integer({ min: toEpochDay("1900-01-01"), max: toEpochDay("2199-12-31") }).map(fromEpochDay);

/** One entry of value 1 per day, so a window's total counts its days. */
function ones(start: string, end: string): DatedValue[] {
  return eachDay(start, end).map((date) => ({ date, value: 1 }));
}

function expectWholeDays(window: PeriodWindow, periodUnit: PeriodUnit): void {
  const days = daysBetween(window.start, window.end) + 1;
  expect(window.days).toBe(days);
  expect(window.total).toBe(days);
  expect(window.daysWithData).toBe(days);
  expect(window.values.map((entry) => entry.date)).toEqual(eachDay(window.start, window.end));
  expect(window.start).toBe(startOfPeriod(window.end, periodUnit));
  expect(window.label).toBe(periodLabel(window.start, periodUnit));
}

describe("alignPeriods", () => {
  it("handles the leap-day and month-end cases", () => {
    const series = ones("2026-01-01", "2029-12-31");
    const feb29 = alignPeriods(series, { unit: "month", now: "2028-02-29" });
    expect([feb29.current.start, feb29.current.end, feb29.current.days]).toEqual(["2028-02-01", "2028-02-29", 29]);
    expect([feb29.previous.start, feb29.previous.end]).toEqual(["2028-01-01", "2028-01-31"]);
    expect([feb29.lastYear.start, feb29.lastYear.end, feb29.lastYear.days]).toEqual(["2027-02-01", "2027-02-28", 28]);

    const mar31 = alignPeriods(series, { unit: "month", now: "2027-03-31" });
    expect([mar31.previous.start, mar31.previous.end, mar31.previous.days]).toEqual(["2027-02-01", "2027-02-28", 28]);
    expect(alignPeriods(series, { unit: "month", now: "2028-03-31" }).previous.end).toBe("2028-02-29");
    expect(alignPeriods(series, { unit: "month", now: "2028-03-30" }).previous.end).toBe("2028-02-29");
    expect(alignPeriods(series, { unit: "month", now: "2027-03-15" }).previous.end).toBe("2027-02-15");
    expect(alignPeriods(series, { unit: "month", now: "2027-04-30" }).previous.end).toBe("2027-03-31");

    const may31 = alignPeriods(series, { unit: "quarter", now: "2028-05-31" });
    expect([may31.current.start, may31.previous.start, may31.previous.end]).toEqual(["2028-04-01", "2028-01-01", "2028-02-29"]);
    expect([may31.lastYear.start, may31.lastYear.end]).toEqual(["2027-04-01", "2027-05-31"]);

    const ytd = alignPeriods(series, { unit: "year", now: "2028-02-29" });
    expect([ytd.current.days, ytd.previous.end, ytd.previous.days]).toEqual([60, "2027-02-28", 59]);
    expect(ytd.lastYear).toEqual(ytd.previous);
    expect(alignPeriods(series, { unit: "year", now: "2029-02-28" }).lastYear.end).toBe("2028-02-29");
  });

  it("compares totals", () => {
    const series: DatedValue[] = [
      { date: "2028-02-03", value: 10 },
      { date: "2028-03-03", value: 12 },
      { date: "2028-03-03", value: 3 },
      { date: "2027-03-10", value: 5 },
      { date: "2028-03-20", value: 100 },
    ];
    const aligned = alignPeriods(series, { unit: "month", now: new Date(Date.UTC(2028, 2, 15, 12)) });
    expect(aligned.asOf).toBe("2028-03-15");
    expect(aligned.current.total).toBe(15);
    expect(aligned.current.daysWithData).toBe(1);
    expect(aligned.current.values).toHaveLength(2);
    expect(aligned.vsPrevious).toEqual({ currentTotal: 15, previousTotal: 10, change: 5, changePct: 50 });
    expect(aligned.vsLastYear).toEqual({ currentTotal: 15, previousTotal: 5, change: 10, changePct: 200 });
    expect(alignPeriods(series, { unit: "month", now: "2028-03-15T23:30:00-02:00" }).asOf).toBe("2028-03-16");
  });

  it("never loses or doubles a day", () => {
    fc.assert(
      fc.property(isoDate, unit, (now, periodUnit) => {
        const aligned = alignPeriods(ones(addDays(now, -800), addDays(now, 5)), { unit: periodUnit, now });
        expectWholeDays(aligned.current, periodUnit);
        expectWholeDays(aligned.previous, periodUnit);
        expectWholeDays(aligned.lastYear, periodUnit);
        expect(aligned.current.end).toBe(now);
        expect(aligned.previous.end).toBe(shiftPeriods(now, periodUnit, -1));
        expect(aligned.lastYear.end).toBe(shiftPeriods(now, "year", -1));
        // Each comparison window sits inside its own period, before the current one.
        expect(aligned.previous.end <= endOfPeriod(aligned.previous.start, periodUnit)).toBe(true);
        expect(addDays(endOfPeriod(aligned.previous.start, periodUnit), 1)).toBe(aligned.current.start);
        expect(aligned.lastYear.end < aligned.current.start).toBe(true);
      }),
    );
  });

  it("grows one day at a time and ends full period against full period", () => {
    fc.assert(
      fc.property(isoDate, unit, (date, periodUnit) => {
        const start = startOfPeriod(date, periodUnit);
        const end = endOfPeriod(date, periodUnit);
        let previousEnd = "";
        eachDay(start, end).forEach((now, i) => {
          const aligned = alignPeriods([], { unit: periodUnit, now });
          expect(aligned.current.days).toBe(i + 1);
          expect(aligned.previous.end >= previousEnd).toBe(true);
          previousEnd = aligned.previous.end;
        });
        const last = alignPeriods(ones(addDays(start, -800), end), { unit: periodUnit, now: end });
        expect(last.previous.total).toBe(last.previous.days);
        const previousStart = startOfPeriod(addDays(start, -1), periodUnit);
        expect([last.previous.start, last.previous.end]).toEqual([previousStart, addDays(start, -1)]);
        const yearAgo = shiftPeriods(start, "year", -1);
        expect([last.lastYear.start, last.lastYear.end]).toEqual([yearAgo, endOfPeriod(yearAgo, periodUnit)]);
      }),
      { numRuns: 30 },
    );
  });

  it("rejects invalid dates and values", () => {
    expect(() => alignPeriods([{ date: "2027-02-29", value: 1 }], { unit: "month", now: "2027-03-01" })).toThrow(RangeError);
    expect(() => alignPeriods([{ date: "2027-02-01", value: Number.NaN }], { unit: "month", now: "2027-03-01" })).toThrow(
      /finite/,
    );
    expect(() => alignPeriods([], { unit: "month", now: "March" })).toThrow(RangeError);
  });
});

describe("periodTotals and periodOverPeriod", () => {
  const datedValues = fc.array(
    fc.record({
      date: fc.integer({ min: toEpochDay("2026-01-01"), max: toEpochDay("2029-12-31") }).map(fromEpochDay),
      value: fc.integer({ min: -1000, max: 1000 }),
    }),
    { maxLength: 200 },
  );

  it("tile the range and count every entry once", () => {
    fc.assert(
      fc.property(datedValues, unit, (series, periodUnit) => {
        const totals = periodTotals(series, { unit: periodUnit });
        expect(totals.reduce((acc, period) => acc + period.total, 0)).toBe(series.reduce((acc, entry) => acc + entry.value, 0));
        expect(totals.reduce((acc, period) => acc + period.daysWithData, 0)).toBe(new Set(series.map((e) => e.date)).size);
        totals.forEach((period, i) => {
          expect(period.start).toBe(startOfPeriod(period.start, periodUnit));
          expect(period.end).toBe(endOfPeriod(period.start, periodUnit));
          if (i > 0) expect(period.start).toBe(addDays(totals[i - 1]?.end ?? "", 1));
        });
      }),
    );
  });

  it("fill empty periods and mark partial ones", () => {
    const totals = periodTotals(
      [
        { date: "2028-03-01", value: 3 },
        { date: "2028-01-31", value: 2 },
      ],
      { unit: "month" },
    );
    expect(totals.map(({ label, total, complete }) => ({ label, total, complete }))).toEqual([
      { label: "2028-01", total: 2, complete: false },
      { label: "2028-02", total: 0, complete: true },
      { label: "2028-03", total: 3, complete: false },
    ]);
    expect(periodTotals([], { unit: "year" })).toEqual([]);
  });

  it("compare each period with the previous one and a year earlier", () => {
    const series = ones("2027-01-01", "2028-12-31");
    const quarters = periodOverPeriod(series, { unit: "quarter" });
    expect(quarters).toHaveLength(8);
    expect(quarters[0]?.vsPrevious).toBeNull();
    expect(quarters[0]?.vsLastYear).toBeNull();
    expect(quarters[1]?.vsPrevious).toEqual({ currentTotal: 91, previousTotal: 90, change: 1, changePct: (1 / 90) * 100 });
    // 2028-Q1 has the leap day.
    expect(quarters[4]?.vsLastYear).toEqual({ currentTotal: 91, previousTotal: 90, change: 1, changePct: (1 / 90) * 100 });
    expect(quarters.every((quarter) => quarter.complete)).toBe(true);
  });
});
