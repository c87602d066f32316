// From an A1111 txt2img request to the pipeline's GenerationParams (a1111-spec.md §6.3 "Request
// handling"). What the pipeline cannot do yet is refused with a 422 naming the field, except where
// A1111 itself ignores a field (hires fields without enable_hr, unknown style names, …).
import { ApiError, RequestValidationError, validationIssues } from "@/lib/api/errors";
import { validateSettings } from "@/lib/api/setting-values";
import type { Txt2imgRequest } from "@/lib/api/txt2img-request";
import { generationParamsSchema, type GenerationInput, type GenerationParams } from "@/lib/pipeline/params";
import { resolveSamplerAndScheduler, SAMPLERS } from "@/lib/sampling/registry";
import { findScheduleType } from "@/lib/sampling/schedulers";

/** Request field behind each GenerationParams field, so range errors point at what the client sent. */
const REQUEST_FIELD: Partial<Record<keyof GenerationInput, keyof Txt2imgRequest>> = {
  negativePrompt: "negative_prompt",
  samplerName: "sampler_name",
  cfgScale: "cfg_scale",
  subseedStrength: "subseed_strength",
  seedResizeFromW: "seed_resize_from_w",
  seedResizeFromH: "seed_resize_from_h",
  batchSize: "batch_size",
  nIter: "n_iter",
  overrideSettings: "override_settings",
  saveImages: "save_images",
};

/**
 * A1111's API sampler resolution: `sampler_name or sampler_index`, a trailing schedule name split
 * off ("DPM++ 2M Karras"), an unknown sampler silently replaced by the first one (DPM++ 2M, quirk
 * Q11). A `scheduler` sent explicitly wins over one carried in the sampler name.
 */
export function apiSampler(samplerName: string | null, samplerIndex: string, scheduler: string | null): { samplerName: string; scheduler: string } {
  const resolved = resolveSamplerAndScheduler(samplerName || samplerIndex, scheduler) ?? resolveSamplerAndScheduler(SAMPLERS[0].name, scheduler);
  if (!resolved) throw new Error("the sampler registry is empty");
  if (!scheduler) return { samplerName: resolved.sampler.name, scheduler: resolved.scheduler.label };
  const requested = findScheduleType(scheduler);
  if (!requested) {
    throw new RequestValidationError([{ loc: ["body", "scheduler"], msg: `scheduler '${scheduler}' not found`, type: "value_error" }]);
  }
  return { samplerName: resolved.sampler.name, scheduler: requested.label };
}

/** Fields A1111 would act on but Onyx cannot yet: a 422 rather than a silently different picture. */
function refuseUnsupported(req: Txt2imgRequest): void {
  if (req.script_name) throw new ApiError(422, `Script '${req.script_name}' not found`);
  const alwaysOn = Object.keys(req.alwayson_scripts)[0];
  if (alwaysOn !== undefined) throw new ApiError(422, `always on script ${alwaysOn} not found`);
  if (req.enable_hr) throw new ApiError(422, "enable_hr: Hires. fix is not supported yet");
  if (req.restore_faces) throw new ApiError(422, "restore_faces: no face restoration model is installed");
  if (req.tiling) throw new ApiError(422, "tiling: tiling is not supported yet");
  if (req.refiner_checkpoint && req.refiner_checkpoint !== "None" && (req.refiner_switch_at ?? 1) < 1) {
    throw new ApiError(422, "refiner_checkpoint: the refiner is not supported yet");
  }
}

export function txt2imgParams(req: Txt2imgRequest): GenerationParams {
  refuseUnsupported(req);
  const overrides = validateSettings(req.override_settings ?? {}, ["body", "override_settings"], "drop");
  // `save_images: false` sets do_not_save_grid, which in A1111 means no grid at all, not even a
  // returned one (quirk Q12); the pipeline reads that from the return_grid setting.
  if (!req.save_images) overrides.return_grid = false;
  const input: GenerationInput = {
    prompt: req.prompt,
    negativePrompt: req.negative_prompt,
    ...apiSampler(req.sampler_name, req.sampler_index, req.scheduler),
    steps: req.steps,
    cfgScale: req.cfg_scale,
    width: req.width,
    height: req.height,
    seed: req.seed,
    subseed: req.subseed,
    subseedStrength: req.subseed_strength,
    seedResizeFromW: req.seed_resize_from_w,
    seedResizeFromH: req.seed_resize_from_h,
    batchSize: req.batch_size,
    nIter: req.n_iter,
    overrideSettings: overrides,
    saveImages: req.save_images,
    floatNumbers: true,
  };
  const parsed = generationParamsSchema.safeParse(input);
  if (!parsed.success) {
    const rename = (key: string) => REQUEST_FIELD[key as keyof GenerationInput] ?? key;
    throw new RequestValidationError(validationIssues(parsed.error, ["body"], rename));
  }
  return parsed.data;
}
