// A prompt as the CLIP text encoder takes it (docs/a1111/prompts.md#chunks-of-75-tokens): attention runs tokenised into
// 75-token chunks with per-token weights, long prompts broken after a nearby comma, BREAK closing a
// chunk, textual-inversion embeddings taking one place per vector (docs/textual-inversion.md#chunks), each chunk
// wrapped as [start, 75 tokens, end] = 77 ids. And the emphasis applied to the encoder output afterwards.
import { breakMarker, parsePromptAttention, type WeightedRun } from "@/lib/prompts/attention";

/** What chunking needs from a tokenizer (ClipTokenizer fits). */
export interface PromptTokenizer {
  encode(text: string): number[];
  bosId: number;
  eosId: number;
  padId: number;
  /** Id of `,</w>`; without one, comma backtracking is off. */
  commaId: number | undefined;
}

/** A1111's emphasis setting: `Original` weights and restores the mean, `No norm` only weights,
 * `Ignore` parses brackets but leaves the output alone, `None` doesn't parse brackets at all. */
export type EmphasisMode = "Original" | "No norm" | "Ignore" | "None";

/** A textual-inversion embedding as chunking sees it (lib/networks/embedding-database.ts). */
export interface PromptEmbedding {
  readonly name: string;
  /** How many token places its vectors take. */
  readonly vectorCount: number;
  /** Its vectors, vectorCount × the text encoder's width, row-major. */
  vectors(): Float32Array;
}

/** Finds the embedding whose name's token ids start at `offset` (the longest such name), or null. */
export interface EmbeddingLookup {
  match(tokens: readonly number[], offset: number): { embedding: PromptEmbedding; tokenLength: number } | null;
}

/** An embedding's vectors replace the token embeddings of ids[position …] (A1111's PromptChunkFix). */
export interface EmbeddingFix {
  position: number;
  embedding: PromptEmbedding;
}

export interface PromptChunk {
  /** 77 ids: start, 75 tokens (end-token padded), end; SD2 pads after the first end token with padId. */
  ids: Int32Array;
  /** One weight per id, 1.0 for start, end and padding. */
  weights: Float32Array;
  /** Embeddings placed in this chunk; their places hold id 0, as in A1111. */
  fixes: EmbeddingFix[];
}

export interface ChunkOptions {
  emphasis?: EmphasisMode;
  /** A1111 `comma_padding_backtrack` (default 20); 0 turns it off. */
  commaPaddingBacktrack?: number;
  /** The loaded textual-inversion embeddings, matched by their names' token ids. */
  embeddings?: EmbeddingLookup;
}

export const chunkLength = 75;

export interface ChunkedPrompt {
  chunks: PromptChunk[];
  /** Tokens used, for the UI's `used/limit` counter (full chunks count 75, the last its length). */
  tokenCount: number;
}

/** The counter's limit: the next multiple of 75 (75 for an empty prompt). */
export function promptTokenLimit(tokenCount: number): number {
  return Math.ceil(Math.max(tokenCount, 1) / chunkLength) * chunkLength;
}

function wrapChunk(tokens: number[], weights: number[], fixes: EmbeddingFix[], tokenizer: PromptTokenizer): PromptChunk {
  const padding = chunkLength - tokens.length;
  const ids = Int32Array.from([tokenizer.bosId, ...tokens, ...Array<number>(padding).fill(tokenizer.eosId), tokenizer.eosId]);
  // SD1 pads with the end token itself; SD2 replaces everything after the first end token.
  if (tokenizer.padId !== tokenizer.eosId) ids.fill(tokenizer.padId, ids.indexOf(tokenizer.eosId) + 1);
  const w = Float32Array.from([1, ...weights, ...Array<number>(padding).fill(1), 1]);
  return { ids, weights: w, fixes };
}

export function promptToChunks(tokenizer: PromptTokenizer, text: string, options: ChunkOptions = {}): ChunkedPrompt {
  const emphasis = options.emphasis ?? "Original";
  const backtrack = options.commaPaddingBacktrack ?? 20;
  const runs: WeightedRun[] = emphasis === "None" ? [[text, 1]] : parsePromptAttention(text);

  const chunks: PromptChunk[] = [];
  let tokens: number[] = [];
  let weights: number[] = [];
  let fixes: EmbeddingFix[] = [];
  let tokenCount = 0;
  let lastComma = -1;

  const closeChunk = (isLast: boolean) => {
    tokenCount += isLast ? tokens.length : chunkLength;
    chunks.push(wrapChunk(tokens, weights, fixes, tokenizer));
    tokens = [];
    weights = [];
    fixes = [];
    lastComma = -1;
  };

  for (const [runText, weight] of runs) {
    if (runText === breakMarker[0] && weight === breakMarker[1]) {
      closeChunk(false);
      continue;
    }
    const runTokens = tokenizer.encode(runText);
    for (let at = 0; at < runTokens.length; ) {
      const token = runTokens[at];
      if (token === tokenizer.commaId) {
        lastComma = tokens.length;
      } else if (backtrack !== 0 && tokens.length === chunkLength && lastComma !== -1 && tokens.length - lastComma <= backtrack) {
        // A full chunk with a comma near its end: the words after that comma start the next chunk. An embedding's
        // places move with them but its fix stays with the closed chunk, as in A1111 (docs/textual-inversion.md#chunks).
        const cut = lastComma + 1;
        const movedTokens = tokens.slice(cut);
        const movedWeights = weights.slice(cut);
        tokens = tokens.slice(0, cut);
        weights = weights.slice(0, cut);
        closeChunk(false);
        tokens = movedTokens;
        weights = movedWeights;
      }
      if (tokens.length === chunkLength) closeChunk(false);
      const found = options.embeddings?.match(runTokens, at);
      if (!found) {
        tokens.push(token);
        weights.push(weight);
        at += 1;
        continue;
      }
      // An embedding never straddles two chunks: one that does not fit starts the next.
      const count = found.embedding.vectorCount;
      if (tokens.length + count > chunkLength) closeChunk(false);
      fixes.push({ position: tokens.length + 1, embedding: found.embedding });
      tokens.push(...Array<number>(count).fill(0));
      weights.push(...Array<number>(count).fill(weight));
      at += found.tokenLength;
    }
  }
  if (tokens.length > 0 || chunks.length === 0) closeChunk(true);
  return { chunks, tokenCount };
}

/**
 * A1111's emphasis on the encoder output `z` ([…, tokens, dim], `weights` one per token): scale
 * each token's vector by its weight; "Original" then rescales everything so the mean over the whole
 * tensor is what it was. In place; float32 like torch (the means are summed in float64).
 */
export function applyEmphasis(z: Float32Array, weights: Float32Array, dim: number, mode: EmphasisMode): void {
  if (mode === "Ignore" || mode === "None") return;
  if (z.length !== weights.length * dim) throw new Error(`emphasis: ${z.length} values for ${weights.length} tokens × ${dim}`);
  const originalMean = mean(z);
  for (let t = 0; t < weights.length; t++) {
    for (let d = t * dim; d < (t + 1) * dim; d++) z[d] *= weights[t];
  }
  if (mode === "No norm") return;
  const scale = Math.fround(Math.fround(originalMean) / Math.fround(mean(z)));
  for (let i = 0; i < z.length; i++) z[i] *= scale;
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
