// The job a script's hooks see as `ctx.job` (A1111's processing object `p`, docs/extensions.md#the-job):
// the request's parameters, the settings in force, the per-image prompts and seeds, and the infotext fields
// added so far. `Processing` has this shape. In `process` a script may change what the job will do —
// the size, prompts, steps, sampler, seeds, and in img2img the init images — before any model work starts.
import type { InfotextValue } from "@/lib/infotext/values";
import type { Img2imgParams } from "@/lib/pipeline/img2img-params";
import type { GenerationParams } from "@/lib/pipeline/params";
import type { ScriptTab } from "@/lib/scripts/script-tab";
import type { Options } from "@/lib/settings/options";

/** The img2img-only inputs of a job, as the img2img request declares them (docs/a1111/generation.md#inpainting). */
export type Img2imgJobInputs = Pick<
  Img2imgParams,
  "initImages" | "mask" | "latentMask" | "maskRound" | "resizeMode" | "denoisingStrength" | "maskBlur" | "maskBlurY" | "inpaintingFill" | "inpaintFullRes" | "inpaintFullResPadding" | "inpaintingMaskInvert" | "initialNoiseMultiplier"
>;

export interface ScriptJob {
  readonly kind: ScriptTab;
  /** The validated request (width, height, prompt, steps, sampler, seed, …); fields may be changed in `process`. */
  readonly params: GenerationParams;
  /** The job's whole request as it came (img2img's init images and inpaint fields too): what child jobs start from. */
  readonly request: GenerationParams & Partial<Img2imgJobInputs> & Record<string, unknown>;
  /** The settings in force for this job (stored settings with the request's overrides). */
  readonly options: Readonly<Options>;
  /** Per image of the job (batch count × batch size): prompt, negative prompt, seed, variation seed. */
  readonly allPrompts: string[];
  readonly allNegativePrompts: string[];
  readonly allSeeds: number[];
  readonly allSubseeds: number[];
  /** Infotext fields added so far, in order (A1111's `extra_generation_params`). */
  readonly extraGenerationParams: Map<string, InfotextValue>;
  readonly checkpoint: { readonly name: string; readonly hash: string };
  /** img2img jobs: their init images and inpaint settings; null for txt2img. */
  readonly img2img: Img2imgJobInputs | null;
}
