// Tokenizers of checkpoint folders for what needs one without loading the model (the prompt boxes' token counter,
// `/sdapi/v1/embeddings`): read once per tokenizer folder and kept; a folder that failed to read is tried again.
import { processSingleton } from "@/lib/process-singleton";
import { ClipTokenizer } from "@/lib/tokenizers/clip-tokenizer";

const tokenizers = processSingleton("folderTokenizers", () => new Map<string, Promise<ClipTokenizer>>());

export function folderTokenizer(dir: string): Promise<ClipTokenizer> {
  let tokenizer = tokenizers.get(dir);
  if (!tokenizer) {
    tokenizer = ClipTokenizer.fromDirectory(dir);
    tokenizer.catch(() => tokenizers.delete(dir));
    tokenizers.set(dir, tokenizer);
  }
  return tokenizer;
}
