// The sampling driver: A1111's KDiffusionSampler.sample / sample_img2img and the timestep samplers'
// equivalents (docs/samplers.md#driving-a-sampler, docs/samplers.md#timestep-samplers). It turns (sampler, schedule type, steps, img2img strength) into
// the σ list or timesteps, scales the initial noise, wires η/churn/Brownian noise, records the
// infotext keys A1111 adds, and stops at the next model call when interrupted.
import { JobInterrupted } from "@/lib/job-interrupted";
import type { InfotextValue } from "@/lib/infotext/values";
import { brownianSubstitute } from "@/lib/sampling/brownian-substitute";
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import { lincomb } from "@/lib/sampling/lincomb";
import { effectiveScheduleType, findSampler, isTimestepSampler, type SamplerEntry, type SamplerOptions } from "@/lib/sampling/registry";
import { discardNextToLastSigma } from "@/lib/sampling/schedulers";
import { uniformSigmas } from "@/lib/sampling/schedulers/uniform";
import { ddimSampler } from "@/lib/sampling/samplers/ddim";
import { sampleDpm2 } from "@/lib/sampling/samplers/dpm2";
import { sampleDpm2Ancestral } from "@/lib/sampling/samplers/dpm2-ancestral";
import { sampleDpmAdaptive } from "@/lib/sampling/samplers/dpm-adaptive";
import { dpmFastOrders, sampleDpmFast } from "@/lib/sampling/samplers/dpm-fast";
import { sampleDpmpp2m } from "@/lib/sampling/samplers/dpmpp-2m";
import { sampleDpmpp2mSde } from "@/lib/sampling/samplers/dpmpp-2m-sde";
import { sampleDpmpp2sAncestral } from "@/lib/sampling/samplers/dpmpp-2s-ancestral";
import { sampleDpmpp3mSde } from "@/lib/sampling/samplers/dpmpp-3m-sde";
import { sampleDpmppSde } from "@/lib/sampling/samplers/dpmpp-sde";
import { sampleEuler } from "@/lib/sampling/samplers/euler";
import { sampleEulerAncestral } from "@/lib/sampling/samplers/euler-ancestral";
import { sampleHeun } from "@/lib/sampling/samplers/heun";
import { lcmSigmas, sampleLcm } from "@/lib/sampling/samplers/lcm";
import { sampleLms } from "@/lib/sampling/samplers/lms";
import { samplePlms } from "@/lib/sampling/samplers/plms";
import { sampleRestart } from "@/lib/sampling/samplers/restart";
import { sampleUniPc } from "@/lib/sampling/samplers/unipc";
import type { BrownianNoise, KSampler, KSamplerOptions, NoiseSource, SamplerModel, SamplerStep, StepInfo } from "@/lib/sampling/types";

/**
 * k-diffusion's sampler functions by name (a registry entry's `fn`), given the entry's options as A1111
 * passes them (DPM++ 2M SDE Heun is `sample_dpmpp_2m_sde` with solver_type "heun").
 */
const K_DIFFUSION_FUNCTIONS: Record<string, (options: SamplerOptions) => KSampler> = {
  sample_dpmpp_2m: () => sampleDpmpp2m,
  sample_dpmpp_sde: () => sampleDpmppSde,
  sample_dpmpp_2m_sde: (options) => sampleDpmpp2mSde(options.solver_type ?? "midpoint"),
  sample_dpmpp_2s_ancestral: () => sampleDpmpp2sAncestral,
  sample_dpmpp_3m_sde: () => sampleDpmpp3mSde,
  sample_euler_ancestral: () => sampleEulerAncestral,
  sample_euler: () => sampleEuler,
  sample_lms: () => sampleLms,
  sample_heun: () => sampleHeun,
  sample_dpm_2: () => sampleDpm2,
  sample_dpm_2_ancestral: () => sampleDpm2Ancestral,
  restart_sampler: () => sampleRestart,
};

export interface SamplerParams {
  eta?: number;
  etaDdim?: number;
  sChurn?: number;
  sTmin?: number;
  sTmax?: number;
  sNoise?: number;
  sigmaMin?: number;
  sigmaMax?: number;
  rho?: number;
  betaAlpha?: number;
  betaBeta?: number;
  alwaysDiscardNextToLastSigma?: boolean;
  sgmNoiseMultiplier?: boolean;
  uniPcOrder?: number;
  /** Align Your Steps' SDXL table. */
  sdxl?: boolean;
}

