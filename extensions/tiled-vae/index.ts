// Tiled VAE (multidiffusion-upscaler-for-automatic1111's "Tiled VAE", docs/tiled-vae.md): an always-on script
// that runs every VAE decode and encode of a job over tiles, so memory is bounded by the tile whatever the
// picture's size, with GroupNorm statistics shared across the tiles so the result has no seams. It writes
// nothing to the infotext, as the original.
import { cheapApproximation, defineScript, isJobInterrupted, type JobContext, type MemoryPlan, type Tensor, type VaeFn } from "@onyx/sdk";
import { cutInfo, openCutVae } from "./cut-vae";
import { tiledVaeMemoryPlan, type SideMemory } from "./memory-plan";
import { splitTiles, type VaeSide } from "./split";
import { runTiled } from "./tiled-run";

/** The extension's recommended sizes without CUDA (its CPU/MPS row), which "↻ Reset" restores. */
export const DEFAULT_ENCODER_TILE = 512;
export const DEFAULT_DECODER_TILE = 64;

const params = [
  { name: "enabled", label: "Enable Tiled VAE", type: "bool", default: false },
  { name: "encoder_tile_size", label: "Encoder Tile Size", type: "int", default: DEFAULT_ENCODER_TILE, min: 256, max: 4096, step: 16 },
  { name: "decoder_tile_size", label: "Decoder Tile Size", type: "int", default: DEFAULT_DECODER_TILE, min: 48, max: 512, step: 16 },
  // Accepted for API compatibility; there is no GPU to move the VAE to.
  { name: "vae_to_gpu", label: "Move VAE to GPU (if possible)", type: "bool", default: true },
  { name: "fast_decoder", label: "Fast Decoder", type: "bool", default: true },
  { name: "fast_encoder", label: "Fast Encoder", type: "bool", default: true },
  { name: "color_fix", label: "Fast Encoder Color Fix", type: "bool", default: false, visibleWhen: { param: "fast_encoder", is: [true] } },
  // Onyx's own, after the original's seven: synchronised mode keeps every tile's activations; float16 halves them.
  { name: "park_float16", label: "Keep waiting tiles as float16 (synchronised mode: half the memory)", type: "bool", default: false },
] as const;

type Args = { encoder_tile_size: number; decoder_tile_size: number; fast_decoder: boolean; fast_encoder: boolean; color_fix: boolean; park_float16: boolean };

/** The encoder graph's result as the job's latent: the posterior's mean (first half of latent_parameters), scaled. */
function latentOf(output: Tensor, outputName: string, scale: number): Tensor {
  const [b, c, h, w] = output.shape;
  const keep = outputName === "latent_parameters" ? c / 2 : c;
  const data = new Float32Array(b * keep * h * w);
  for (let i = 0; i < b; i++) {
    const from = output.data.subarray(i * c * h * w, (i * c + keep) * h * w);
    for (let j = 0; j < from.length; j++) data[i * keep * h * w + j] = from[j] * scale;
  }
  return { data, shape: [b, keep, h, w] };
}

