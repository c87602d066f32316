// One sampling pass over a batch (A1111's `sampler.sample` / `sample_img2img` call): the CFG
// denoiser around the UNet, the sampler with the job's settings, progress and live previews.
import { CfgDenoiser } from "@/lib/pipeline/cfg-denoiser";
import type { ConditioningBatch, TextConditioning } from "@/lib/pipeline/conditioning-schedule";
import { previewDataUrl } from "@/lib/pipeline/live-preview";
import { maskBlend, type LatentMask } from "@/lib/pipeline/mask-blend";
import type { Processing } from "@/lib/pipeline/processing";
import { unetFn } from "@/lib/pipeline/unet-call";
import { promptScheduleSteps, sample, type Img2imgStartState } from "@/lib/sampling/sample";
import { discreteScheduleFromConfig } from "@/lib/sampling/discrete-schedule";
import type { BrownianNoise, NoiseSource } from "@/lib/sampling/types";
import { jobHooks } from "@/lib/scripts/job-hooks";
import type { Tensor } from "@/lib/tensor";

export interface SamplingPassInput {
  p: Processing;
  sampler: string;
  scheduler: string;
  steps: number;
  conditioning: ConditioningBatch;
  emptyChunk: TextConditioning;
  latentShape: [number, number, number];
  noise: NoiseSource;
  brownian?: (sigmaMin: number, sigmaMax: number) => BrownianNoise;
  img2img?: { initLatent: Float32Array; denoisingStrength: number; fixSteps?: boolean };
  imageCond?: Tensor | null;
  /** Inpainting: the latent is blended with the init latent every step (mask-blend.ts). */
  latentMask?: LatentMask | null;
}

export interface SamplingPassResult {
  latent: Float32Array;
  interrupted: boolean;
}

/** The sampler settings A1111 reads from Settings (request values win where the request has them). */
function samplerParams(p: Processing) {
  const o = p.options;
  return {
    eta: o.eta_ancestral,
    etaDdim: o.eta_ddim,
    sChurn: o.s_churn,
    sTmin: o.s_tmin,
    sTmax: o.s_tmax,
    sNoise: o.s_noise,
    sigmaMin: o.sigma_min || undefined,
    sigmaMax: o.sigma_max || undefined,
    rho: o.rho || undefined,
    betaAlpha: o.beta_dist_alpha,
    betaBeta: o.beta_dist_beta,
    alwaysDiscardNextToLastSigma: o.always_discard_next_to_last_sigma,
    sgmNoiseMultiplier: o.sgm_noise_multiplier,
    uniPcOrder: o.uni_pc_order,
  };
}

/** The scripts' img2imgStart hooks on the sampler's start state (tensors carry the batch shape for them). */
async function scriptedImg2imgStart(p: Processing, start: Img2imgStartState, shape: number[]): Promise<Img2imgStartState> {
  const out = await jobHooks(p).img2imgStart({ initLatent: { data: start.initLatent, shape }, noise: { data: start.noise, shape }, sigmas: start.sigmas });
  return { initLatent: out.initLatent.data, noise: out.noise.data, sigmas: [...out.sigmas] };
}

export async function runSamplingPass(input: SamplingPassInput): Promise<SamplingPassResult> {
  const { p, latentShape } = input;
  const progress = p.progress;
  const model = p.model;
  const schedule = discreteScheduleFromConfig(model.scheduler);
  const batch = input.conditioning.cond.length;
  // Scripts may force another sampler or schedule for this pass (samplerOverride).
  const choice = jobHooks(p).samplerChoice({ sampler: input.sampler, scheduler: input.scheduler });
  const unet = jobHooks(p).wrapUnet(unetFn(model.unet, p.graph));
  const denoiser = new CfgDenoiser({
    unet,
    schedule,
    predictionType: schedule.predictionType,
    conditioning: input.conditioning,
    cfgScale: p.params.cfgScale,
    latentShape,
    totalSteps: promptScheduleSteps(choice.sampler, input.steps),
    padCondUncond: p.options.pad_cond_uncond ? { emptyChunk: input.emptyChunk } : null,
    imageCond: input.imageCond,
    maskBlend: input.latentMask ? (current, sigma) => maskBlend(p, input.latentMask!, current, [batch, ...latentShape], sigma) : null,
    isInterrupted: () => progress.shouldStop,
  });

  const previewEvery = p.options.live_previews_enable ? p.options.show_progress_every_n_steps : -1;
  const [, h, w] = latentShape;
  const result = await sample({
    sampler: choice.sampler,
    scheduler: choice.scheduler,
    steps: input.steps,
    model: denoiser,
    schedule,
    noise: input.noise,
    brownian: input.brownian,
    img2img: input.img2img,
    params: samplerParams(p),
    isInterrupted: () => progress.shouldStop,
    img2imgStart: input.img2img ? (start) => scriptedImg2imgStart(p, start, [batch, ...latentShape]) : undefined,
    onStep: ({ i, total, denoised }) => {
      progress.samplingSteps = total;
      progress.samplingStep = i + 1;
      if (previewEvery > 0 && (i + 1) % previewEvery === 0) {
        // Fire and forget: a slow preview must never hold up sampling.
        previewDataUrl(denoised.slice(), batch, h, w).then(
          (url) => progress.setPreview(url),
          () => undefined,
        );
      }
    },
  });
  for (const [key, value] of result.extraParams) p.extraGenerationParams.set(key, value);
  return { latent: result.latent, interrupted: result.interrupted };
}
