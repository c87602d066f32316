// Vitest global setup: make sure the fixture models exist (generated from TypeScript, never committed) and the
// trained models npm installed are converted.
import { onyxPaths } from "@/lib/config";
import { ensureConvertedModels } from "@/lib/convert/cache";
import { ensureFixtureModels } from "@/lib/onnx/fixtures";

export async function setup(): Promise<void> {
  await ensureFixtureModels(onyxPaths().models);
  ensureConvertedModels(onyxPaths().models);
}
