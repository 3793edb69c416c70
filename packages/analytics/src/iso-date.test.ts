import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  eachDay,
  endOfPeriod,
  fromEpochDay,
  isLeapYear,
  isoWeekday,
  parseIsoDate,
  periodLabel,
  shiftPeriods,
  startOfPeriod,
  toEpochDay,
  utcDateOf,
} from "./iso-date.js";

// Day numbers from 1600-01-01 to 2400-12-31; Date.UTC is only the oracle here.
const epochDay = fc.integer({ min: -135140, max: 157099 });
const isoDate = epochDay.map(fromEpochDay);

describe("epoch days", () => {
  it("agree with Date.UTC and round-trip", () => {
    fc.assert(
      fc.property(epochDay, (day) => {
        const date = fromEpochDay(day);
        expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
        expect(toEpochDay(date)).toBe(day);
      }),
    );
  });

  it("give ISO weekdays", () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const jsDay = new Date(`${date}T00:00:00Z`).getUTCDay();
        expect(isoWeekday(date)).toBe(jsDay === 0 ? 7 : jsDay);
      }),
    );
    expect(isoWeekday("2028-02-29")).toBe(2);
  });
});

describe("calendar rules", () => {
  it("knows leap years", () => {
    expect([2024, 2028, 2000, 2400].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([2027, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2027, 4)).toBe(30);
  });

  it("rejects impossible dates", () => {
    expect(() => parseIsoDate("2027-02-29")).toThrow(RangeError);
    expect(() => parseIsoDate("2027-13-01")).toThrow(RangeError);
    expect(() => parseIsoDate("2027-1-01")).toThrow(RangeError);
    expect(parseIsoDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
  });
});

describe("addMonths and shiftPeriods", () => {
  it("clamp to the target month", () => {
    expect(addMonths("2027-03-31", -1)).toBe("2027-02-28");
    expect(addMonths("2028-03-31", -1)).toBe("2028-02-29");
    expect(addMonths("2028-02-29", -12)).toBe("2027-02-28");
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2027-12-15", 1)).toBe("2028-01-15");
    expect(addMonths("2027-01-15", -1)).toBe("2026-12-15");
  });

  it("map month ends to month ends", () => {
    expect(shiftPeriods("2027-04-30", "month", -1)).toBe("2027-03-31");
    expect(shiftPeriods("2028-05-31", "quarter", -1)).toBe("2028-02-29");
    expect(shiftPeriods("2028-02-29", "year", -1)).toBe("2027-02-28");
    expect(shiftPeriods("2029-02-28", "year", -1)).toBe("2028-02-29");
    expect(shiftPeriods("2028-02-28", "year", -1)).toBe("2027-02-28");
    expect(shiftPeriods("2027-04-15", "month", -1)).toBe("2027-03-15");
  });

  it("always lands in the month the arithmetic names", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -50, max: 50 }), (date, months) => {
        const from = parseIsoDate(date);
        const to = parseIsoDate(addMonths(date, months));
        expect(to.year * 12 + to.month - (from.year * 12 + from.month)).toBe(months);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });
});

describe("periods", () => {
  it("start and end where the calendar says", () => {
    expect(startOfPeriod("2028-05-31", "quarter")).toBe("2028-04-01");
    expect(endOfPeriod("2028-05-31", "quarter")).toBe("2028-06-30");
    expect(endOfPeriod("2028-02-10", "month")).toBe("2028-02-29");
    expect(endOfPeriod("2028-02-10", "year")).toBe("2028-12-31");
    expect(periodLabel("2028-11-02", "quarter")).toBe("2028-Q4");
    expect(periodLabel("2028-11-02", "month")).toBe("2028-11");
    expect(periodLabel("2028-11-02", "year")).toBe("2028");
  });

  it("tile the calendar without gaps or overlaps", () => {
    fc.assert(
      fc.property(isoDate, fc.constantFrom("month" as const, "quarter" as const, "year" as const), (date, unit) => {
        const start = startOfPeriod(date, unit);
        const end = endOfPeriod(date, unit);
        expect(start <= date && date <= end).toBe(true);
        expect(startOfPeriod(addDays(end, 1), unit)).toBe(addDays(end, 1));
        expect(endOfPeriod(addDays(start, -1), unit)).toBe(addDays(start, -1));
      }),
    );
  });
});

describe("day helpers", () => {
  it("count and list days", () => {
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
    expect(eachDay("2028-02-28", "2028-03-01")).toEqual(["2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(eachDay("2028-03-01", "2028-02-28")).toEqual([]);
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
  });
});

describe("utcDateOf", () => {
  it("reads dates, date-times and Date objects in UTC", () => {
    expect(utcDateOf("2028-02-29")).toBe("2028-02-29");
    expect(utcDateOf("2028-02-29T23:59:59Z")).toBe("2028-02-29");
    expect(utcDateOf("2028-02-29T23:59:59.123Z")).toBe("2028-02-29");
    expect(utcDateOf("2028-03-01T01:30:00+02:00")).toBe("2028-02-29");
    expect(utcDateOf("2028-02-29T22:30:00-02:00")).toBe("2028-03-01");
    expect(utcDateOf("2028-02-29T10:00")).toBe("2028-02-29");
    expect(utcDateOf(new Date(Date.UTC(2028, 1, 29, 23)))).toBe("2028-02-29");
  });

  it("agrees with Date for offsets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 16);
          const sign = offset < 0 ? "-" : "+";
          const abs = Math.abs(offset);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          const truncated = Math.floor(ms / 60_000) * 60_000;
          expect(utcDateOf(`${local}${zone}`)).toBe(new Date(truncated).toISOString().slice(0, 10));
        },
      ),
    );
  });

  it("rejects garbage", () => {
    expect(() => utcDateOf("yesterday")).toThrow(RangeError);
    expect(() => utcDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});
