// Fixture textual-inversion embeddings for the fixture checkpoints (docs/textual-inversion.md#fixtures), written
// into the embeddings folder beside the other network fixtures: `onyx-glint`, two vectors as wide as onyx-tiny's
// text encoder in A1111's usual safetensors form (`emb_params`), and `onyx-glint-xl`, an SDXL clip_g/clip_l pair
// that an SD1-type model skips. Rewritten when missing or different.
import fs from "node:fs";
import path from "node:path";
import { textEncoderWidth } from "@/lib/models/text-encoder-width";
import { writeSafetensors } from "@/lib/networks/safetensors";
import { PhiloxGenerator } from "@/lib/rng/philox";

export const FIXTURE_EMBEDDING = "onyx-glint";
export const FIXTURE_EMBEDDING_VECTORS = 2;
export const FIXTURE_SDXL_EMBEDDING = "onyx-glint-xl";
const SOURCE_CHECKPOINT = "onyx-tiny";

function writeIfChanged(file: string, write: (tmp: string) => void): void {
  const tmp = path.join(path.dirname(file), `.tmp-${path.basename(file)}-${process.pid}`);
  try {
    write(tmp);
    if (!fs.existsSync(file) || !fs.readFileSync(file).equals(fs.readFileSync(tmp))) fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The fixture embedding's vectors: normal values like the fixture token table's (seeded, so stable). */
export function fixtureEmbeddingVectors(width: number): Float32Array {
  return new PhiloxGenerator(2201).randn(FIXTURE_EMBEDDING_VECTORS * width);
}

export function ensureEmbeddingFixtures(modelsDir: string, embeddingsDir: string): void {
  const width = textEncoderWidth({ textEncoder: path.join(modelsDir, "Stable-diffusion", SOURCE_CHECKPOINT, "text_encoder/model.onnx") });
  fs.mkdirSync(embeddingsDir, { recursive: true });
  writeIfChanged(path.join(embeddingsDir, `${FIXTURE_EMBEDDING}.safetensors`), (tmp) =>
    writeSafetensors(tmp, { emb_params: { shape: [FIXTURE_EMBEDDING_VECTORS, width], data: fixtureEmbeddingVectors(width) } }),
  );
  writeIfChanged(path.join(embeddingsDir, `${FIXTURE_SDXL_EMBEDDING}.safetensors`), (tmp) =>
    writeSafetensors(tmp, {
      clip_g: { shape: [FIXTURE_EMBEDDING_VECTORS, 1280], data: new Float32Array(FIXTURE_EMBEDDING_VECTORS * 1280) },
      clip_l: { shape: [FIXTURE_EMBEDDING_VECTORS, 768], data: new Float32Array(FIXTURE_EMBEDDING_VECTORS * 768) },
    }),
  );
}
