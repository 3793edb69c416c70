import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { fixtureInput, WEIRD_NAME } from "./test-fixture.js";
import { XLSX_MATRIX_FILLS, XLSX_SHEET_NAMES, xlsxExporter } from "./xlsx-exporter.js";

async function roundTrip(): Promise<ExcelJS.Workbook> {
  const files = await xlsxExporter.render(fixtureInput());
  expect(files).toHaveLength(1);
  const [file] = files;
  expect(file?.name).toBe("report.xlsx");
  expect(file?.content).toBeInstanceOf(Uint8Array);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file?.content as unknown as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function rowValues(ws: ExcelJS.Worksheet, row: number): unknown[] {
  const values = ws.getRow(row).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

function fillArgb(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill;
  return fill.type === "pattern" ? fill.fgColor?.argb : undefined;
}

describe("xlsxExporter", () => {
  it("writes the five sheets in order, read back with exceljs", async () => {
    const workbook = await roundTrip();
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([...XLSX_SHEET_NAMES]);
    expect(XLSX_SHEET_NAMES).toEqual(["Regional Services", "Service Matrix", "Region Summary", "Service Summary", "Statistics"]);
  });

  it("Regional Services holds the same header and rows as regions_services.csv", async () => {
    const ws = sheet(await roundTrip(), "Regional Services");
    expect(rowValues(ws, 1)).toEqual(["Region Code", "Region Name", "Service Code", "Service Name"]);
    expect(ws.rowCount).toBe(8);
    expect(rowValues(ws, 7)).toEqual(["us-east-1", "US East (N. Virginia)", "weird", WEIRD_NAME]);
  });

  it("Service Matrix: 1/0 cells filled green/red, header row frozen", async () => {
    const ws = sheet(await roundTrip(), "Service Matrix");
    expect(rowValues(ws, 1)).toEqual(["Service", "ap-test-1", "eu-west-1", "us-east-1"]);
    // Row 2 is ec2, row 3 lambda; column 4 is us-east-1.
    expect(ws.getCell(2, 1).value).toBe("ec2");
    expect(ws.getCell(2, 4).value).toBe(1);
    expect(fillArgb(ws.getCell(2, 4))).toBe(XLSX_MATRIX_FILLS.available);
    expect(ws.getCell(3, 1).value).toBe("lambda");
    expect(ws.getCell(3, 4).value).toBe(0);
    expect(fillArgb(ws.getCell(3, 4))).toBe(XLSX_MATRIX_FILLS.unavailable);
    expect(XLSX_MATRIX_FILLS).toEqual({ available: "FFC6EFCE", unavailable: "FFFFC7CE" });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("Region Summary, Service Summary and Statistics carry the summary data", async () => {
    const workbook = await roundTrip();
    const regions = sheet(workbook, "Region Summary");
    expect(rowValues(regions, 1)).toEqual(["Region Code", "Region Name", "Launch Date", "Launch Date Source", "Announcement URL", "Availability Zones", "Service Count"]);
    expect(rowValues(regions, 3)).toEqual(["eu-west-1", "Europe (Ireland)", "2007-12-10", "bundled", "", 3, 2]);

    const services = sheet(workbook, "Service Summary");
    expect(rowValues(services, 1)).toEqual(["Service Code", "Service Name", "Region Count", "Coverage %"]);
    expect(rowValues(services, 4)).toEqual(["s3", "Amazon Simple Storage Service (S3)", 2, 66.7]);

    const stats = sheet(workbook, "Statistics");
    const pairs: Record<string, unknown> = {};
    stats.eachRow((row) => {
      const [key, value] = Array.isArray(row.values) ? row.values.slice(1) : [];
      if (typeof key === "string") pairs[key] = value;
    });
    expect(pairs).toMatchObject({ "Total Regions": "3", "Total Services": "5", "Region/Service Pairs": "7", "Scan ID": "42", Complete: "Yes" });
  });
});
