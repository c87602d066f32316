// What a job's VAE calls cost with Tiled VAE on, for admission's estimate (docs/tiled-vae.md#memory): fast mode
// runs one tile at a time, so each whole-picture call becomes a call of one padded tile; synchronised mode (and
// the encoder's colour fix) keeps every tile's activations, so its calls stay as large as the picture. The
// latent-resolution part (the mid block) runs over the whole latent with its attention chunked under the job's
// chunking — in fast mode only while that costs no more than a tile (`latentPartRunsWhole`, which the decode
// itself follows); its scores and softmax, as admission counts the job's own attention, are added on top, and
// in fast mode so are that part's whole-latent activations, which the tile-sized call does not hold.
import type { CallShape, MemoryPlan } from "@onyx/sdk";
import { TILE_PADDING, type VaeSide } from "./split";

/** Bytes of one attention's scores and softmax over [L, N, M] under the job's chunking (ModelService.attentionScoreBytes). */
export type ScoreBytes = (l: number, n: number, m: number) => number;

/** A VAE half's graph as the estimate sees it (graph-memory.ts reads it off the graph). */
export interface PartMemory {
  /** Whether the latent-resolution segments hold an attention (a Softmax): SD's mid block, one head. */
  latentAttention: boolean;
  /** The channels of the latent-resolution part's activations (SD: 512). */
  latentChannels: number;
  /** The channels of a tile's widest tensor at the picture's resolution (SD decoder: 256, encoder: 128). */
  outputChannels: number;
}

export interface SideMemory extends PartMemory {
  tileSize: number;
  /** Fast mode (one tile at a time); false: synchronised or colour fix. */
  fast: boolean;
}

/**
 * Whole-latent float32 tensors of the latent-resolution part resident at once: in the inference process the
 * attention block's input, its normalised copy, q, k, v and output, in the job's process the two tensors the
 * tiles are cut from. The fixture decoder's fast 4096² − 1024² peak, less its attention's larger chunk, is 8.5 such
 * tensors (scripts/bench/tiled-vae.ts, docs/tiled-vae.md#memory). A tile is counted the same way, with as many
 * tensors of its picture-resolution channels.
 */
export const WHOLE_LATENT_TENSORS = 8;

const span = (side: VaeSide, tileSize: number) => tileSize + 2 * TILE_PADDING[side];

/** Latent pixels of one padded tile's input at most (the encoder's tile and padding are in image pixels). */
export function tileLatentPixels(side: VaeSide, tileSize: number): number {
  const latentSpan = side === "decoder" ? span(side, tileSize) : Math.ceil(span(side, tileSize) / 8);
  return latentSpan * latentSpan;
}

/** Picture pixels of one padded tile (the decoder's output, the encoder's input). */
const tilePicturePixels = (side: VaeSide, tileSize: number) => (side === "decoder" ? 64 * tileLatentPixels(side, tileSize) : span(side, tileSize) ** 2);

/** Bytes the latent-resolution part holds over the whole latent: its activations and its attention's chunk. */
export function wholeLatentBytes(memory: PartMemory, batch: number, pixels: number, scoreBytes: ScoreBytes): number {
  const attention = memory.latentAttention ? scoreBytes(batch, pixels, pixels) : 0;
  return attention + WHOLE_LATENT_TENSORS * memory.latentChannels * batch * pixels * 4;
}

/** Bytes a padded tile holds at the picture's resolution: WHOLE_LATENT_TENSORS tensors of its widest channels. */
export function tileBytes(side: VaeSide, memory: PartMemory, batch: number, tileSize: number): number {
  return WHOLE_LATENT_TENSORS * memory.outputChannels * batch * tilePicturePixels(side, tileSize) * 4;
}

/**
 * Fast mode: whether the latent-resolution part runs once over the whole latent (exact statistics, its attention
 * seeing all of it) — only while that costs no more than the tiles themselves, so memory stays bounded by the tile
 * at any size; above it each tile runs the whole frozen graph, as the original extension (docs/tiled-vae.md#modes).
 */
export function latentPartRunsWhole(side: VaeSide, memory: PartMemory, batch: number, latentPixels: number, tileSize: number, scoreBytes: ScoreBytes): boolean {
  return wholeLatentBytes(memory, batch, latentPixels, scoreBytes) <= tileBytes(side, memory, batch, tileSize);
}

/** One side's calls under Tiled VAE, and the bytes of the whole-latent part its largest call adds. */
function sidePlan(side: VaeSide, calls: CallShape[], memory: SideMemory, scoreBytes: ScoreBytes): { calls: CallShape[]; whole: number } {
  const tile = tileLatentPixels(side, memory.tileSize);
  let whole = 0;
  const tiled = calls.map((call) => {
    // Small enough for one tile: the plain VAE runs, as the call says.
    if (call.pixels <= tile) return call;
    if (!memory.fast) {
      // The whole picture's call already holds the latent-resolution activations; its attention runs chunked on top.
      whole = Math.max(whole, memory.latentAttention ? scoreBytes(call.batch, call.pixels, call.pixels) : 0);
      return call;
    }
    // Fast: one tile's call, plus the whole-latent part while it runs whole (otherwise each tile's call runs the
    // whole graph, its own attention included).
    if (latentPartRunsWhole(side, memory, call.batch, call.pixels, memory.tileSize, scoreBytes)) whole = Math.max(whole, wholeLatentBytes(memory, call.batch, call.pixels, scoreBytes));
    return { ...call, pixels: tile };
  });
  return { calls: tiled, whole };
}

/** The plan with Tiled VAE's decoder and (when given) encoder calls in place of the whole-picture ones. */
export function tiledVaeMemoryPlan(plan: MemoryPlan, sides: { decoder: SideMemory | null; encoder: SideMemory | null }, scoreBytes: ScoreBytes): MemoryPlan {
  const decode = sides.decoder ? sidePlan("decoder", plan.vaeDecode, sides.decoder, scoreBytes) : { calls: plan.vaeDecode, whole: 0 };
  const encode = sides.encoder ? sidePlan("encoder", plan.vaeEncode, sides.encoder, scoreBytes) : { calls: plan.vaeEncode, whole: 0 };
  return { ...plan, vaeDecode: decode.calls, vaeEncode: encode.calls, extraBytes: plan.extraBytes + decode.whole + encode.whole };
}
