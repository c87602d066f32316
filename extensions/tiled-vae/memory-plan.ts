// What a job's VAE calls cost with Tiled VAE on, for admission's estimate (docs/tiled-vae.md#memory): fast mode
// runs one tile at a time, so each whole-picture call becomes a call of one padded tile; synchronised mode (and
// the encoder's colour fix) keeps every tile's activations, so its calls stay as large as the picture. The
// latent-resolution part (the mid block) runs over the whole latent with its attention chunked under the job's
// chunking; those scores and their softmax, as admission counts the job's own attention, are added on top, and in
// fast mode so are that part's whole-latent activations, which the tile-sized call does not hold.
import type { CallShape, MemoryPlan } from "@onyx/sdk";
import { TILE_PADDING, type VaeSide } from "./split";

/** Bytes of one attention's scores and softmax over [L, N, M] under the job's chunking (ModelService.attentionScoreBytes). */
export type ScoreBytes = (l: number, n: number, m: number) => number;

export interface SideMemory {
  tileSize: number;
  /** Fast mode (one tile at a time); false: synchronised or colour fix. */
  fast: boolean;
  /** Whether the latent-resolution segments hold an attention (a Softmax): SD's mid block, one head. */
  latentAttention: boolean;
  /** The channels of the latent-resolution part's activations (SD: 512). */
  latentChannels: number;
}

/**
 * Whole-latent float32 tensors of the latent-resolution part resident at once: in the inference process the
 * attention block's input, its normalised copy, q, k, v and output, in the job's process the two tensors the
 * tiles are cut from. The fixture decoder's fast 4096² − 1024² peak, less its attention's larger chunk, is 8.5 such
 * tensors (scripts/bench/tiled-vae.ts, docs/tiled-vae.md#memory).
 */
export const WHOLE_LATENT_TENSORS = 8;

/** Latent pixels of one padded tile's input at most (the encoder's tile and padding are in image pixels). */
export function tileLatentPixels(side: VaeSide, tileSize: number): number {
  const span = tileSize + 2 * TILE_PADDING[side];
  const latentSpan = side === "decoder" ? span : Math.ceil(span / 8);
  return latentSpan * latentSpan;
}

/** One side's calls under Tiled VAE, and the bytes of the whole-latent part its largest call adds. */
function sidePlan(side: VaeSide, calls: CallShape[], memory: SideMemory, scoreBytes: ScoreBytes): { calls: CallShape[]; whole: number } {
  const tile = tileLatentPixels(side, memory.tileSize);
  let whole = 0;
  const tiled = calls.map((call) => {
    // Small enough for one tile: the plain VAE runs, as the call says.
    if (call.pixels <= tile) return call;
    // SD's mid block: one head, every latent pixel a query and a key.
    const attention = memory.latentAttention ? scoreBytes(call.batch, call.pixels, call.pixels) : 0;
    // The whole picture's call already holds the latent-resolution activations; a tile's does not.
    const activations = memory.fast ? WHOLE_LATENT_TENSORS * memory.latentChannels * call.batch * call.pixels * 4 : 0;
    whole = Math.max(whole, attention + activations);
    return memory.fast ? { ...call, pixels: tile } : call;
  });
  return { calls: tiled, whole };
}

/** The plan with Tiled VAE's decoder and (when given) encoder calls in place of the whole-picture ones. */
export function tiledVaeMemoryPlan(plan: MemoryPlan, sides: { decoder: SideMemory | null; encoder: SideMemory | null }, scoreBytes: ScoreBytes): MemoryPlan {
  const decode = sides.decoder ? sidePlan("decoder", plan.vaeDecode, sides.decoder, scoreBytes) : { calls: plan.vaeDecode, whole: 0 };
  const encode = sides.encoder ? sidePlan("encoder", plan.vaeEncode, sides.encoder, scoreBytes) : { calls: plan.vaeEncode, whole: 0 };
  return { ...plan, vaeDecode: decode.calls, vaeEncode: encode.calls, extraBytes: plan.extraBytes + decode.whole + encode.whole };
}
