// `npm run convert [-- --force]`: converts the trained models that npm installs (lib/convert/sources.ts) into
// <MODELS_DIR>/converted/, reusing every file whose source and converters are unchanged. `npm start` runs it
// on every start; a model that fails is reported (exit code 1) and simply not offered.
import fs from "node:fs";
import { onyxPaths } from "@/lib/config";
import { ensureConvertedModels } from "@/lib/convert/cache";
import { MODEL_SOURCES, convertedModelPath } from "@/lib/convert/sources";

const modelsDir = onyxPaths().models;
const started = performance.now();
const report = ensureConvertedModels(modelsDir, { force: process.argv.includes("--force") });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (report.converted.length) {
  console.log(`converted ${report.converted.length} model(s) into ${modelsDir}/converted in ${seconds} s`);
  for (const source of MODEL_SOURCES.filter((s) => report.converted.includes(s.id))) {
    console.log(`  ${(fs.statSync(convertedModelPath(modelsDir, source)).size / 2 ** 20).toFixed(2).padStart(8)} MiB  ${source.id} (${source.package})`);
  }
} else if (!report.failed.length) {
  console.log(`converted models are up to date (${report.reused.length}, checked in ${seconds} s)`);
}
process.exit(report.failed.length ? 1 : 0);
