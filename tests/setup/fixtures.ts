// Vitest global setup: make sure the fixture models exist (generated from TypeScript, never committed) and the
// trained models npm installed are converted, and the extra-network fixtures derived from the checkpoints exist
// (the embeddings in the embeddings folder, docs/textual-inversion.md#fixtures).
import { onyxPaths } from "@/lib/config";
import { ensureConvertedModels } from "@/lib/convert/cache";
import { ensureEmbeddingFixtures } from "@/lib/networks/embedding-fixtures";
import { ensureNetworkFixtures } from "@/lib/networks/fixtures";
import { ensureFixtureModels } from "@/lib/onnx/fixtures";

export async function setup(): Promise<void> {
  await ensureFixtureModels(onyxPaths().models);
  ensureConvertedModels(onyxPaths().models);
  ensureNetworkFixtures(onyxPaths().models);
  ensureEmbeddingFixtures(onyxPaths().models, onyxPaths().embeddings);
}
