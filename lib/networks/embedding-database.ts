// The textual-inversion embeddings one model can use (A1111's EmbeddingDatabase, docs/textual-inversion.md#loaded-and-skipped):
// the files whose vector width is the text encoder's are loaded, the others skipped with the reason. A prompt
// names an embedding by its file name: the name is tokenised with the model's tokenizer and matched on token ids,
// the longest name first where several start with the same id (docs/textual-inversion.md#matching).
import { defaultCheckpoint, sha256Of } from "@/lib/models/checkpoints";
import { readModelFolder, type ModelFolder } from "@/lib/models/model-folder";
import { textEncoderWidth } from "@/lib/models/text-encoder-width";
import { loadOptions } from "@/lib/settings/store";
import { folderTokenizer } from "@/lib/tokenizers/folder-tokenizers";
import { listEmbeddingFiles, readEmbeddingVectors, type EmbeddingFile } from "@/lib/networks/embedding-files";
import { chunkLength, type EmbeddingLookup, type PromptEmbedding } from "@/lib/prompts/chunks";

export class LoadedEmbedding implements PromptEmbedding {
  private read: Float32Array | null = null;

  constructor(readonly file: EmbeddingFile) {}

  get name(): string {
    return this.file.name;
  }

  get vectorCount(): number {
    return this.file.vectors;
  }

  vectors(): Float32Array {
    return (this.read ??= readEmbeddingVectors(this.file));
  }

  /** A1111's `shorthash`: the first 12 hex digits of the file's sha256 (not the AutoV3 hash LoRAs use). */
  get shortHash(): string {
    return sha256Of(this.file.path).slice(0, 12);
  }
}

export interface SkippedEmbedding {
  file: EmbeddingFile;
  reason: string;
}

export interface NameTokenizer {
  encode(text: string): number[];
}

export class EmbeddingDatabase implements EmbeddingLookup {
  /** By name, sorted by lower-cased name as A1111 sorts `word_embeddings`. */
  readonly loaded = new Map<string, LoadedEmbedding>();
  readonly skipped = new Map<string, SkippedEmbedding>();
  private readonly byFirstId = new Map<number, Array<{ ids: number[]; embedding: LoadedEmbedding }>>();

  /**
   * `width`: the text encoder's token-embedding width (768 for SD1, 1024 for SD2), A1111's `expected_shape`.
   * Files are taken in listing order; a later file of a name replaces the earlier one.
   */
  constructor(tokenizer: NameTokenizer, readonly width: number, files: EmbeddingFile[] = listEmbeddingFiles()) {
    const loaded = new Map<string, LoadedEmbedding>();
    const ids = new Map<string, number[]>();
    for (const file of files) {
      const reason = skipReason(file, width, tokenizer);
      loaded.delete(file.name);
      this.skipped.delete(file.name);
      if (reason) this.skipped.set(file.name, { file, reason });
      else {
        loaded.set(file.name, new LoadedEmbedding(file));
        ids.set(file.name, tokenizer.encode(file.name));
      }
    }
    for (const embedding of [...loaded.values()].sort((a, b) => compare(a.name.toLowerCase(), b.name.toLowerCase()))) {
      this.loaded.set(embedding.name, embedding);
      const nameIds = ids.get(embedding.name)!;
      const list = this.byFirstId.get(nameIds[0]) ?? [];
      list.push({ ids: nameIds, embedding });
      // Longest first; among equal lengths the order of loading (a stable sort keeps it).
      this.byFirstId.set(nameIds[0], list.sort((a, b) => b.ids.length - a.ids.length));
    }
  }

  match(tokens: readonly number[], offset: number): { embedding: LoadedEmbedding; tokenLength: number } | null {
    for (const { ids, embedding } of this.byFirstId.get(tokens[offset]) ?? []) {
      if (ids.every((id, i) => tokens[offset + i] === id)) return { embedding, tokenLength: ids.length };
    }
    return null;
  }

  /**
   * What the conditioning caches key on instead of the vectors: the loaded files and their versions. Through
   * JSON.stringify (the caches' keys are JSON) the database stands for this string.
   */
  toJSON(): string {
    return JSON.stringify([this.width, [...this.loaded.values()].map((e) => [e.name, e.file.path, e.file.shape, e.file.vectors, sha256Of(e.file.path)])]);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function skipReason(file: EmbeddingFile, width: number, tokenizer: NameTokenizer): string | null {
  if (file.unreadable) return file.unreadable;
  if (file.shape !== width) return `vector width ${file.shape}, the model's is ${width}`;
  // A1111 would build a chunk longer than 77 tokens and fail in the text encoder.
  if (file.vectors > chunkLength) return `${file.vectors} vectors, more than a 75-token chunk holds`;
  if (file.vectors < 1) return "no vectors";
  if (tokenizer.encode(file.name).length === 0) return "the name has no tokens, so no prompt can use it";
  return null;
}

/** The embeddings a model folder's text encoder can use, from the embeddings folder as it is now. */
export function modelEmbeddings(folder: Pick<ModelFolder, "textEncoder">, tokenizer: NameTokenizer): EmbeddingDatabase {
  return new EmbeddingDatabase(tokenizer, textEncoderWidth(folder));
}

/** The current checkpoint's (the `sd_model_checkpoint` setting's) embeddings, without loading the model. */
export async function currentEmbeddings(): Promise<EmbeddingDatabase> {
  const folder = readModelFolder(defaultCheckpoint(loadOptions().sd_model_checkpoint ?? "").dir);
  return modelEmbeddings(folder, await folderTokenizer(folder.tokenizerDir));
}