export interface Img2ImgInput {
  initLatent: Float32Array;
  denoisingStrength: number;
  fixSteps?: boolean;
}

export interface SampleOptions {
  sampler: string;
  scheduler: string;
  steps: number;
  model: SamplerModel;
  schedule: DiscreteSchedule;
  /** The first next() is the initial noise, later ones are the sampler's noise. */
  noise: NoiseSource;
  brownian?: (sigmaMin: number, sigmaMax: number) => BrownianNoise;
  img2img?: Img2ImgInput;
  params?: SamplerParams;
  onStep?: (info: StepInfo) => void;
  isInterrupted?: () => boolean;
  /** img2img with σ-list samplers: may replace the start latent, its noise and the σ list (noise inversion). */
  img2imgStart?: (start: Img2imgStartState) => Promise<Img2imgStartState>;
}

export interface Img2imgStartState {
  initLatent: Float32Array;
  noise: Float32Array;
  sigmas: number[];
}

export interface SampleResult {
  latent: Float32Array;
  interrupted: boolean;
  extraParams: Array<[string, InfotextValue]>;
  totalSteps: number;
}

/** setup_img2img_steps (docs/a1111/generation.md#img2img-and-inpainting): schedule length and t_enc; the last t_enc + 1 steps run. */
export function stepsForDenoising(steps: number, strength: number, fixSteps = false): { scheduleSteps: number; tEnc: number; runs: number } {
  const capped = Math.min(strength, 0.999);
  if (fixSteps) {
    // At strength 0 A1111's schedule has no steps: the init latent passes through unchanged.
    if (strength <= 0) return { scheduleSteps: 0, tEnc: steps - 1, runs: 0 };
    return { scheduleSteps: Math.trunc(steps / capped), tEnc: steps - 1, runs: steps };
  }
  const tEnc = Math.trunc(capped * steps);
  return { scheduleSteps: steps, tEnc, runs: tEnc + 1 };
}

/** Steps the prompt schedule spans: 2×steps for second-order samplers (docs/a1111/prompts.md#which-steps). */
export function promptScheduleSteps(sampler: string, steps: number): number {
  return findSampler(sampler)?.options.second_order ? steps * 2 : steps;
}

function requireSampler(name: string): SamplerEntry {
  const sampler = findSampler(name);
  if (!sampler) throw new Error(`unknown sampler "${name}"`);
  return sampler;
}

/** A1111's get_timesteps: range(0, T, T // n) + 1, clipped to T − 1. */
export function samplerTimesteps(n: number, trainSteps = 1000): number[] {
  const stride = Math.floor(trainSteps / n);
  const out: number[] = [];
  for (let t = 0; t < trainSteps; t += stride) out.push(Math.min(t + 1, trainSteps - 1));
  return out;
}

interface Plan {
  sampler: SamplerEntry;
  extraParams: Array<[string, InfotextValue]>;
  /** k-diffusion kinds: the σ list the sampler walks. */
  sigmas: number[];
  /** The full schedule (Brownian tree range). */
  fullSigmas: number[];
  /** Timestep kinds: the timesteps the sampler walks. */
  timesteps: number[];
  /** img2img: where the init latent is noised to (σ, or timestep for timestep samplers). */
  tEnc: number;
  totalSteps: number;
}

