// GET /sdapi/v1/embeddings (docs/textual-inversion.md#api): A1111's `{loaded, skipped}`, each name →
// `{step, sd_checkpoint, sd_checkpoint_name, shape, vectors}`, for the current checkpoint's text encoder, read without
// loading the model. Onyx adds `reason` to the skipped ones, and lists the files A1111 would fail on there too.
import { currentEmbeddings } from "@/lib/networks/embedding-database";
import type { EmbeddingFile } from "@/lib/networks/embedding-files";

function fields(file: EmbeddingFile) {
  return { step: file.step, sd_checkpoint: file.sdCheckpoint, sd_checkpoint_name: file.sdCheckpointName, shape: file.shape, vectors: file.vectors };
}

export async function apiEmbeddings() {
  const db = await currentEmbeddings();
  return {
    loaded: Object.fromEntries([...db.loaded].map(([name, e]) => [name, fields(e.file)])),
    skipped: Object.fromEntries([...db.skipped].map(([name, s]) => [name, { ...fields(s.file), reason: s.reason }])),
  };
}
