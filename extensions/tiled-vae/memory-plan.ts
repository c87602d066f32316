// What a job's VAE calls cost with Tiled VAE on, for admission's estimate (docs/tiled-vae.md#memory): fast mode
// runs one tile at a time, so each whole-picture call becomes a call of one padded tile; synchronised mode (and
// the encoder's colour fix) keeps every tile's activations, so its calls stay as large as the picture. The cut
// graphs' attention is not chunked: up to WHOLE_LATENT_TOKENS latent pixels the latent-resolution part (the mid
// block) runs over the whole latent, above it over each tile, and that score matrix and its softmax are counted
// on top.
import type { CallShape, MemoryPlan } from "@onyx/sdk";
import { TILE_PADDING, type VaeSide } from "./split";
import { WHOLE_LATENT_TOKENS } from "./tiled-run";

export interface SideMemory {
  tileSize: number;
  /** Fast mode (one tile at a time); false: synchronised or colour fix. */
  fast: boolean;
  /** Whether the latent-resolution segments hold an attention (a Softmax): SD's mid block, one head. */
  latentAttention: boolean;
}

/** float32 scores and their softmax. */
const ATTENTION_BYTES_PER_SCORE = 2 * 4;

/** Latent pixels of one padded tile's input at most (the encoder's tile and padding are in image pixels). */
export function tileLatentPixels(side: VaeSide, tileSize: number): number {
  const span = tileSize + 2 * TILE_PADDING[side];
  const latentSpan = side === "decoder" ? span : Math.ceil(span / 8);
  return latentSpan * latentSpan;
}

/** One side's calls under Tiled VAE, and the bytes of whole-latent attention its largest call adds. */
function sidePlan(side: VaeSide, calls: CallShape[], memory: SideMemory): { calls: CallShape[]; attention: number } {
  const tile = tileLatentPixels(side, memory.tileSize);
  let attention = 0;
  const tiled = calls.map((call) => {
    // Small enough for one tile: the plain VAE runs, as the call says.
    if (call.pixels <= tile) return call;
    if (memory.latentAttention) {
      const tokens = call.pixels <= WHOLE_LATENT_TOKENS ? call.pixels : tile;
      attention = Math.max(attention, ATTENTION_BYTES_PER_SCORE * call.batch * tokens * tokens);
    }
    return memory.fast ? { ...call, pixels: tile } : call;
  });
  return { calls: tiled, attention };
}

/** The plan with Tiled VAE's decoder and (when given) encoder calls in place of the whole-picture ones. */
export function tiledVaeMemoryPlan(plan: MemoryPlan, sides: { decoder: SideMemory | null; encoder: SideMemory | null }): MemoryPlan {
  const decode = sides.decoder ? sidePlan("decoder", plan.vaeDecode, sides.decoder) : { calls: plan.vaeDecode, attention: 0 };
  const encode = sides.encoder ? sidePlan("encoder", plan.vaeEncode, sides.encoder) : { calls: plan.vaeEncode, attention: 0 };
  return { ...plan, vaeDecode: decode.calls, vaeEncode: encode.calls, extraBytes: plan.extraBytes + decode.attention + encode.attention };
}
