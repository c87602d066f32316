// A job's peak memory before it runs (docs/memory.md#the-estimate): the model calls it will make (its memory
// plan: UNet at the first-pass and hires sizes, VAE decode and encode), each call's peak from the
// component's measured figures (lib/models/memory-profile.ts) under the job's attention chunking,
// plus the pictures the job holds. onnxruntime keeps each session's arena at the largest call it
// served, so the job's peak is the sum over components of each one's largest call.
import type { AttentionChunking } from "@/lib/models/graph-options";
import { callPeak, type CallShape, type ComponentMemory } from "@/lib/models/memory-profile";
import type { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import { hiresTarget } from "@/lib/pipeline/hires-target";
import type { Processing } from "@/lib/pipeline/processing";
import type { MemoryPlan } from "@/lib/scripts/script";
import { isLatentUpscaleMode } from "@/lib/upscalers/latent-upscale";

/** SD UNets see latents padded to a multiple of 8 (unet.ts). */
const UNET_MULTIPLE = 8;
/**
 * Bytes per output pixel and image held outside the model calls: the decoded float tensor on both
 * sides of the process hop, its RGB copy and the PNG encoder's buffers (measured with `npm run bench`).
 */
const BYTES_PER_IMAGE_PIXEL = 60;
const TOKENS_PER_CHUNK = 75;

export interface JobEstimate {
  /** Bytes above the idle processes. */
  total: number;
  unet: number;
  vaeDecode: number;
  vaeEncode: number;
  extra: number;
}

/** Prompt tokens the UNet's cross-attention sees: 77 per chunk of 75 tokens, the longer prompt deciding. */
function contextTokens(p: Processing): number {
  const count = (text: string) => Math.max(1, Math.ceil(p.model.tokenizer.encode(text).length / TOKENS_PER_CHUNK));
  return 77 * Math.max(count(p.params.prompt), count(p.params.negativePrompt), count(p.params.hrPrompt), count(p.params.hrNegativePrompt));
}

/** The calls a txt2img or img2img job makes without scripts. */
export function jobMemoryPlan(p: Processing): MemoryPlan {
  const { params } = p;
  const batch = params.batchSize;
  const context = contextTokens(p);
  const padded = (n: number) => Math.ceil(n / UNET_MULTIPLE) * UNET_MULTIPLE;
  const unetAt = (h: number, w: number): CallShape => ({ batch: 2 * batch, pixels: padded(h) * padded(w), context });
  const vaeAt = (h: number, w: number): CallShape => ({ batch, pixels: h * w, context: 0 });
  const [, h, w] = p.latentShape();
  const plan: MemoryPlan = { unet: [unetAt(h, w)], vaeDecode: [], vaeEncode: p.kind === "img2img" ? [vaeAt(h, w)] : [], extraBytes: 0 };
  let [outH, outW] = [h, w];
  if (p.kind === "txt2img" && params.enableHr) {
    const target = hiresTarget(params);
    [outH, outW] = [target.height / 8, target.width / 8];
    plan.unet.push(unetAt(outH, outW));
    if (!isLatentUpscaleMode(params.hrUpscaler ?? "Latent")) {
      plan.vaeDecode.push(vaeAt(h, w));
      plan.vaeEncode.push(vaeAt(outH, outW));
    }
  }
  plan.vaeDecode.push(vaeAt(outH, outW));
  plan.extraBytes = BYTES_PER_IMAGE_PIXEL * batch * outH * outW * 64;
  return plan;
}

function largest(memory: ComponentMemory | null, calls: CallShape[], chunking: AttentionChunking): number {
  if (!memory) return 0;
  return calls.reduce((most, call) => Math.max(most, callPeak(memory, call, chunking)), 0);
}

export function estimateJob(model: StableDiffusionModel, plan: MemoryPlan, chunking: AttentionChunking): JobEstimate {
  const m = model.memory;
  const unet = largest(m.unet, plan.unet, chunking);
  const vaeDecode = largest(m.vaeDecoder, plan.vaeDecode, chunking);
  const vaeEncode = largest(m.vaeEncoder, plan.vaeEncode, chunking);
  return { total: unet + vaeDecode + vaeEncode + plan.extraBytes, unet, vaeDecode, vaeEncode, extra: plan.extraBytes };
}
