// Sums vitest's JSON reports of every workspace into one closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const files = process.argv.slice(2).filter((f) => existsSync(f));
for (const file of files) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  // failed tests, plus test files that failed before running any test (import or syntax errors)
  const brokenFiles = (report.testResults ?? []).filter((r) => r.status === "failed" && (r.assertionResults ?? []).length === 0);
  failed += report.numFailedTests + brokenFiles.length;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
if (files.length === 0) {
  console.log("0 passed, 1 failed");
  console.error("no test results found");
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
