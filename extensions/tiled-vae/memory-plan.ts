// What a job's VAE calls cost with Tiled VAE on, for admission's estimate (docs/tiled-vae.md#memory): fast mode
// runs one tile at a time, so each whole-picture call becomes a call of one padded tile; synchronised mode (and
// the encoder's colour fix) keeps every tile's activations, so its calls stay as large as the picture. The
// latent-resolution part (the mid block) runs over the whole latent with its attention chunked under the job's
// chunking; those scores and their softmax, as admission counts the job's own attention, are added on top.
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
}

/** Latent pixels of one padded tile's input at most (the encoder's tile and padding are in image pixels). */
export function tileLatentPixels(side: VaeSide, tileSize: number): number {
  const span = tileSize + 2 * TILE_PADDING[side];
  const latentSpan = side === "decoder" ? span : Math.ceil(span / 8);
  return latentSpan * latentSpan;
}

/** One side's calls under Tiled VAE, and the bytes of whole-latent attention its largest call adds. */
function sidePlan(side: VaeSide, calls: CallShape[], memory: SideMemory, scoreBytes: ScoreBytes): { calls: CallShape[]; attention: number } {
  const tile = tileLatentPixels(side, memory.tileSize);
  let attention = 0;
  const tiled = calls.map((call) => {
    // Small enough for one tile: the plain VAE runs, as the call says.
    if (call.pixels <= tile) return call;
    // SD's mid block: one head, every latent pixel a query and a key.
    if (memory.latentAttention) attention = Math.max(attention, scoreBytes(call.batch, call.pixels, call.pixels));
    return memory.fast ? { ...call, pixels: tile } : call;
  });
  return { calls: tiled, attention };
}

/** The plan with Tiled VAE's decoder and (when given) encoder calls in place of the whole-picture ones. */
export function tiledVaeMemoryPlan(plan: MemoryPlan, sides: { decoder: SideMemory | null; encoder: SideMemory | null }, scoreBytes: ScoreBytes): MemoryPlan {
  const decode = sides.decoder ? sidePlan("decoder", plan.vaeDecode, sides.decoder, scoreBytes) : { calls: plan.vaeDecode, attention: 0 };
  const encode = sides.encoder ? sidePlan("encoder", plan.vaeEncode, sides.encoder, scoreBytes) : { calls: plan.vaeEncode, attention: 0 };
  return { ...plan, vaeDecode: decode.calls, vaeEncode: encode.calls, extraBytes: plan.extraBytes + decode.attention + encode.attention };
}
