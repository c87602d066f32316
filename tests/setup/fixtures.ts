// Vitest global setup: make sure the fixture models exist (generated from TypeScript, never committed).
import { onyxPaths } from "@/lib/config";
import { ensureFixtureModels } from "@/lib/onnx/fixtures";

export async function setup(): Promise<void> {
  await ensureFixtureModels(onyxPaths().models);
}
