// Vitest global setup: make sure the fixture models exist (generated from TypeScript, never committed) and the
// trained models npm installed are converted, and the extra-network fixtures derived from the checkpoints exist.
import { onyxPaths } from "@/lib/config";
import { ensureConvertedModels } from "@/lib/convert/cache";
import { ensureNetworkFixtures } from "@/lib/networks/fixtures";
import { ensureFixtureModels } from "@/lib/onnx/fixtures";

export async function setup(): Promise<void> {
  await ensureFixtureModels(onyxPaths().models);
  ensureConvertedModels(onyxPaths().models);
  ensureNetworkFixtures(onyxPaths().models);
}