function plan(o: Pick<SampleOptions, "sampler" | "scheduler" | "steps" | "schedule" | "img2img" | "params">): Plan {
  const sampler = requireSampler(o.sampler);
  const p = o.params ?? {};
  const extraParams: Array<[string, InfotextValue]> = [];
  const { scheduleSteps, tEnc } = o.img2img ? stepsForDenoising(o.steps, o.img2img.denoisingStrength, o.img2img.fixSteps) : { scheduleSteps: o.steps, tEnc: 0 };
  let discard = !!sampler.options.discard_next_to_last_sigma;
  if (p.alwaysDiscardNextToLastSigma && !discard) {
    discard = true;
    extraParams.push(["Discard penultimate sigma", true]);
  }
  const n = scheduleSteps + (discard ? 1 : 0);

  if (isTimestepSampler(sampler)) {
    const all = samplerTimesteps(n, o.schedule.alphasCumprod.length);
    const timesteps = o.img2img ? all.slice(0, tEnc) : all;
    const totalSteps = sampler.kind === "unipc" ? timesteps.length : timesteps.length - 1;
    return { sampler, extraParams, sigmas: [], fullSigmas: [], timesteps: o.img2img ? all : timesteps, tEnc, totalSteps };
  }

  const m = o.schedule;
  let sigmas: number[];
  const type = effectiveScheduleType(sampler, o.scheduler);
  if (!type?.build) {
    sigmas = sampler.kind === "lcm" ? lcmSigmas(n, m) : uniformSigmas(n, m);
  } else {
    extraParams.push(["Schedule type", type.label]);
    let sigmaMin = m.sigmaMin;
    let sigmaMax = m.sigmaMax;
    if (p.sigmaMin && p.sigmaMin !== m.sigmaMin) {
      sigmaMin = p.sigmaMin;
      extraParams.push(["Schedule min sigma", p.sigmaMin]);
    }
    if (p.sigmaMax && p.sigmaMax !== m.sigmaMax) {
      sigmaMax = p.sigmaMax;
      extraParams.push(["Schedule max sigma", p.sigmaMax]);
    }
    let rho: number | undefined;
    if (type.defaultRho !== -1 && p.rho && p.rho !== type.defaultRho) {
      rho = p.rho;
      extraParams.push(["Schedule rho", p.rho]);
    }
    const betaAlpha = p.betaAlpha ?? 0.6;
    const betaBeta = p.betaBeta ?? 0.6;
    if (type.name === "beta") extraParams.push(["Beta schedule alpha", betaAlpha], ["Beta schedule beta", betaBeta]);
    sigmas = type.build(n, { sigmaMin, sigmaMax, rho, model: m, betaAlpha, betaBeta, sdxl: p.sdxl });
  }
  if (discard) sigmas = discardNextToLastSigma(sigmas);
  const fullSigmas = sigmas;
  if (o.img2img) sigmas = sigmas.slice(scheduleSteps - tEnc - 1);

  let totalSteps = sigmas.length - 1;
  if (sampler.kind === "dpm-fast") totalSteps = dpmFastOrders(o.img2img ? sigmas.length - 1 : o.steps).length;
  if (sampler.kind === "dpm-adaptive") totalSteps = o.img2img ? sigmas.length - 1 : o.steps; // data-dependent; an estimate
  return { sampler, extraParams, sigmas, fullSigmas, timesteps: [], tEnc, totalSteps };
}

/** Steps the onStep callback reports for these settings (progress bars). */
export function samplerStepCount(o: Pick<SampleOptions, "sampler" | "scheduler" | "steps" | "schedule" | "img2img" | "params">): number {
  return plan(o).totalSteps;
}

