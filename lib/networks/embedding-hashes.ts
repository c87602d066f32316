// A1111's `TI hashes` infotext field (docs/textual-inversion.md#ti-hashes). A1111 writes it from inside the text
// encoder's forward: each call (one per distinct prompt, the negative prompts first) lists the embeddings its chunks
// used — chunk by chunk, each name once — as `name: shorthash` (name without ":" and ","), and puts the value the
// field had before behind them. So an embedding in both prompts is named twice. The value is the one after the
// first batch's conditioning, which is what A1111's images carry when every batch has the same prompts.
import type { EmbeddingDatabase, LoadedEmbedding } from "@/lib/networks/embedding-database";
import { promptToChunks, type ChunkOptions, type PromptTokenizer } from "@/lib/prompts/chunks";
import { parseCompositePrompt } from "@/lib/prompts/composite";
import { getLearnedConditioningPromptSchedules } from "@/lib/prompts/schedules";

export interface HashedPrompts {
  /** The first batch's negative prompts and positive prompts (extra-network tags removed). */
  negatives: string[];
  prompts: string[];
  steps: number;
  useOldScheduling?: boolean;
}

/** The embeddings one encoder call over `texts` uses, in A1111's order: chunk 0 of every text, then chunk 1, … */
function usedInCall(texts: string[], tokenizer: PromptTokenizer, embeddings: EmbeddingDatabase, options: ChunkOptions): LoadedEmbedding[] {
  const chunked = texts.map((t) => promptToChunks(tokenizer, t, { ...options, embeddings }).chunks);
  const used = new Map<string, LoadedEmbedding>();
  const count = Math.max(...chunked.map((c) => c.length));
  for (let c = 0; c < count; c++) {
    for (const chunks of chunked) {
      for (const { embedding } of chunks[c]?.fixes ?? []) if (!used.has(embedding.name)) used.set(embedding.name, embeddings.loaded.get(embedding.name)!);
    }
  }
  return [...used.values()];
}

export function textualInversionHashes(embeddings: EmbeddingDatabase, tokenizer: PromptTokenizer, options: Omit<ChunkOptions, "embeddings">, job: HashedPrompts): string | null {
  const schedule = (text: string) => getLearnedConditioningPromptSchedules([text], job.steps, undefined, job.useOldScheduling)[0].map(([, t]) => t);
  // get_learned_conditioning runs once per distinct prompt; the positive ones are the distinct AND parts of all.
  const calls = [...new Set(job.negatives), ...new Set(job.prompts.flatMap((p) => parseCompositePrompt(p).map(([text]) => text)))];
  let value = "";
  for (const text of calls) {
    const hashes = usedInCall(schedule(text), tokenizer, embeddings, options).map((e) => `${e.name.replace(/[:,]/g, "")}: ${e.shortHash}`);
    if (hashes.length === 0) continue;
    if (value) hashes.push(value);
    value = hashes.join(", ");
  }
  return value || null;
}
