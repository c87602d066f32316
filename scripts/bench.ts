// `npm run bench`: prints Onyx's performance figures and writes them to <DATA_DIR>/bench.json.
// Not a test: figures vary by machine; ratios against bare onnxruntime are the comparable part.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { ensureFixtureModels } from "@/lib/onnx/fixtures";
import { benchPipeline } from "./bench/pipeline";
import { benchExtras } from "./bench/extras";
import { benchHistory } from "./bench/history";
import { benchTiledVae } from "./bench/tiled-vae";

async function main(): Promise<void> {
  const paths = onyxPaths();
  await ensureFixtureModels(paths.models);
  const figures: Record<string, Record<string, number>> = {};
  const run = async (name: string, bench: () => Promise<Record<string, number>>) => {
    figures[name] = await bench();
    console.log(`\n${name}`);
    for (const [key, value] of Object.entries(figures[name])) console.log(`  ${key.padEnd(28)} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  };
  await run("txt2img onyx-tiny 512x512, 20 steps, DPM++ 2M", () =>
    benchPipeline({ checkpoint: "onyx-tiny", width: 512, height: 512, steps: 20, sampler: "DPM++ 2M" }),
  );
  await run("extras: fixture ESRGAN ×4 to 8.4 MP, tiled (tile 192, overlap 8)", benchExtras);
  await run("history (10,000 images)", benchHistory);
  await run("Tiled VAE: fixture decoder, decoder tile 64", benchTiledVae);
  const out = path.join(paths.data, "bench.json");
  fs.mkdirSync(paths.data, { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), figures }, null, 2));
  console.log(`\nwritten to ${out}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
