// The txt2img tab's form state and its translation into the server's GenerationInput. Defaults come
// from the params schema itself, so the UI and the API cannot drift apart.
import type { PastableForm } from "@/app/ui/txt2img/apply-infotext";
import { generationParamsSchema } from "@/lib/pipeline/params";
import type { PromptFields } from "@/app/ui/generation/prompt-section";
import type { HiresFields } from "@/app/ui/txt2img/hires-section";
import type { SamplingFields } from "@/app/ui/generation/sampling-section";
import type { SeedFields } from "@/app/ui/generation/seed-section";
import type { SizeFields } from "@/app/ui/generation/size-section";
import type { Options } from "@/lib/settings/options";

/**
 * One slice per section of the tab; scripts will add theirs. `overrideSettings` is
 * A1111's "Override settings" box: settings for this tab's jobs only, filled by pasted infotext.
 */
export type Txt2imgForm = PromptFields & SamplingFields & SizeFields & { cfgScale: number } & SeedFields & HiresFields & { overrideSettings: Partial<Options> };

/** The form as A1111 opens it; the sampler and schedule default to the first entries of their lists. */
export function defaultTxt2imgForm(samplers: readonly string[], schedules: readonly string[]): Txt2imgForm {
  const d = generationParamsSchema.parse({});
  return {
    ...commonFormDefaults(d, samplers, schedules),
    enableHr: d.enableHr,
    hrUpscaler: d.hrUpscaler ?? "Latent",
    hrSecondPassSteps: d.hrSecondPassSteps,
    denoisingStrength: d.denoisingStrength,
    hrScale: d.hrScale,
    hrResizeX: d.hrResizeX,
    hrResizeY: d.hrResizeY,
    hrSamplerName: d.hrSamplerName,
    hrScheduler: d.hrScheduler,
    hrPrompt: d.hrPrompt,
    hrNegativePrompt: d.hrNegativePrompt,
  };
}

/** The fields every generation tab shares, from its schema's defaults; sampler and schedule are the lists' first entries. */
export function commonFormDefaults(d: Omit<PastableForm, "extra" | "overrideSettings">, samplers: readonly string[], schedules: readonly string[]): PastableForm {
  return {
    prompt: d.prompt,
    negativePrompt: d.negativePrompt,
    styles: d.styles,
    samplerName: samplers[0] ?? d.samplerName,
    scheduler: schedules[0] ?? d.scheduler,
    steps: d.steps,
    width: d.width,
    height: d.height,
    nIter: d.nIter,
    batchSize: d.batchSize,
    cfgScale: d.cfgScale,
    seed: d.seed,
    extra: false,
    subseed: d.subseed,
    subseedStrength: d.subseedStrength,
    seedResizeFromW: d.seedResizeFromW,
    seedResizeFromH: d.seedResizeFromH,
    overrideSettings: {},
  };
}

/**
 * The seed section's "Extra" checkbox only gates the variation controls. With it unticked A1111's seed
 * script resets the variation controls (subseed −1, strength 0, no seed resize) whatever they show, so
 * hidden values never leak into a job. Any tab's form with a seed section goes through here.
 */
export function toGenerationInput<Form extends SeedFields>(form: Form): Omit<Form, "extra"> {
  const { extra, ...fields } = form;
  if (extra) return fields;
  return { ...fields, subseed: -1, subseedStrength: 0, seedResizeFromW: 0, seedResizeFromH: 0 };
}