export async function sample(o: SampleOptions): Promise<SampleResult> {
  if (o.img2img && stepsForDenoising(o.steps, o.img2img.denoisingStrength, o.img2img.fixSteps).runs === 0) {
    o.noise.next(); // the initial draw still happens, so later draws keep their place
    return { latent: Float32Array.from(o.img2img.initLatent), interrupted: false, extraParams: [], totalSteps: 0 };
  }
  const pl = plan(o);
  const { sampler, extraParams, totalSteps } = pl;
  const p = o.params ?? {};
  const m = o.schedule;
  const first = o.noise.next();
  let last: Float32Array = first;

  // The model as the sampler sees it: interruption checks and the latest x₀ prediction.
  const inner = o.model;
  const model: SamplerModel = {
    async denoise(x, sigma) {
      if (o.isInterrupted?.()) throw new JobInterrupted("sampling");
      last = await inner.denoise(x, sigma);
      return last;
    },
    async eps(z, t) {
      if (o.isInterrupted?.()) throw new JobInterrupted("sampling");
      const eps = await inner.eps(z, t);
      const alphaBar = 1 / (1 + m.tToSigma(t) ** 2);
      last = lincomb([1 / Math.sqrt(alphaBar), z], [-Math.sqrt((1 - alphaBar) / alphaBar), eps]);
      return eps;
    },
    get cfgScaleMultiplier() {
      return inner.cfgScaleMultiplier;
    },
    set cfgScaleMultiplier(v) {
      inner.cfgScaleMultiplier = v;
    },
    get lastUncondEps() {
      return inner.lastUncondEps;
    },
  };
  const onStep = (s: SamplerStep) => {
    last = s.denoised;
    o.onStep?.({ ...s, total: totalSteps });
  };

  const run = async (): Promise<Float32Array> => {
    if (isTimestepSampler(sampler)) {
      const etaDdim = p.etaDdim ?? 0;
      if (sampler.hasEta && etaDdim !== 0) extraParams.push(["Eta DDIM", etaDdim]);
      let z = first;
      let timesteps = pl.timesteps;
      if (o.img2img) {
        const a = m.alphasCumprod[timesteps[pl.tEnc]];
        z = lincomb([Math.sqrt(a), o.img2img.initLatent], [Math.sqrt(1 - a), first]);
        timesteps = timesteps.slice(0, pl.tEnc);
      }
      last = z;
      const to = { alphasCumprod: m.alphasCumprod, noise: o.noise, eta: etaDdim, onStep };
      if (sampler.kind === "unipc") return sampleUniPc(model, z, timesteps, { ...to, order: p.uniPcOrder ?? 3, img2img: !!o.img2img });
      if (sampler.kind === "plms") return samplePlms(model, z, timesteps, to);
      return ddimSampler(sampler.kind === "ddim-cfgpp")(model, z, timesteps, to);
    }

    let sigmas = pl.sigmas;
    let x: Float32Array;
    if (o.img2img) {
      let start: Img2imgStartState = { initLatent: o.img2img.initLatent, noise: first, sigmas };
      if (o.img2imgStart) start = await o.img2imgStart(start);
      sigmas = start.sigmas;
      x = lincomb([1, start.initLatent], [sigmas[0], start.noise]);
    } else if (p.sgmNoiseMultiplier) {
      extraParams.push(["SGM noise multiplier", true]);
      x = lincomb([Math.sqrt(1 + sigmas[0] ** 2), first]);
    } else {
      x = lincomb([sigmas[0], first]);
    }
    last = x;

    const eta = p.eta ?? 1;
    if (sampler.hasEta && eta !== 1) extraParams.push(["Eta", eta]);
    const ko: KSamplerOptions = { noise: o.noise, eta, onStep };
    // Settings that differ from the sampler defaults override and are written (docs/a1111/quirks.md#q10).
    const takes = (name: SamplerEntry["extraParams"][number]) => sampler.extraParams.includes(name);
    if (takes("s_churn") && p.sChurn) extraParams.push(["Sigma churn", (ko.sChurn = p.sChurn)]);
    if (takes("s_tmin") && p.sTmin) extraParams.push(["Sigma tmin", (ko.sTmin = p.sTmin)]);
    if (takes("s_tmax") && p.sTmax) extraParams.push(["Sigma tmax", (ko.sTmax = p.sTmax)]);
    if (takes("s_noise") && p.sNoise !== undefined && p.sNoise !== 1) extraParams.push(["Sigma noise", (ko.sNoise = p.sNoise)]);
    if (sampler.options.brownian_noise) {
      const positive = pl.fullSigmas.filter((s) => s > 0);
      ko.brownian = o.brownian ? o.brownian(Math.min(...positive), Math.max(...positive)) : brownianSubstitute(o.noise);
    }

    if (sampler.kind === "dpm-fast" || sampler.kind === "dpm-adaptive") {
      // They take σ_min/σ_max instead of the σ list; both stop at σ_min (docs/samplers.md#driving-a-sampler).
      const [sigmaMin, sigmaMax] = o.img2img ? [sigmas[sigmas.length - 2], sigmas[0]] : [m.sigmaMin, m.sigmaMax];
      if (sampler.kind === "dpm-adaptive") return sampleDpmAdaptive(model, x, sigmaMin, sigmaMax, ko);
      return sampleDpmFast(model, x, sigmaMin, sigmaMax, o.img2img ? sigmas.length - 1 : o.steps, ko);
    }
    if (sampler.kind === "lcm") return sampleLcm(model, x, sigmas, m, ko);
    return K_DIFFUSION_FUNCTIONS[sampler.fn](sampler.options)(model, x, sigmas, ko);
  };

  try {
    const latent = await run();
    return { latent, interrupted: false, extraParams, totalSteps };
  } catch (e) {
    // Our own check, or the model's (the CFG denoiser checks the same flag).
    if (e instanceof JobInterrupted || o.isInterrupted?.()) return { latent: last, interrupted: true, extraParams, totalSteps };
    throw e;
  }
}
