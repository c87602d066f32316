// The parameters of one generation job, validated at the boundary (UI server actions and the
// HTTP API both end here). Field names follow A1111's processing object in camelCase; bounds are
// A1111's UI ranges.
import { z } from "zod";
import { MAX_PROMPT_NESTING, PromptNestingError, promptNestingDepth } from "@/lib/prompts/nesting";

/** A prompt: bounded in length, and in bracket nesting so the prompt parsers never recurse past their limit. */
const text = z
  .string()
  .max(50_000)
  .superRefine((prompt, ctx) => {
    const depth = promptNestingDepth(prompt);
    if (depth > MAX_PROMPT_NESTING) ctx.addIssue({ code: "custom", message: new PromptNestingError(depth).message });
  });
/**
 * The largest side a job may ask for. A1111's API takes any size; whether a picture fits in memory is
 * decided before the job runs, from its estimated peak (lib/admission), not by this bound.
 */
export const MAX_SIDE = 16384;
const size = z.number().int().min(64).max(MAX_SIDE).multipleOf(8, "must be a multiple of 8");
const seed = z.number().int().min(-1).max(2 ** 53);

export const generationParamsSchema = z.object({
  prompt: text.default(""),
  negativePrompt: text.default(""),
  /** Styles from styles.csv applied to every prompt in this order (docs/a1111/prompts.md#styles); unknown names apply nothing. */
  styles: z.array(z.string().max(1000)).max(100).default([]),
  samplerName: z.string().default("DPM++ 2M"),
  scheduler: z.string().default("Automatic"),
  steps: z.number().int().min(1).max(150).default(20),
  cfgScale: z.number().min(1).max(30).default(7),
  width: size.default(512),
  height: size.default(512),
  seed: seed.default(-1),
  subseed: seed.default(-1),
  subseedStrength: z.number().min(0).max(1).default(0),
  seedResizeFromW: z.number().int().min(-1).max(MAX_SIDE).default(0),
  seedResizeFromH: z.number().int().min(-1).max(MAX_SIDE).default(0),
  batchSize: z.number().int().min(1).max(8).default(1),
  nIter: z.number().int().min(1).max(100).default(1),
  /** Hires fix (docs/a1111/generation.md#hires-fix); UI defaults (the API's differ: denoising 0.75, upscaler null). */
  enableHr: z.boolean().default(false),
  hrScale: z.number().min(1).max(4).default(2),
  hrResizeX: z.number().int().min(0).max(MAX_SIDE).default(0),
  hrResizeY: z.number().int().min(0).max(MAX_SIDE).default(0),
  /** A latent mode or an image upscaler; null behaves as "Latent" and is not written to infotext. */
  hrUpscaler: z.string().nullable().default("Latent"),
  /** 0 = same as `steps`. */
  hrSecondPassSteps: z.number().int().min(0).max(150).default(0),
  /** The hires pass's (txt2img) or the img2img pass's denoising strength. */
  denoisingStrength: z.number().min(0).max(1).default(0.7),
  hrSamplerName: z.string().default("Use same sampler"),
  hrScheduler: z.string().default("Use same scheduler"),
  /** Empty = the first pass's prompt. */
  hrPrompt: text.default(""),
  hrNegativePrompt: text.default(""),
  /** The selectable script to run (its title or id, as A1111's `script_name`); null = none. */
  scriptName: z.string().max(200).nullable().default(null),
  /** Its arguments, by position (A1111's `script_args`) or by name. */
  scriptArgs: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).default([]),
  /** Arguments of always-on scripts by title or id (A1111's `alwayson_scripts`: `{ title: { args } }`). */
  alwaysonScripts: z.record(z.string(), z.object({ args: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).default([]) })).default({}),
  /**
   * Per-image prompts and seeds (A1111's `p.prompt` / `p.seed` given as lists, as Prompt matrix does):
   * image i uses entry i; null = every image from `prompt` / `seed`. One entry per image of the job.
   */
  allPrompts: z.array(text).nullable().default(null),
  allNegativePrompts: z.array(text).nullable().default(null),
  allSeeds: z.array(seed).nullable().default(null),
  /** Infotext fields a script sets for this job (A1111's `p.extra_generation_params`: Loopback's curve). */
  extraGenerationParams: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.object({ pyFloat: z.number() })])).default({}),
  /** Settings for this job only (A1111 `override_settings`). */
  overrideSettings: z.record(z.string(), z.unknown()).default({}),
  saveImages: z.boolean().default(true),
  /** API requests carry Python floats: infotext then prints `CFG scale: 7.0` as A1111's API does. */
  floatNumbers: z.boolean().default(false),
});

export type GenerationParams = z.infer<typeof generationParamsSchema>;
export type GenerationInput = z.input<typeof generationParamsSchema>;

/** Turns a zod error into one readable sentence per problem ("steps: must be at most 150"). */
export function describeValidationError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ");
}