/** One VAE half through the tiles; anything the tiles cannot do runs the plain VAE, with a warning. */
export function tiledVae(inner: VaeFn, ctx: JobContext<Args>, side: VaeSide): VaeFn {
  const { args, services } = ctx;
  return async (x) => {
    const tileSize = side === "decoder" ? args.decoder_tile_size : args.encoder_tile_size;
    const split = splitTiles(side, x.shape[2], x.shape[3], tileSize);
    // Small inputs run the plain VAE untouched; so does the Tiling (seamless textures) option's circular VAE.
    if (split.tiles.length === 0 || ctx.job.options.tiling) return inner(x);
    let vae;
    try {
      vae = openCutVae(services.model, side);
    } catch (error) {
      ctx.warn(`Tiled VAE: the VAE ${side} could not be cut at its GroupNorms (${(error as Error).message}); it ran untiled`);
      return inner(x);
    }
    if (!vae) {
      ctx.warn(`Tiled VAE: the VAE ${side} has no GroupNorm Tiled VAE recognises; it ran untiled`);
      return inner(x);
    }
    const scale = services.model.vaeScalingFactor;
    const input = side === "decoder" ? { data: x.data.map((v) => v / scale), shape: x.shape } : x;
    const steps = services.progress.subSteps(split.tiles.length, `Tiled VAE ${side === "decoder" ? "decode" : "encode"}: tile`);
    try {
      const { result } = await runTiled(vae, input, split, {
        fast: side === "decoder" ? args.fast_decoder : args.fast_encoder,
        colorFix: args.color_fix,
        parkHalf: args.park_float16,
        tileSize,
        step: () => steps.next(),
        // An interrupted decode returns the cheap approximation at once; an encode finishes (its latent is needed).
        shouldStop: side === "decoder" ? () => services.progress.interrupted : undefined,
      });
      if (!result) return cheapApproximation(x);
      return side === "decoder" ? result : latentOf(result, vae.output, scale);
    } catch (error) {
      if (isJobInterrupted(error)) throw error;
      ctx.warn(`Tiled VAE: the tiled VAE ${side} failed (${(error as Error).message}); it ran untiled`);
      return inner(x);
    } finally {
      steps.done();
    }
  };
}

/** `ctx.state` key: admission turned the tiled decode on for this job (fitVaeDecode). */
const AUTO_DECODE = "auto decode";

/** What one side costs under Tiled VAE for the estimate; null when it runs untiled (no cut, or the Tiling option). */
function sideMemory(ctx: JobContext<Args>, side: VaeSide, fast: boolean): SideMemory | null {
  if (ctx.job.options.tiling) return null;
  let info;
  try {
    info = cutInfo(ctx.services.model, side);
  } catch {
    return null; // the decode itself will warn and run untiled
  }
  if (!info) return null;
  return { tileSize: side === "decoder" ? ctx.args.decoder_tile_size : ctx.args.encoder_tile_size, fast, ...info };
}

/** The job's plan with the sides Tiled VAE runs in tiles (docs/tiled-vae.md#memory). */
function memoryPlan(ctx: JobContext<Args>, plan: MemoryPlan, sides: { decoder: boolean; encoder: boolean }, fastDecoder: boolean): MemoryPlan {
  const { args } = ctx;
  return tiledVaeMemoryPlan(plan, {
    decoder: sides.decoder ? sideMemory(ctx, "decoder", fastDecoder) : null,
    encoder: sides.encoder ? sideMemory(ctx, "encoder", args.fast_encoder && !args.color_fix) : null,
  }, ctx.services.model.attentionScoreBytes);
}

/** An automatic decode runs in fast mode, the one whose memory the tile bounds. */
const autoArgs = (args: Args): Args => ({ ...args, fast_decoder: true });

export const tiledVaeScript = defineScript({
  title: "Tiled VAE",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params,
  hooks: {
    wrapVaeDecode: (inner, ctx) => {
      if (ctx.args.enabled) return tiledVae(inner, ctx, "decoder");
      return ctx.state.has(AUTO_DECODE) ? tiledVae(inner, { ...ctx, args: autoArgs(ctx.args) }, "decoder") : inner;
    },
    wrapVaeEncode: (inner, ctx) => (ctx.args.enabled ? tiledVae(inner, ctx, "encoder") : inner),
    memoryPlan: (ctx, plan) => (ctx.args.enabled ? memoryPlan(ctx, plan, { decoder: true, encoder: true }, ctx.args.fast_decoder) : undefined),
    // Admission found that only the whole-picture decode does not fit: decode this job in tiles, fast mode.
    fitVaeDecode(ctx, plan) {
      if (ctx.args.enabled || !sideMemory(ctx, "decoder", true)) return undefined;
      ctx.state.set(AUTO_DECODE, true);
      return memoryPlan({ ...ctx, args: autoArgs(ctx.args) }, plan, { decoder: true, encoder: false }, true);
    },
  },
});

export const scripts = [tiledVaeScript];
