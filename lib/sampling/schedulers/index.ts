// The schedule types of A1111's sd_schedulers.py (docs/samplers.md#schedule-types), in A1111's order; this list
// also backs GET /sdapi/v1/schedulers. `build` gets the step count n (already +1 for samplers that
// discard the penultimate σ) and returns the σ list highest first.
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import { alignYourStepsSigmas } from "@/lib/sampling/schedulers/align-your-steps";
import { betaSigmas } from "@/lib/sampling/schedulers/beta";
import { ddimSigmas } from "@/lib/sampling/schedulers/ddim";
import { exponentialSigmas } from "@/lib/sampling/schedulers/exponential";
import { karrasSigmas } from "@/lib/sampling/schedulers/karras";
import { klOptimalSigmas } from "@/lib/sampling/schedulers/kl-optimal";
import { normalSigmas } from "@/lib/sampling/schedulers/normal";
import { polyexponentialSigmas } from "@/lib/sampling/schedulers/polyexponential";
import { sgmUniformSigmas } from "@/lib/sampling/schedulers/sgm-uniform";
import { simpleSigmas } from "@/lib/sampling/schedulers/simple";
import { uniformSigmas } from "@/lib/sampling/schedulers/uniform";

export interface ScheduleInputs {
  sigmaMin: number;
  sigmaMax: number;
  /** Only passed when a Setting overrides the scheduler's default ρ. */
  rho?: number;
  model: DiscreteSchedule;
  betaAlpha: number;
  betaBeta: number;
  /** Align Your Steps has a separate SDXL table. */
  sdxl?: boolean;
}

export interface ScheduleType {
  name: string;
  label: string;
  aliases: string[];
  /** ρ the formula uses unless Settings override it; −1 when the schedule has no ρ. */
  defaultRho: number;
  /** Reads the model's σ table / timestep maps (A1111's need_inner_model). */
  needInnerModel: boolean;
  /** null for Automatic, which stands for the sampler's own default. */
  build: ((n: number, o: ScheduleInputs) => number[]) | null;
}

const type = (t: Partial<ScheduleType> & Pick<ScheduleType, "name" | "label" | "build">): ScheduleType => ({
  aliases: [],
  defaultRho: -1,
  needInnerModel: false,
  ...t,
});

export const SCHEDULE_TYPES: readonly ScheduleType[] = [
  type({ name: "automatic", label: "Automatic", build: null }),
  type({ name: "uniform", label: "Uniform", needInnerModel: true, build: (n, o) => uniformSigmas(n, o.model) }),
  type({ name: "karras", label: "Karras", defaultRho: 7, build: (n, o) => karrasSigmas(n, o.sigmaMin, o.sigmaMax, o.rho) }),
  type({ name: "exponential", label: "Exponential", build: (n, o) => exponentialSigmas(n, o.sigmaMin, o.sigmaMax) }),
  type({
    name: "polyexponential",
    label: "Polyexponential",
    defaultRho: 1,
    build: (n, o) => polyexponentialSigmas(n, o.sigmaMin, o.sigmaMax, o.rho),
  }),
  type({
    name: "sgm_uniform",
    label: "SGM Uniform",
    aliases: ["SGMUniform"],
    needInnerModel: true,
    build: (n, o) => sgmUniformSigmas(n, o.sigmaMin, o.sigmaMax, o.model),
  }),
  type({ name: "kl_optimal", label: "KL Optimal", build: (n, o) => klOptimalSigmas(n, o.sigmaMin, o.sigmaMax) }),
  type({ name: "align_your_steps", label: "Align Your Steps", build: (n, o) => alignYourStepsSigmas(n, o.sdxl) }),
  type({ name: "simple", label: "Simple", needInnerModel: true, build: (n, o) => simpleSigmas(n, o.model) }),
  type({ name: "normal", label: "Normal", needInnerModel: true, build: (n, o) => normalSigmas(n, o.sigmaMin, o.sigmaMax, o.model) }),
  type({ name: "ddim", label: "DDIM", needInnerModel: true, build: (n, o) => ddimSigmas(n, o.model) }),
  type({
    name: "beta",
    label: "Beta",
    needInnerModel: true,
    build: (n, o) => betaSigmas(n, o.sigmaMin, o.sigmaMax, o.betaAlpha, o.betaBeta),
  }),
];

/** By name or label (A1111's schedulers_map); aliases only count as name suffixes (docs/samplers.md#name-resolution). */
export function findScheduleType(nameOrLabel: string | undefined | null): ScheduleType | undefined {
  if (!nameOrLabel) return undefined;
  return SCHEDULE_TYPES.find((t) => t.name === nameOrLabel || t.label === nameOrLabel);
}

/** `sigmas[:-2] ++ sigmas[-1:]`: drop the next-to-last σ (DPM2, DPM2 a, DPM++ 3M SDE, or the Setting). */
export function discardNextToLastSigma(sigmas: number[]): number[] {
  return [...sigmas.slice(0, -2), sigmas[sigmas.length - 1]];
}
