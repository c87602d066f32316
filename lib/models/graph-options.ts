// How a job runs the UNet and VAE graphs: Tiling (circular padding) and memory-efficient attention
// (attention-graph.ts), from A1111's settings: "Cross attention optimization", the sub-quadratic
// query chunk size and the chunking threshold in percent of the memory available (docs/memory.md#settings).
import { ATTENTION_CHUNKING_INPUT } from "@/lib/models/attention-graph";
import type { Feed, OnnxSession } from "@/lib/models/onnx-session";
import type { Options } from "@/lib/settings/options";

export interface AttentionChunking {
  /** Score matrices (L·N·M elements) up to this size are computed whole. */
  limit: number;
  /** Above it, at most this many query rows per chunk… */
  rows: number;
  /** …and at most this many score elements per chunk (fewer rows when L·rows·M is larger). */
  budget: number;
}

export interface GraphOptions {
  tiling: boolean;
  attention: AttentionChunking;
}

/** Larger than any score matrix: attention is never chunked. */
export const NEVER_CHUNK = 2 ** 62;

/** The exported attention as it is ("Cross attention optimization: None"). */
export const WHOLE_ATTENTION: AttentionChunking = { limit: NEVER_CHUNK, rows: 1024, budget: NEVER_CHUNK };

export type AttentionSettings = Pick<Options, "cross_attention_optimization" | "sub_quad_q_chunk_size"> & {
  /** Percent of the available memory; A1111's None (no value) takes Onyx's default. */
  sub_quad_chunk_threshold: number | null;
};

/** Measured on the 2-core development machine: chunking is faster from matrices of a few hundred MB (docs/memory.md#settings). */
export const DEFAULT_CHUNK_THRESHOLD_PERCENT = 1;

/** Bytes of one score element: onnxruntime computes fp16 graphs' scores in fp16, fp32 ones in fp32; fp32 bounds both. */
const SCORE_BYTES = 4;

/**
 * "Automatic" is sub-quadratic, the memory-efficient method a CPU has (as A1111's Automatic picks the
 * best one available); a threshold of 0 chunks every attention, as in A1111.
 */
export function attentionChunking(settings: AttentionSettings, availableBytes: number): AttentionChunking {
  const rows = settings.sub_quad_q_chunk_size;
  if (settings.cross_attention_optimization === "None") return { limit: NEVER_CHUNK, rows, budget: NEVER_CHUNK };
  const percent = settings.sub_quad_chunk_threshold ?? DEFAULT_CHUNK_THRESHOLD_PERCENT;
  const limit = Math.floor(((percent / 100) * availableBytes) / SCORE_BYTES);
  // A threshold of 0 chunks everything at `rows` rows (A1111); otherwise no chunk is larger than the threshold.
  return { limit, rows, budget: limit > 0 ? limit : NEVER_CHUNK };
}

/** The graph input that carries the chunking, for sessions of a rewritten graph (none otherwise). */
export function attentionFeeds(session: OnnxSession, chunking: AttentionChunking): Record<string, Feed> {
  if (!session.input(ATTENTION_CHUNKING_INPUT)) return {};
  const clamp = (n: number) => Math.min(n, NEVER_CHUNK);
  return { [ATTENTION_CHUNKING_INPUT]: { data: [clamp(chunking.limit), chunking.rows, clamp(chunking.budget)], shape: [3] } };
}
