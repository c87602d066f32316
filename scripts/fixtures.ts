// `npm run fixtures [-- --force] [--full-size]`: writes the fixture models (lib/onnx/fixtures) into the models
// directory (MODELS_DIR, default ./models) and lists the files with their sizes. `--full-size` writes SD 1.5's
// full configuration instead (onyx-sd15-full, fp32 and fp16: 5.2 GB, several minutes) and prints its parameter
// counts next to SD 1.5's (docs/onnx-format.md#full-size-model).
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { ensureFixtureModels, FIXTURE_CHECKPOINTS, FIXTURE_ESRGAN, FULL_SIZE_CHECKPOINTS, generateFixtureModels } from "@/lib/onnx/fixtures";
import { SD15_ARCHITECTURE } from "@/lib/onnx/fixtures/architecture";
import { parameterCounts, SD15_PARAMETERS } from "@/lib/onnx/fixtures/parameter-count";

function filesUnder(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target, { recursive: true, encoding: "utf8" }).map((f) => path.join(target, f)).filter((f) => fs.statSync(f).isFile()).sort();
}

function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const modelsDir = onyxPaths().models;
  const fullSize = process.argv.includes("--full-size");
  if (fullSize) {
    const counts = parameterCounts(SD15_ARCHITECTURE, 0);
    for (const [part, count] of Object.entries(counts)) {
      const expected = SD15_PARAMETERS[part as keyof typeof counts];
      console.log(`  ${part.padEnd(12)} ${count.toLocaleString("en")} parameters (SD 1.5: ${expected.toLocaleString("en")}, ${((100 * (count - expected)) / expected).toFixed(3)} %)`);
    }
  }
  const started = performance.now();
  const wrote = process.argv.includes("--force") ? (await generateFixtureModels(modelsDir, { fullSize }), true) : await ensureFixtureModels(modelsDir, { fullSize });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(wrote ? `generated fixture models in ${modelsDir} (${seconds} s)` : `fixture models in ${modelsDir} are up to date`);
  const folders = Object.keys(fullSize ? FULL_SIZE_CHECKPOINTS : FIXTURE_CHECKPOINTS).map((n) => path.join(modelsDir, "Stable-diffusion", n));
  const targets = fullSize ? folders : [...folders, path.join(modelsDir, "ESRGAN", FIXTURE_ESRGAN)];
  for (const file of targets.flatMap(filesUnder)) console.log(`  ${formatSize(fs.statSync(file).size).padStart(10)}  ${path.relative(modelsDir, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
