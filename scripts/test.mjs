// `npm test`: the import-graph checks (no cycles, see .dependency-cruiser.cjs; the SDK's purity, see
// .dependency-cruiser-sdk.cjs), unit tests, then HTTP and browser tests against a real server (`npm start`'s),
// then one summary line "N passed, N failed" over all of them (what CI reads); each graph check counts as one test.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

fs.mkdirSync("data", { recursive: true });
const runs = [
  { name: "unit", args: ["run", "--passWithNoTests"], report: "data/vitest-unit.json" },
  { name: "e2e", args: ["run", "--passWithNoTests", "-c", "vitest.e2e.config.ts"], report: "data/vitest-e2e.json" },
];
let passed = 0;
let failed = 0;
let exitCode = 0;

// The graph checks: no cycles (.dependency-cruiser.cjs), and the SDK's purity over value imports (.dependency-cruiser-sdk.cjs).
for (const config of [".dependency-cruiser.cjs", ".dependency-cruiser-sdk.cjs"]) {
  const graph = spawnSync("node_modules/.bin/depcruise", ["lib", "app", "extensions", "--config", config], { stdio: "inherit" });
  if (graph.status === 0) {
    passed += 1;
  } else {
    failed += 1;
    exitCode = graph.status ?? 1;
  }
}

for (const r of runs) {
  fs.rmSync(r.report, { force: true });
  const res = spawnSync("node_modules/.bin/vitest", [...r.args, "--reporter=default", "--reporter=json", `--outputFile.json=${r.report}`], { stdio: "inherit" });
  if (res.status !== 0) exitCode = res.status ?? 1;
  if (fs.existsSync(r.report)) {
    const json = JSON.parse(fs.readFileSync(r.report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    // A suite that fails to load (setup error) has no failed tests but must still count as a failure.
    if (res.status !== 0 && json.numFailedTests === 0) failed += 1;
  } else if (res.status !== 0) {
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
