// Where tests find the team's shared data (the real CLIP tokenizer files, photos): the folder named by
// ONYX_SHARED_DIR, or `../shared` beside the repository, as every checkout and CI lays it out.
import path from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A path inside the shared data folder (`sharedData("clip", "vocab.json")`). */
export function sharedData(...parts: string[]): string {
  const root = process.env.ONYX_SHARED_DIR ?? path.join(repositoryRoot, "..", "shared");
  return path.join(root, "data", ...parts);
}
