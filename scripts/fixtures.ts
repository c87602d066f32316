// `npm run fixtures [-- --force]`: writes the fixture models (lib/onnx/fixtures) into the models
// directory (MODELS_DIR, default ./models) and lists the files with their sizes.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { ensureFixtureModels, FIXTURE_CHECKPOINTS, FIXTURE_ESRGAN, generateFixtureModels } from "@/lib/onnx/fixtures";

function filesUnder(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target, { recursive: true, encoding: "utf8" }).map((f) => path.join(target, f)).filter((f) => fs.statSync(f).isFile()).sort();
}

function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const modelsDir = onyxPaths().models;
  const started = performance.now();
  const wrote = process.argv.includes("--force") ? (await generateFixtureModels(modelsDir), true) : await ensureFixtureModels(modelsDir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(wrote ? `generated fixture models in ${modelsDir} (${seconds} s)` : `fixture models in ${modelsDir} are up to date`);
  const targets = [...Object.keys(FIXTURE_CHECKPOINTS).map((n) => path.join(modelsDir, "Stable-diffusion", n)), path.join(modelsDir, "ESRGAN", FIXTURE_ESRGAN)];
  for (const file of targets.flatMap(filesUnder)) console.log(`  ${formatSize(fs.statSync(file).size).padStart(10)}  ${path.relative(modelsDir, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
